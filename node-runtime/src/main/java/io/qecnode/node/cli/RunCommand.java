package io.qecnode.node.cli;

import io.qecnode.io.frame.AtomicFrameCounters;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.journal.NodeJournal;
import io.qecnode.node.journal.NodeRecovery;
import io.qecnode.node.journal.RecoveringSender;
import io.qecnode.node.measure.LineBuffer;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.node.platform.CpuPinning;
import io.qecnode.node.platform.PinnedAgent;
import io.qecnode.node.telemetry.TelemetryAgent;
import io.qecnode.node.topology.ChainTopology;
import io.qecnode.node.topology.NodeRole;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code run}: one node as a long-running process.
 */
@Command(
    name = "run",
    header = "Run one decoding node as a long-running process.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run one node: subscribe to the hardware's syndrome rounds, validate every frame, decode each block and " +
            "offer its LogicalState to the next hop, on one hot thread. Settings come from --config (a properties " +
            "file whose keys are the long option names without dashes, e.g. 'distance=11', 'in-channel=...') and " +
            "from flags, which win. Everything is checked before anything starts. A report line every --report; " +
            "SIGTERM or Ctrl-C drains the block in hand and exits cleanly.",
        "Counters live in the media driver's counters file: watch them with 'qec-node stat --aeron-dir DIR'. For a " +
            "dedicated core, use --pin CORE and --idle busy-spin."})
