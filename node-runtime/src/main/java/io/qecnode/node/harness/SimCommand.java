package io.qecnode.node.harness;

import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.cli.ChainNodeRun;
import io.qecnode.node.cli.BusOptions;
import io.qecnode.node.cli.CodeOptions;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.OptionDefaults;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.cli.StopSignal;
import io.aeron.ExclusivePublication;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.faults.FaultInjector;
import io.qecnode.sim.faults.FaultKind;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.sim.run.SimulatorAgent;
import io.qecnode.sim.run.TruthListener;
import io.qecnode.node.harness.chain.ChainHardwareRun;
import io.qecnode.node.topology.ChainTopology;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code sim}: the simulated quantum hardware as its own process, publishing syndrome rounds on an Aeron channel.
 */
@Command(
    name = "sim",
    header = "Run the simulated hardware: syndrome rounds onto a channel.",
    mixinStandardHelpOptions = true,
    resourceBundle = "io.qecnode.node.harness.SimCommand",
    sortOptions = false,
    description = {
        "Run the simulated hardware: sample syndrome rounds from a noise model (seeded), encode them as SBE " +
            "SyndromeRound frames and publish them at the round period, with optional fault injection. Prints a " +
            "progress line every second and a summary at the end; SIGTERM or Ctrl-C stops it cleanly."},
    footerHeading = "%nFault plans (--faults):%n",
    footer = {
        "  kind=P        each frame suffers the fault with probability P (bursts: each block)",
        "  kind@N        every Nth frame (block)",
        "  kinds: drop, duplicate, reorder, corrupt, truncate, restart, stall@N:DURATION, burst@N:BLOCKS:FACTOR",
        "  e.g. --faults drop=0.001,corrupt@10000,stall@50000:200us,burst@1000:10:5"})
