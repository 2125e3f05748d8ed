package io.qecnode.node.harness;

import io.aeron.exceptions.RegistrationException;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.experiment.BinomialInterval;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusException;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.cli.StopSignal;
import io.qecnode.node.harness.chain.ChainFaultSyntax;
import io.qecnode.node.harness.chain.ChainPipeline;
import io.qecnode.node.harness.chain.ChainPipelineConfig;
import io.qecnode.node.harness.chain.ChainSimulation;
import io.qecnode.node.harness.chain.ChainVerifierContext;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.node.measure.LineBuffer;
import io.qecnode.node.measure.ProcessAllocation;
import io.qecnode.node.measure.RunVerdict;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code simulate}: the main demo: simulated hardware, a decoding node and a chain of relays to a sink, in one
 * process on an embedded media driver, checked against the ground truth.
 */
@Command(
    name = "simulate",
    header = "Run a repeater chain (A to B) in one process, or --memory.",
    mixinStandardHelpOptions = true,
    resourceBundle = "io.qecnode.node.harness.SimulateCommand",
    sortOptions = false,
    description = {
        "By default, the repeater chain in one process: the simulated hardware of end node A, --repeaters repeaters " +
            "and end node B publishes each patch's syndrome rounds and, each epoch, a repeater's raw Bell " +
            "parities and the ground truth; the nodes decode their patches, each repeater corrects its parities " +
            "with its Pauli frames and streams the accumulated correction over Aeron UDP to B, and a verifier " +
            "judges every end-to-end pair. Prints the fidelity with a 95%% interval beside the one predicted from " +
            "each patch's residuals, each patch's logical error rate, a per-epoch check of the frame algebra, each " +
            "node's counts, and the repeater's cost per state beside a raw UDP hop. Exit 1 if the schedule was not " +
            "held, an epoch was never judged, a frame could not be sent or the frame algebra disagreed.",
        "With --memory: hw-sim publishes syndrome rounds at the round period, the node decodes " +
            "each block and forwards its logical state through a chain of nodes to a sink, which checks every " +
            "state against the simulator's ground truth. Prints a progress line every second, then rounds, blocks, " +
            "the logical error rate over complete blocks with a 95%% interval (blocks flagged incomplete, whose " +
            "rounds were lost, on a line of their own), end-to-end latency percentiles (last round emitted to " +
            "state received), the node's reaction time and its decode time, beside a raw two-hop path " +
            "probed on the same thread and transport throughout the run (--probe-every), and the reaction over it " +
            "at p50 and p99.",
        "Exit 1 (--memory) if the hardware schedule was not held (the simulator achieved less than 99%% of " +
            "1/--period over the measured stretch after --warmup, or the backlog of blocks grew beyond 1000), " +
            "blocks were lost unaccounted or the chain did not drain, or more than 1%% of the blocks went to the " +
            "fallback decoder (above 0.1%% it warns). The last line is the verdict with the achieved rate."})