public final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions options;

    // What a chain node takes besides --topology and --role.
    private static final Set<String> CHAIN_KEYS = Set.of(NodeContext.NODE_PROP, NodeContext.IDLE_PROP, "aeron-dir",
        "embedded-dir", "report", NodeContext.PIN_PROP);

    /** Report interval when none is given. */
    static final String REPORT_DEFAULT = OptionDefaults.INTERVAL;
    private static final int REPORT_LINE_LENGTH = 256;

    // Not --duration: a node runs until stopped, while --duration elsewhere is a measured stretch with one default.
    @Option(names = "--stop-after", paramLabel = "DURATION",
        description = "Stop after this long, with its unit (10s, 5m). Default: run until stopped (SIGTERM, Ctrl-C).")
    private String stopAfter;

    @Override
    public Integer call() throws InterruptedException
    {
        if (options.topology() != null)
        {
            return runChainNode();
        }
        if (options.role() != null)
        {
            throw new ParameterException(spec.commandLine(), "a role goes with --topology, --role=" + options.role());
        }
        final NodeSettings settings = new NodeSettings(spec, options.settings());
        final NodeContext node = settings.applyTo(new NodeContext());
        if (settings.get(NodeContext.BACKLOG_LIMIT_PROP, null) == null && node.journal() == null)
        {
            // A live node holds the hardware's rate by default; with a journal it sheds only when told, since replay
            // decodes every block in full and could not reproduce a shed one.
            node.backlogLimit(NodeContext.BACKLOG_LIMIT_AUTO);
        }
        final long reportNs = Durations.nanos(spec, "--report", settings.get("report", REPORT_DEFAULT),
            TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.DAYS.toNanos(1));
        final long durationNs = stopAfter == null ? 0 :
            Durations.nanos(spec, "--stop-after", stopAfter, 0, TimeUnit.DAYS.toNanos(365));
        if (node.journal() != null)
        {
            checkJournal(node.journal());
        }
        if (settings.get("aeron-dir", null) != null && settings.get("embedded-dir", null) != null)
        {
            throw new ParameterException(spec.commandLine(), "--aeron-dir and --embedded-dir exclude each other");
        }
        // The hardware's publication lands in this driver too when it shares it over IPC.
        final BusContext bus = new BusContext().aeronDirectoryName(settings.get("aeron-dir", null))
            .embeddedDirectoryName(settings.get("embedded-dir", null)).plan(node.outChannel(), 1)
            .plan(node.inChannel(), 1);
        final PrintWriter log = spec.commandLine().getOut();
        try
        {
            runNode(node, bus, reportNs, durationNs, log);
        }
        catch (final JournalException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        return 0;
    }

    private int runChainNode() throws InterruptedException
    {
        final Properties given = options.settings();
        for (final String key : given.stringPropertyNames())
        {
            if (!CHAIN_KEYS.contains(key))
            {
                throw new ParameterException(spec.commandLine(), "--" + key + " does not go with --topology (the " +
                    "topology file gives the chain's code and channels), --topology=" + options.topology());
            }
        }
        if (options.hasConfig())
        {
            throw new ParameterException(spec.commandLine(), "--config does not go with --topology, --topology=" +
                options.topology());
        }
        final NodeSettings settings = new NodeSettings(spec, given);
        final ChainTopology topology = ConfigErrors.checked(spec, () -> ChainTopology.read(options.topology()));
        if (given.getProperty(NodeContext.NODE_PROP) == null)
        {
            throw new ParameterException(spec.commandLine(), "a chain node needs --node, --topology=" +
                options.topology());
        }
        final int node = settings.integer(NodeContext.NODE_PROP, "0", 0, topology.nodeCount() - 1);
        checkRole(topology.role(node));
        final IdleStrategy idle;
        try
        {
            idle = IdleStrategies.of(settings.get(NodeContext.IDLE_PROP, ChainNodeRun.IDLE_DEFAULT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --idle=" +
                settings.get(NodeContext.IDLE_PROP, ""));
        }
        final long reportNs = Durations.nanos(spec, "--report", settings.get("report", REPORT_DEFAULT),
            TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.DAYS.toNanos(1));
        final long durationNs = stopAfter == null ? 0 :
            Durations.nanos(spec, "--stop-after", stopAfter, 0, TimeUnit.DAYS.toNanos(365));
        if (settings.get("aeron-dir", null) != null && settings.get("embedded-dir", null) != null)
        {
            throw new ParameterException(spec.commandLine(), "--aeron-dir and --embedded-dir exclude each other");
        }
        final ChainNodeRun run = new ChainNodeRun(topology, node,
            ConfigErrors.checked(spec, () -> topology.trust().context(node)));
        final BusContext busContext = run.plan(new BusContext().aeronDirectoryName(settings.get("aeron-dir", null))
            .embeddedDirectoryName(settings.get("embedded-dir", null)));
        final PrintWriter log = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.install("qec-node-run");
            MessageBus bus = BusLaunch.launch(busContext, ex -> log.println("error: " + ex)))
        {
            run.run(bus, idle, stop, reportNs, durationNs, log);
        }
        return 0;
    }

    private void checkRole(final NodeRole role)
    {
        final String given = options.role();
        if (given == null)
        {
            return;
        }
        final String expected = role == NodeRole.REPEATER ? "repeater" : "end";
        if (!given.equals("end") && !given.equals("repeater"))
        {
            throw new ParameterException(spec.commandLine(), "must be end or repeater, --role=" + given);
        }
        if (!given.equals(expected))
        {
            throw new ParameterException(spec.commandLine(), "the topology makes this node " +
                (role == NodeRole.REPEATER ? "a repeater" : "an end (" + role + ")") + ", --role=" + given);
        }
    }

    private void runNode(
        final NodeContext node, final BusContext busContext, final long reportNs, final long durationNs,
        final PrintWriter log) throws InterruptedException
    {
        final Consumer<String> logLine = line ->
        {
            log.println(line);
            log.flush();
        };
        final String nodeName = String.valueOf(node.nodeId());
        try (StopSignal stop = StopSignal.install("qec-node-run");
            MessageBus bus = BusLaunch.launch(busContext, ex -> log.println("error: " + ex));
            AtomicFrameCounters frameCounters = AtomicFrameCounters.allocate(bus.aeron()::addCounter);
            NodeJournal journal = node.journal() == null ? null :
                NodeJournal.prepare(node.journal(), bus.aeron()::addCounter, nodeName))
        {
            final FramePublisher publisher = BusCounters.publisher(bus.aeron(),
                bus.publication(node.outChannel(), node.outStream()), "node " + nodeName + " states out",
                new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
            final RecoveringSender sender = new RecoveringSender(publisher);
            node.subscription(bus.subscription(node.inChannel(), node.inStream()))
                .sender(sender)
                .counters(NodeCounters.allocate(bus.aeron(), nodeName))
                .frameCounters(frameCounters)
                .rejectionLog((check, sequence, detail) ->
                    log.printf(Locale.ROOT, "first %s: sequence=%d %s%n", check, sequence, detail))
                .conclude();
            final NodeAgent agent = NodeFactory.newNodeAgent(node);
            final TelemetryAgent telemetry = new TelemetryAgent(node.telemetry());
            final Agent coldAgent = journal == null ? telemetry :
                new CompositeAgent(telemetry, startJournal(journal, node, agent, sender, logLine));
            sender.endRecovery();
            if (node.pinCpu() != NodeContext.PIN_NONE)
            {
                CpuPinning.clearCpuForHotThread(node.pinCpu());
            }
            final AgentRunner runner = new AgentRunner(node.idleStrategy(), ex -> log.println("error: " + ex), null,
                node.pinCpu() != NodeContext.PIN_NONE ? new PinnedAgent(agent, node.pinCpu()) : agent);
            final AgentRunner coldRunner = new AgentRunner(new SleepingMillisIdleStrategy(1),
                ex -> log.println("error: " + ex), null, coldAgent);
            logLine.accept("run: " + node + ", aeron dir=" + bus.directoryName() +
                (bus.isEmbedded() ? " (embedded)" : ""));
            AgentRunner.startOnThread(runner);
            AgentRunner.startOnThread(coldRunner);
            // A report line each interval for as long as the node runs: built and printed without garbage (the
            // journal's description aside).
            final LineBuffer line = new LineBuffer(REPORT_LINE_LENGTH);
            final long[] lastRounds = {0, System.nanoTime()};
            report(stop, durationNs, reportNs, recycled ->
            {
                final Histogram interval = telemetry.reactionNs().getIntervalHistogram(recycled);
                final StringBuilder text = line.clear().append("run: ").append(node.counters().roundsDecoded())
                    .append(" rounds, ").append(node.counters().blocksOut()).append(" blocks out, ")
                    .append(node.counters().blocksIncomplete()).append(" incomplete, ");
                ReportLines.appendReaction(text, interval).append(", ");
                ReportLines.appendRejected(text, frameCounters).append(", not sent ")
                    .append(publisher.notSentCount()).append(", telemetry dropped ")
                    .append(node.telemetry().overflows());
                // Rounds decoded per second over the interval: what the node holds, whichever thread decodes.
                final long rounds = node.counters().roundsDecoded();
                final long nowNs = System.nanoTime();
                final long perSecond = (rounds - lastRounds[0]) * 1_000_000_000L / Math.max(1, nowNs - lastRounds[1]);
                text.append(", ").append(perSecond).append(" rounds/s decoded, ");
                lastRounds[0] = rounds;
                lastRounds[1] = nowNs;
                node.counters().appendBacklog(text);
                if (journal != null)
                {
                    text.append(", ").append(journal.describe());
                }
                line.printTo(log);
                return interval;
            });
            runner.close();
            drain(agent);
            // The decode threads fold what they still hold, then stop.
            agent.close();
            // Closing the cold thread writes what the journal was handed last, a loss not yet recorded included.
            if (journal != null)
            {
                journal.handOff().flushGap();
            }
            coldRunner.close();
            logLine.accept(String.format(Locale.ROOT, "run: stopped: %d rounds decoded, %d blocks out, %s, %s%s",
                node.counters().roundsDecoded(), node.counters().blocksOut(), ReportLines.rejected(frameCounters),
                node.counters().describeBacklog(),
                journal == null ? "" : ", " + journal.describe()));
        }
    }

    // Recover what an earlier run left, then hand the journal's writer to the cold thread.
    private static JournalWriter startJournal(
        final NodeJournal journal, final NodeContext node, final NodeAgent agent, final RecoveringSender sender,
        final Consumer<String> logLine)
    {
        final String decodingSettings = node.decodingSettings();
        final NodeRecovery.Report report = journal.recover(agent, sender, decodingSettings);
        logLine.accept(report == null ? "journal: new journal in " + node.journal().directory() :
            "journal: " + report.describe());
        return journal.start(agent, decodingSettings, logLine);
    }

    // A report line every reportNs until stopped or the duration ends; the line's histogram is recycled.
    private static void report(
        final StopSignal stop, final long durationNs, final long reportNs, final UnaryOperator<Histogram> line)
        throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final long tickNs = Math.min(reportNs, TimeUnit.MILLISECONDS.toNanos(100));
        Histogram interval = null;
        long nextReportNs = startNs + reportNs;
        while (!stop.requested() && (durationNs == 0 || System.nanoTime() - startNs < durationNs))
        {
            TimeUnit.NANOSECONDS.sleep(tickNs);
            if (System.nanoTime() - nextReportNs >= 0)
            {
                nextReportNs += reportNs;
                interval = line.apply(interval);
            }
        }
    }

    // The hot thread has stopped, so this thread may finish the frames already on the subscription.
    private static void drain(final NodeAgent agent)
    {
        int idlePolls = 0;
        while (idlePolls < 10)
        {
            idlePolls = agent.doWork() == 0 ? idlePolls + 1 : 0;
        }
    }

    // Before anything starts: the directory can be made and written, and the disk has room.
    private void checkJournal(final JournalConfig config)
    {
        try
        {
            JournalWriter.checkDirectory(config);
        }
        catch (final JournalException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