public final class SimCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private CodeOptions codeOptions;

    @Mixin
    private BusOptions busOptions;

    @Mixin
    private RoundLinkOptions link;

    @Option(names = "--stream", defaultValue = OptionDefaults.ROUND_STREAM, paramLabel = "ID",
        description = "Stream id of the rounds, >= 1. Default: ${DEFAULT-VALUE}.")
    private int streamId;

    @Option(names = "--duration", defaultValue = OptionDefaults.DURATION, paramLabel = "DURATION",
        description = "How long to run, with its unit (10s, 5m); 0 for until stopped (SIGTERM, Ctrl-C). " +
            "Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--rounds-limit", defaultValue = "0", paramLabel = "N",
        description = "Stop after this many rounds; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    private long roundLimit;

    @Option(names = "--faults", defaultValue = "none", paramLabel = "PLAN",
        description = "Faults to inject (see below). Default: ${DEFAULT-VALUE}.")
    private String faults;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--node", defaultValue = "1", paramLabel = "ID",
        description = "Source node id in every frame, >= 0. Default: ${DEFAULT-VALUE}.")
    private int sourceNode;

    @Option(names = "--logical-qubit", defaultValue = "0", paramLabel = "ID",
        description = "Logical qubit id in every frame, >= 0. Default: ${DEFAULT-VALUE}.")
    private int logicalQubit;

    @Option(names = "--topology", paramLabel = "FILE",
        description = "Run the hardware of node --node of this repeater chain (see 'chain') as a client of the " +
            "node's driver (--aeron-dir, required): its patches' rounds and Bell measurements on IPC, its truth " +
            "records to the verifier over UDP; it keeps running while its node restarts. Only --node, " +
            "--aeron-dir, --idle (default in this mode: backoff), --epochs and --start-file go with it.")
    private Path topology;

    @Option(names = "--epochs", paramLabel = "N",
        description = "With --topology: stop after N epochs; without it, run until stopped (SIGTERM, Ctrl-C), " +
            "which ends the epoch in hand.")
    private Long epochs;

    @Option(names = "--start-file", paramLabel = "FILE",
        description = "With --topology: once connected, wait for this file and start the schedule at the time it " +
            "holds (ms since 1970), so every node's hardware keeps the same epochs.")
    private Path startFile;

    // What a chain node's hardware takes, besides --topology; --debug is every command's.
    private static final Set<String> CHAIN_OPTIONS = Set.of("--topology", "--node", "--aeron-dir", "--idle",
        "--epochs", "--start-file", "--debug");

    @Override
    public Integer call() throws InterruptedException
    {
        if (topology != null)
        {
            return runChainHardware();
        }
        for (final String option : List.of("--epochs", "--start-file"))
        {
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
            {
                throw new ParameterException(spec.commandLine(), option + " goes with --topology, " + option + "=" +
                    spec.commandLine().getParseResult().matchedOption(option).originalStringValues().get(0));
            }
        }
        final CodeDescription code = codeOptions.code();
        final FaultPlan plan = parsePlan();
        final String channel = link.channel();
        final long periodNs = link.periodNs();
        final long durationNs = Durations.nanos(spec, "--duration", duration, 0, TimeUnit.DAYS.toNanos(365));
        final SimulatorContext hardware = new SimulatorContext().code(code).periodNs(periodNs).faults(plan).seed(seed)
            .out(channel, streamId).roundLimit(roundLimit).ids(sourceNode, logicalQubit);
        ConfigErrors.checked(spec, hardware::conclude);
        final IdleStrategy idle = busOptions.idleStrategy();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        try (StopSignal stop = StopSignal.install("qec-sim");
            MessageBus bus = BusLaunch.launch(busOptions.context().plan(channel, 1),
                ex -> err.println("bus error: " + ex)))
        {
            final ExclusivePublication publication = bus.publication(channel, streamId);
            final FramePublisher publisher = BusCounters.publisher(
                bus.aeron(), publication, "rounds out", new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
            final NanoClock clock = hardware.clock();
            final SimulatorAgent simulator = hardware.newAgent(publisher, TruthListener.NONE);
            out.printf(Locale.ROOT, "sim: %s, period=%s, channel=%s stream=%d, faults=%s, aeron dir=%s%s%n",
                code, link.period(), channel, streamId, plan, bus.directoryName(), bus.isEmbedded() ? " (embedded)" : "");
            out.flush();
            final long startNs = clock.nanoTime();
            long nextReportNs = startNs + TimeUnit.SECONDS.toNanos(1);
            simulator.onStart();
            while (!stop.requested() && !simulator.isDone() &&
                (durationNs == 0 || clock.nanoTime() - startNs < durationNs))
            {
                idle.idle(simulator.doWork());
                final long nowNs = clock.nanoTime();
                if (nowNs - nextReportNs >= 0)
                {
                    nextReportNs += TimeUnit.SECONDS.toNanos(1);
                    err.printf(Locale.ROOT, "sim: %d rounds, %d blocks, %.0f rounds/s%n", simulator.roundsSent(),
                        simulator.source().blocksSampled(), simulator.roundsSent() * 1e9 / (nowNs - startNs));
                    err.flush();
                }
            }
            simulator.onClose();
            final double seconds = (clock.nanoTime() - startNs) / 1e9;
            out.printf(Locale.ROOT, "sim: done: %d rounds in %.3f s (%.0f rounds/s), %d blocks, injected %s%n",
                simulator.roundsSent(), seconds, simulator.roundsSent() / seconds, simulator.source().blocksSampled(),
                injected(simulator.injector()));
            out.flush();
        }
        return 0;
    }

    private int runChainHardware() throws InterruptedException
    {
        final ParseResult parsed = spec.commandLine().getParseResult();
        for (final OptionSpec option : parsed.matchedOptions())
        {
            if (!CHAIN_OPTIONS.contains(option.longestName()))
            {
                throw new ParameterException(spec.commandLine(), option.longestName() + " does not go with " +
                    "--topology (the topology file gives the chain's code, seed and period), --topology=" + topology);
            }
        }
        final ChainTopology chain = ConfigErrors.checked(spec, () -> ChainTopology.read(topology));
        if (!parsed.hasMatchedOption("--node") || !parsed.hasMatchedOption("--aeron-dir"))
        {
            throw new ParameterException(spec.commandLine(), "a chain node's hardware needs --node and its " +
                "node's --aeron-dir, --topology=" + topology);
        }
        Ranges.check(spec, "--node", sourceNode, 0, chain.nodeCount() - 1);
        if (epochs != null && epochs < 0)
        {
            throw new ParameterException(spec.commandLine(), "must be >= 0, --epochs=" + epochs);
        }
        final IdleStrategy idle = parsed.hasMatchedOption("--idle") ? busOptions.idleStrategy() :
            IdleStrategies.of(ChainNodeRun.IDLE_DEFAULT);
        final ChainHardwareRun run = new ChainHardwareRun(chain, sourceNode,
            new File(busOptions.context().aeronDirectoryName()));
        try (StopSignal stop = StopSignal.install("qec-sim"))
        {
            run.run(epochs == null ? 0 : epochs, startFile, idle, stop, spec.commandLine().getOut());
        }
        return 0;
    }

    private static String injected(final FaultInjector injector)
    {
        final StringBuilder text = new StringBuilder();
        for (final FaultKind kind : FaultKind.values())
        {
            if (injector.injected(kind) > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(kind.planName()).append('=')
                    .append(injector.injected(kind));
            }
        }
        return text.length() == 0 ? "nothing" : text.toString();
    }

    private FaultPlan parsePlan()
    {
        try
        {
            return FaultPlan.parse(faults);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --faults=" + faults);
        }
    }
}