public final class SimulateCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private RunStretchOptions stretch;

    @Mixin
    private ProbeOptions probe;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the text summary " +
        "(with --memory).")
    private boolean json;

    @Option(names = "--repeaters", paramLabel = "N",
        description = "Repeaters between the chain's end nodes A and B, 0.." + ChainVerifierContext.REPEATERS_MAX +
            ". Default: 1.")
    private Integer repeaters;

    @Option(names = "--deadline", paramLabel = "DURATION",
        description = "How long a chain node waits for an epoch's missing pieces (its left neighbour's state, its own " +
            "blocks and Bell measurement) before it forwards the epoch flagged. Default: 500ms here (the node's own " +
            "default is 50ms): on a 2-core host the one driver thread's UDP tail reaches tens of ms.")
    private String deadline;

    @Option(names = "--loss", paramLabel = "RATE",
        description = "Share of the UDP data frames between the chain's nodes the media driver drops on purpose, in " +
            "[0, 1) (Aeron's loss generator on each receiving endpoint, seeded by --seed), for NAK and retransmit to " +
            "repair; the summary's udp line counts both. Default: 0.")
    private String loss;

    @Option(names = "--base-port", paramLabel = "PORT",
        description = "First of the chain's UDP ports on localhost: node i receives on PORT + i, the raw-hop probe " +
            "one past the last node. Default: a run of free ports, picked when the chain starts.")
    private Integer basePort;

    @Option(names = "--driver-idle", paramLabel = "STRATEGY",
        description = "Idle strategy of the embedded media driver's thread, which carries every node-to-node UDP " +
            "hop: " + IdleStrategies.NAMES + ". Default: backoff (Aeron's: spin, yield, then park up to 1 ms).")
    private String driverIdle;

    @Option(names = "--state-mac", paramLabel = "MAC",
        description = "MAC that seals every state between the chain's nodes: siphash-128, hmac-sha256-128 or none " +
            "(unauthenticated links, to measure what sealing costs). One process is one trust domain, so the links' " +
            "session keys are dealt in process; the multi-process 'chain' exchanges them in signed Hellos. Default: " +
            "siphash-128.")
    private String stateMac;

    @Option(names = "--memory",
        description = "Run the memory pipeline instead of the repeater chain: one decoding node whose logical " +
            "states go through --nodes - 1 relays to a sink that checks each block against the truth.")
    private boolean memory;

    private static final int PROGRESS_LINE_LENGTH = 128;
    private static final String CHAIN_PERIOD_DEFAULT = "10us";
    private static final String CHAIN_DEADLINE_DEFAULT = "500ms";
    private static final List<String> MEMORY_ONLY = List.of("--nodes", "--channel", "--journal",
        "--probe-every", "--json", "--pin", "--decode-threads", "--backlog-limit");

    @Override
    public Integer call() throws InterruptedException
    {
        // SIGTERM or Ctrl-C ends the run early, judged on what it measured; the JVM waits until the pipeline and its
        // driver directory are gone.
        try (StopSignal stop = StopSignal.install("qec-simulate"))
        {
            return simulate(stop);
        }
        catch (final BusException ex)
        {
            throw BusLaunch.failure(ex, "dir");
        }
        catch (final JournalException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

    private int simulate(final StopSignal stop) throws InterruptedException
    {
        if (!memory)
        {
            return simulateChain(stop);
        }
        for (final String option : List.of("--repeaters", "--deadline", "--loss", "--base-port", "--driver-idle",
            "--state-mac"))
        {
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
            {
                throw new ParameterException(spec.commandLine(), "applies to the repeater chain, not with --memory, " +
                    option + "=" + given(option));
            }
        }
        final CodeDescription code = pipeline.code();
        final long periodNs = pipeline.periodNs();
        final long durationNs = stretch.durationNs();
        final long warmupNs = stretch.warmupNs();
        final PipelineConfig config = probe.apply(pipeline.config(code, SinkAgent.StateListener.NONE));
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        if (!json)
        {
            out.println("simulate: " + pipeline.describe(config));
            out.flush();
        }
        // A progress line a second for as long as the run lasts: built and printed without garbage.
        final LineBuffer line = new LineBuffer(PROGRESS_LINE_LENGTH);
        final PipelineRun run = PipelineRun.run(config, new PipelineRun.Stretch(warmupNs, durationNs,
            TimeUnit.SECONDS.toNanos(1)), null, false, stop::requested, (interval, latency) ->
        {
            final StringBuilder text = line.clear().append("simulate: ").append(interval.rounds())
                .append(" rounds, ").append(interval.blocksChecked()).append(" blocks checked, ")
                .append(interval.logicalErrors()).append(" logical errors, interval p99 ");
            LineBuffer.appendFixed(text, interval.p99Ns() / 1000.0, 1).append(" us")
                .append(interval.warm() ? "" : " (warm-up)");
            line.printTo(err);
        });
        final Summary summary = new Summary(code, run);
        out.println(json ? summary.toJson() : summary.toText());
        if (run.journal() != null)
        {
            (json ? err : out).println(run.journal());
        }
        if (json)
        {
            if (run.allocation() != null)
            {
                err.print(run.allocation().lines("simulate"));
            }
            err.println(summary.verdict.line("simulate"));
        }
        out.flush();
        err.flush();
        return summary.verdict.passed() ? 0 : 1;
    }

    private int simulateChain(final StopSignal stop) throws InterruptedException
    {
        for (final String option : MEMORY_ONLY)
        {
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
            {
                throw new ParameterException(spec.commandLine(), "applies with --memory only, not to the repeater " +
                    "chain, " + option + "=" + given(option));
            }
        }
        final int n = repeaters == null ? 1 : repeaters;
        Ranges.check(spec, "--repeaters", n, 0, ChainVerifierContext.REPEATERS_MAX);
        final String nodeDeadline = deadline == null ? CHAIN_DEADLINE_DEFAULT : deadline;
        final long deadlineNs = Durations.nanos(spec, "--deadline", nodeDeadline, 1, TimeUnit.HOURS.toNanos(1));
        final boolean periodGiven = spec.commandLine().getParseResult().hasMatchedOption("--period");
        final String period = periodGiven ? pipeline.period() : CHAIN_PERIOD_DEFAULT;
        final long periodNs = periodGiven ? pipeline.periodNs() :
            Durations.nanos(spec, "--period", CHAIN_PERIOD_DEFAULT, 0, TimeUnit.SECONDS.toNanos(1));
        final CodeDescription code = pipeline.code();
        final long warmupNs = stretch.warmupNs();
        final long durationNs = stretch.durationNs();
        final CodeDescription[] links = new CodeDescription[n + 1];
        Arrays.fill(links, code);
        ConfigErrors.checked(spec, () -> pipeline.decoding(code).checkSettings() != null);
        final ChainFaultPlan faults = chainFaults(n);
        final double lossRate = lossRate();
        final ChainPipelineConfig config = new ChainPipelineConfig(links, link -> pipeline.decoding(links[link]),
            pipeline.seed(), periodNs, faults, deadlineNs, "localhost", chainBasePort(n),
            pipeline.hotIdle(), new YieldingIdleStrategy(), pipeline.sharedThread(),
            new ChainPipelineConfig.UdpLoss(lossRate, 0, pipeline.seed()), stateMac());
        final BusContext driver = new BusContext().driverIdle(driverIdle);
        try
        {
            driver.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "unknown idle strategy, expected " +
                IdleStrategies.NAMES + ", --driver-idle=" + driverIdle);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "simulate: repeater chain A, %d repeater%s, B: %d links of %s, period=%s, %s, " +
            "deadline=%s, seed=%d, threads=%d%s%s; the patches track %s%n", n, n == 1 ? "" : "s", n + 1, code,
            period, pipeline.decoderLine(), nodeDeadline, pipeline.seed(),
            config.sharedThread() ? 1 : 2, lossRate > 0 ? ", udp loss=" + loss : "",
            faults.size() > 0 ? ", faults=" + pipeline.faults() : "",
            code.model() != null ? "logical X and Z (built-in model)" :
            "logical X only (the DEM's one observable, a memory-Z experiment)");
        out.flush();
        final ChainSimulation run = ChainSimulation.run(startChain(config, driver),
            warmupNs, durationNs, TimeUnit.SECONDS.toNanos(1), stop::requested, err);
        out.println(run.summary());
        out.flush();
        return run.verdict().passed() ? 0 : 1;
    }

    private int chainBasePort(final int repeaters)
    {
        if (basePort == null)
        {
            return ChainPipelineConfig.FREE_PORTS;
        }
        Ranges.check(spec, "--base-port", basePort, 1024, 65535 - (repeaters + 3));
        return basePort;
    }

    private StateMacAlgorithm stateMac()
    {
        final String name = stateMac == null ? "siphash-128" : stateMac;
        if (name.equals("none"))
        {
            return null;
        }
        for (final StateMacAlgorithm algorithm : StateMacAlgorithm.values())
        {
            if (algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name))
            {
                return algorithm;
            }
        }
        throw new ParameterException(spec.commandLine(), "must be siphash-128, hmac-sha256-128 or none, " +
            "--state-mac=" + name);
    }

    private ChainPipeline startChain(final ChainPipelineConfig config, final BusContext driver)
    {
        final PrintWriter err = spec.commandLine().getErr();
        final AtomicBoolean reported = new AtomicBoolean();
        // One line for the first error of any thread (the driver reports a refused endpoint this way too): the
        // command's own line says what failed.
        final ErrorHandler errors = throwable ->
        {
            if (reported.compareAndSet(false, true))
            {
                err.println("qec-node simulate: " + String.valueOf(throwable.getMessage()).replaceAll("\\s+", " "));
                err.flush();
            }
        };
        try
        {
            return ChainPipeline.start(config, driver, errors, ChainPipeline.Taps.NONE);
        }
        catch (final RegistrationException ex)
        {
            throw new CommandFailure("a UDP endpoint of the chain could not be opened (" +
                ex.getMessage().replaceAll("\\s+", " ") + "), --base-port=" + (config.basePort() ==
                ChainPipelineConfig.FREE_PORTS ? "free" : String.valueOf(config.basePort())));
        }
    }

    private String given(final String option)
    {
        return String.join(",", spec.commandLine().getParseResult().matchedOption(option).originalStringValues());
    }

    private ChainFaultPlan chainFaults(final int repeaters)
    {
        try
        {
            return ChainFaultSyntax.parse(pipeline.faults(), repeaters);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --faults=" + pipeline.faults());
        }
    }

    private double lossRate()
    {
        if (loss == null)
        {
            return 0;
        }
        double rate = Double.NaN;
        try
        {
            rate = Double.parseDouble(loss.trim());
        }
        catch (final NumberFormatException ex)
        {
            // refused below
        }
        if (!(rate >= 0 && rate < 1))
        {
            throw new ParameterException(spec.commandLine(), "must be a rate in [0, 1), --loss=" + loss);
        }
        return rate;
    }

    /**
     * @param code the code the run decoded.
     * @param run  a finished run.
     * @return the text summary {@code simulate} prints for the run, its verdict the last line.
     */
    public static String summary(final CodeDescription code, final PipelineRun run)
    {
        return new Summary(code, run).toText();
    }

    /** What a run found. */
    private static final class Summary
    {
        private final CodeDescription code;
        private final long rounds;
        private final long emittedBlocks;
        private final boolean drained;
        private final long blocks;
        private final long completeBlocks;
        private final long logicalErrors;
        private final long incompleteErrors;
        private final long unknownTruth;
        private final long missingBlocks;
        private final long incomplete;
        private final long fallback;
        private final long shed;
        private final long maxBacklogRounds;
        private final long rejectedFrames;
        private final long notSent;
        private final LatencyStats latency;
        private final LatencyStats reaction;
        private final LatencyStats perRound;
        private final LatencyStats lastWindow;
        private final LatencyStats perBlock;
        private final LatencyStats baseline;
        private final double seconds;
        private final String rejectedByKind;
        private final RunVerdict verdict;
        private final ProcessAllocation.Stretch allocation;

        Summary(final CodeDescription code, final PipelineRun run)
        {
            this.verdict = run.verdict();
            this.allocation = run.allocation();
            this.rejectedByKind = run.rejectedByKind();
            this.code = code;
            this.rounds = run.rounds();
            this.emittedBlocks = run.emittedBlocks();
            this.drained = run.drained();
            this.blocks = run.blocks();
            this.completeBlocks = run.completeBlocks();
            this.logicalErrors = run.logicalErrors();
            this.incompleteErrors = run.incompleteErrors();
            this.unknownTruth = run.unknownTruth();
            this.missingBlocks = run.missingBlocks();
            this.incomplete = run.incomplete();
            this.fallback = run.fallback();
            this.shed = run.shed();
            this.maxBacklogRounds = run.maxBacklogRounds();
            this.rejectedFrames = run.rejected();
            this.notSent = run.notSent();
            this.latency = LatencyStats.of(run.endToEnd());
            this.reaction = LatencyStats.of(run.reaction());
            this.perRound = LatencyStats.of(run.perRound());
            this.lastWindow = LatencyStats.of(run.lastWindow());
            this.perBlock = LatencyStats.of(run.perBlock());
            // The probe interleaved with the rounds; without one (--probe-every 0) there is no baseline.
            this.baseline = run.rawTwoHop().getTotalCount() == 0 ? null : LatencyStats.of(run.rawTwoHop());
            this.seconds = run.elapsedNs() / 1e9;
        }

        // Over complete blocks: a block flagged incomplete lost rounds, which is no mistake of the decoder's.
        double rate()
        {
            return completeBlocks == 0 ? 0 : (double)logicalErrors / completeBlocks;
        }

        String toText()
        {
            final StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "rounds emitted      %d (%.0f rounds/s), blocks emitted %d%n",
                rounds, seconds > 0 ? rounds / seconds : 0, emittedBlocks));
            text.append("schedule            ").append(verdict.scheduleLine()).append('\n');
            text.append(String.format(Locale.ROOT, "blocks checked      %d at the sink%s%n", blocks,
                drained ? "" : " (chain did not drain in time)"));
            text.append(String.format(Locale.ROOT, "logical errors      %d over %d complete blocks, rate %.3e, 95%% " +
                "CI [%.3e, %.3e]%n", logicalErrors, completeBlocks, rate(), lower(), upper()));
            text.append(PipelineRun.incompleteLine(incomplete, incompleteErrors)).append('\n');
            text.append(String.format(Locale.ROOT, "frames %s, not sent %d, blocks missing %d, %s, truth unknown %d%n",
                rejectedByKind, notSent, missingBlocks, verdict.fallbackLine(), unknownTruth));
            text.append(String.format(Locale.ROOT, "node backlog        max %d rounds, shed %d blocks%n",
                maxBacklogRounds, shed));
            text.append(LatencyStats.header()).append('\n');
            text.append(latency.row("end to end")).append('\n');
            text.append(reaction.row("node reaction")).append('\n');
            text.append(perRound.row("node per round")).append('\n');
            text.append(lastWindow.row("decode last window")).append('\n');
            text.append(perBlock.row("decode per block")).append('\n');
            if (baseline != null)
            {
                text.append(baseline.row("raw two-hop (probe)")).append('\n');
                text.append(String.format(Locale.ROOT, "raw two-hop path (interleaved, %d frames): p50 %d ns, p99 %d " +
                    "ns; node reaction / raw two-hop: %s%n", baseline.count(), baseline.p50(), baseline.p99(),
                    reaction.ratios(baseline)));
            }
            text.append("end to end: last round emitted -> logical state at the sink; node reaction: last round in " +
                "-> state offered; node per round: any other round, in -> decoded; decode last window: the block's " +
                "final window, inside the reaction; decode per block: every window of the block, summed; raw two-hop: " +
                "a frame of a round's size sent, relayed once and received on the pipeline's thread and transport, " +
                "every --probe-every rounds of the same run\n");
            text.append("JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", cores: ")
                .append(Runtime.getRuntime().availableProcessors()).append('\n');
            if (allocation != null)
            {
                text.append(allocation.lines("simulate"));
            }
            text.append(verdict.line("simulate"));
            return text.toString();
        }

        String toJson()
        {
            return String.format(Locale.ROOT,
                "{\"code\":\"%s\",\"rounds\":%d,\"blocks_emitted\":%d,\"blocks_checked\":%d,\"complete_blocks\":%d," +
                "\"logical_errors\":%d,\"logical_error_rate\":%.6e,\"ci95_low\":%.6e,\"ci95_high\":%.6e," +
                "\"frames_rejected\":%d,\"not_sent\":%d,\"blocks_missing\":%d,\"incomplete\":%d," +
                "\"incomplete_errors\":%d,\"fallback\":%d,\"shed\":%d,\"max_backlog_rounds\":%d,\"drained\":%b," +
                "\"passed\":%b,\"schedule\":\"%s\"," +
                "\"end_to_end\":%s,\"node_reaction\":%s,\"node_per_round\":%s,\"decode_last_window\":%s," +
                "\"decode_per_block\":%s,\"raw_two_hop\":%s}",
                code, rounds, emittedBlocks, blocks, completeBlocks, logicalErrors, rate(), lower(), upper(),
                rejectedFrames, notSent, missingBlocks, incomplete, incompleteErrors, fallback, shed, maxBacklogRounds,
                drained, verdict.passed(), verdict.scheduleLine(),
                latency.toJson("end to end"),
                reaction.toJson("node reaction"), perRound.toJson("node per round"),
                lastWindow.toJson("decode last window"), perBlock.toJson("decode per block"),
                baseline == null ? "null" : baseline.toJson("raw two-hop"));
        }

        private double lower()
        {
            return completeBlocks == 0 || logicalErrors == 0 ? 0 :
                Math.max(0, BinomialInterval.lower(logicalErrors, completeBlocks, BinomialInterval.Z_95));
        }

        private double upper()
        {
            return completeBlocks == 0 ? 1 :
                Math.min(1, BinomialInterval.upper(logicalErrors, completeBlocks, BinomialInterval.Z_95));
        }
    }
}
