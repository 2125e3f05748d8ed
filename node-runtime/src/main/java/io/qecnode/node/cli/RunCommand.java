package io.qecnode.node.cli;

import io.qecnode.io.frame.FrameLayout;
import io.aeron.Subscription;
import io.qecnode.io.frame.AtomicFrameCounters;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.journal.NodeJournal;
import io.qecnode.node.journal.NodeRecovery;
import io.qecnode.node.journal.RecoveringSender;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.platform.CpuPinning;
import io.qecnode.node.platform.PinnedAgent;
import io.qecnode.node.telemetry.BlockTelemetry;
import io.qecnode.node.telemetry.TelemetryAgent;
import io.qecnode.decoder.code.CodeDescription;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    // Not --duration: a node runs until stopped, while --duration elsewhere is a measured stretch with one default.
    @Option(names = "--stop-after", paramLabel = "DURATION",
        description = "Stop after this long, with its unit (10s, 5m). Default: run until stopped (SIGTERM, Ctrl-C).")
    private String stopAfter;

    @Override
    public Integer call() throws InterruptedException
    {
        final NodeSettings settings = new NodeSettings(spec, options.settings());
        final CodeDescription code = settings.code();
        final int nodeId = settings.integer("node", "1", 0, Integer.MAX_VALUE);
        final String in = settings.get("in-channel", "aeron:ipc");
        final int inStreamId = settings.integer("in-stream", "1001", 1, Integer.MAX_VALUE);
        final String out = settings.get("out-channel", "aeron:ipc");
        final int outStreamId = settings.integer("out-stream", "1002", 1, Integer.MAX_VALUE);
        final IdleStrategy hotIdle = settings.idleStrategy();
        final Supplier<BlockDecoder> decoders = settings.decoders(code);
        final long reportNs = Durations.nanos(spec, "--report", settings.get("report", "1s"),
            TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.DAYS.toNanos(1));
        final long durationNs = stopAfter == null ? 0 :
            Durations.nanos(spec, "--stop-after", stopAfter, 0, TimeUnit.DAYS.toNanos(365));
        final JournalConfig journalConfig = JournalOptions.config(spec, settings);
        final String decodingSettings = settings.decodingText();
        final int hotCpu = hotCpu(settings);
        if (journalConfig != null)
        {
            checkJournal(journalConfig);
        }
        if (settings.get("aeron-dir", null) != null && settings.get("embedded-dir", null) != null)
        {
            throw new ParameterException(spec.commandLine(), "--aeron-dir and --embedded-dir exclude each other");
        }
        // The hardware's publication lands in this driver too when it shares it over IPC.
        final BusContext context = new BusContext().aeronDirectoryName(settings.get("aeron-dir", null))
            .embeddedDirectoryName(settings.get("embedded-dir", null)).plan(out, 1).plan(in, 1);

        final PrintWriter log = spec.commandLine().getOut();
        final Consumer<String> logLine = line ->
        {
            log.println(line);
            log.flush();
        };
        final SystemNanoClock clock = new SystemNanoClock();
        try (StopSignal stop = StopSignal.install("qec-node-run");
            MessageBus bus = BusLaunch.launch(context, ex -> log.println("error: " + ex));
            AtomicFrameCounters frameCounters = AtomicFrameCounters.allocate(bus.aeron()::addCounter);
            NodeJournal journal = journalConfig == null ? null :
                NodeJournal.prepare(journalConfig, bus.aeron()::addCounter, String.valueOf(nodeId)))
        {
            final Subscription subscription = bus.subscription(in, inStreamId);
            final FramePublisher publisher = BusCounters.publisher(bus.aeron(), bus.publication(out, outStreamId),
                "node " + nodeId + " states out", new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
            final RecoveringSender sender = new RecoveringSender(publisher);
            final NodeCounters counters = NodeCounters.allocate(bus.aeron(), String.valueOf(nodeId));
            final BlockTelemetry handOff = new BlockTelemetry(1 << 20, counters.telemetryOverflow());
            final TelemetryAgent telemetry = new TelemetryAgent(handOff);
            final SingleWriterRecorder roundNs = HotRecorders.newRecorder();
            final NodeAgent agent = new NodeAgent(subscription,
                new FrameValidator(new FrameLayout(code.distance(), code.detectorCounts()), 16, frameCounters, (check, sequence, detail) ->
                    log.printf(Locale.ROOT, "first %s: sequence=%d %s%n", check, sequence, detail)),
                decoders.get(), sender, counters, handOff, roundNs, clock,
                nodeId, code.rounds().maxDetectorsPerRound());
            Agent coldAgent = telemetry;
            if (journal != null)
            {
                final NodeRecovery.Report report = journal.recover(agent, sender, decodingSettings);
                logLine.accept(report == null ? "journal: new journal in " + journalConfig.directory() :
                    "journal: " + report.describe());
                coldAgent = new CompositeAgent(telemetry, journal.start(agent, decodingSettings, logLine));
            }
            sender.endRecovery();
            if (hotCpu >= 0)
            {
                CpuPinning.clearCpuForHotThread(hotCpu);
            }
            final AgentRunner runner = new AgentRunner(hotIdle, ex -> log.println("error: " + ex), null,
                hotCpu >= 0 ? new PinnedAgent(agent, hotCpu) : agent);
            final AgentRunner coldRunner = new AgentRunner(new SleepingMillisIdleStrategy(1),
                ex -> log.println("error: " + ex), null, coldAgent);
            logLine.accept(String.format(Locale.ROOT, "run: node %d, %s, in=%s stream=%d, out=%s stream=%d, " +
                "aeron dir=%s%s", nodeId, code, in, inStreamId, out, outStreamId, bus.directoryName(),
                bus.isEmbedded() ? " (embedded)" : ""));
            AgentRunner.startOnThread(runner);
            AgentRunner.startOnThread(coldRunner);
            final long startNs = clock.nanoTime();
            Histogram interval = null;
            while (!stop.requested() && (durationNs == 0 || clock.nanoTime() - startNs < durationNs))
            {
                TimeUnit.NANOSECONDS.sleep(Math.min(reportNs, TimeUnit.MILLISECONDS.toNanos(100)));
                if ((clock.nanoTime() - startNs) / reportNs != (clock.nanoTime() - startNs - 100_000_000L) / reportNs)
                {
                    interval = telemetry.reactionNs().getIntervalHistogram(interval);
                    logLine.accept(String.format(Locale.ROOT, "run: %d rounds, %d blocks out, %d incomplete, %s, " +
                        "%s, not sent %d, telemetry dropped %d%s", counters.roundsDecoded(), counters.blocksOut(),
                        counters.blocksIncomplete(), ReportLines.reaction(interval), ReportLines.rejected(frameCounters),
                        publisher.notSentCount(), handOff.overflows(), journal == null ? "" : ", " + journal.describe()));
                }
            }
            runner.close();
            // Drain: the hot thread has stopped, so this thread may finish the frames already on the subscription.
            int idlePolls = 0;
            while (idlePolls < 10)
            {
                idlePolls = agent.doWork() == 0 ? idlePolls + 1 : 0;
            }
            // Closing the cold thread writes what the journal was handed last, a loss not yet recorded included.
            if (journal != null)
            {
                journal.handOff().flushGap();
            }
            coldRunner.close();
            logLine.accept(String.format(Locale.ROOT, "run: stopped: %d rounds decoded, %d blocks out, %s%s",
                counters.roundsDecoded(), counters.blocksOut(), ReportLines.rejected(frameCounters),
                journal == null ? "" : ", " + journal.describe()));
        }
        catch (final JournalException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        return 0;
    }

    private int hotCpu(final NodeSettings settings)
    {
        if (settings.get("pin", null) == null)
        {
            return -1;
        }
        final int cpu = settings.integer("pin", "-1", 0, Integer.MAX_VALUE);
        try
        {
            CpuPinning.check(cpu);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --pin=" + cpu);
        }
        return cpu;
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
