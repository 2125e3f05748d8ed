package io.qecnode.node.harness;

import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.cli.StopSignal;
import io.qecnode.decoder.experiment.BinomialInterval;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.transport.BusException;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.node.measure.RunVerdict;
import io.qecnode.sim.faults.FaultKind;
import io.qecnode.decoder.code.CodeDescription;
import org.HdrHistogram.Histogram;
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

/**
 * {@code simulate}: the main demo: simulated hardware, a decoding node and a chain of relays to a sink, in one
 * process on an embedded media driver, checked against the ground truth.
 */
@Command(
    name = "simulate",
    header = "Run hw-sim, a decoding node and relays in one process.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the whole chain in one process: hw-sim publishes syndrome rounds at the round period, the node decodes " +
            "each block and forwards its logical state through a chain of nodes to a sink, which checks every " +
            "state against the simulator's ground truth. Prints a progress line every second, then rounds, blocks, " +
            "the logical error rate over complete blocks with a 95%% interval (blocks flagged incomplete, whose " +
            "rounds were lost, on a line of their own), end-to-end latency percentiles (last round emitted to " +
            "state received), the node's reaction time and its decode time, beside a raw Aeron IPC hop measured " +
            "first in the same run.",
        "Exit 1 if the hardware schedule was not held (the simulator achieved less than 99%% of 1/--period over the " +
            "measured stretch after --warmup, or the backlog of blocks grew beyond 1000), blocks were lost " +
            "unaccounted or the chain did not drain, or more than 1%% of the blocks went to the fallback decoder " +
            "(above 0.1%% it warns). The last line is the verdict with the achieved rate."})
public final class SimulateCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
        description = "How long the simulator emits, with its unit (10s, 5m); not 0: the summary needs an end. " +
            "Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION",
        description = "Latencies of this first stretch (JIT compilation) are left out of the percentiles; the " +
            "logical error count covers every block. At most 24h. Default: ${DEFAULT-VALUE}.")
    private String warmup;

    @Option(names = "--baseline-frames", defaultValue = "200000", paramLabel = "N",
        description = "Frames of the raw Aeron hop measured first, at most 10^8; 0 to skip. " +
            "Default: ${DEFAULT-VALUE}.")
    private long baselineFrames;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the text summary.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        // SIGTERM or Ctrl-C ends the run early; the JVM waits until the pipeline and its driver directory are gone.
        try (StopSignal stop = StopSignal.install("qec-simulate"))
        {
            return simulate(stop);
        }
        catch (final BusException ex)
        {
            throw BusLaunch.failure(ex, "dir");
        }
    }

    private int simulate(final StopSignal stop) throws InterruptedException
    {
        final CodeDescription code = pipeline.code();
        final long periodNs = pipeline.periodNs();
        final long durationNs = Durations.nanos(spec, "--duration", duration, 1_000_000L, TimeUnit.DAYS.toNanos(365));
        final long warmupNs = Durations.nanos(spec, "--warmup", warmup, 0, TimeUnit.DAYS.toNanos(1));
        Ranges.check(spec, "--baseline-frames", baselineFrames, 0, 100_000_000L);
        final PipelineConfig config = pipeline.config(code, SinkAgent.StateListener.NONE);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (durationNs <= warmupNs)
        {
            throw new ParameterException(spec.commandLine(), "nothing would be measured: --duration must be longer " +
                "than --warmup=" + warmup + ", --duration=" + duration);
        }

        final LatencyStats baseline = baselineFrames > 0 ? LatencyStats.of(RawHop.measure(config.channel(),
            SyndromeRoundWriter.frameLength(code.rounds().maxDetectorsPerRound()), periodNs, baselineFrames,
            config.sharedThread())) : null;
        final Histogram latency = new Histogram(3);
        final Histogram reaction = new Histogram(3);
        final Histogram perRound = new Histogram(3);
        final Histogram lastWindow = new Histogram(3);
        final Histogram perBlock = new Histogram(3);
        if (!json)
        {
            out.println("simulate: " + pipeline.describe(config));
            out.flush();
        }
        final boolean drained;
        final long rounds;
        final long emittedBlocks;
        try (SimulationPipeline run = start(config, err))
        {
            // Timed from here, not before the driver started: a slow start must not eat the duration.
            final long startNs = System.nanoTime();
            final Measured measured = new Measured();
            Histogram interval = null;
            boolean warm = false;
            long elapsedNs;
            while ((elapsedNs = System.nanoTime() - startNs) < durationNs && !stop.requested())
            {
                if (!warm && elapsedNs >= warmupNs)
                {
                    // The schedule starts afresh so that the cold start's lag is not measured; what was recorded
                    // until now is warm-up.
                    run.restartSchedule();
                    run.latencyNs().reset();
                    run.reactionNs().reset();
                    run.roundNs().reset();
                    run.lastWindowNs().reset();
                    run.decodeNs().reset();
                    warm = true;
                    measured.start(run);
                }
                final boolean counted = warm;
                // A progress line a second, and the warm-up's end and the run's end kept to the nanosecond.
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1),
                    (warm ? durationNs : warmupNs) - elapsedNs));
                interval = run.latencyNs().getIntervalHistogram(interval);
                final Histogram reactions = run.reactionNs().getIntervalHistogram();
                final Histogram roundTimes = run.roundNs().getIntervalHistogram();
                final Histogram lastWindows = run.lastWindowNs().getIntervalHistogram();
                final Histogram blockDecodes = run.decodeNs().getIntervalHistogram();
                if (counted)
                {
                    latency.add(interval);
                    reaction.add(reactions);
                    perRound.add(roundTimes);
                    lastWindow.add(lastWindows);
                    perBlock.add(blockDecodes);
                    measured.backlog(run.backlogBlocks());
                }
                err.printf(Locale.ROOT, "simulate: %d rounds, %d blocks checked, %d logical errors, " +
                    "interval p99 %.1f us%s%n", run.simulator().roundsSent(), run.sink().blocks(),
                    run.sink().logicalErrors(), interval.getValueAtPercentile(99) / 1000.0, counted ? "" :
                    " (warm-up)");
                err.flush();
            }
            run.awaitCaughtUp(RunVerdict.CATCH_UP_GRACE_NS);
            measured.end(run);
            // A node that accepted nothing has nothing to drain: no need to wait the full timeout to say so.
            final boolean nothingArrived = run.frameCounters().counter(FrameCounter.ACCEPTED).get() == 0;
            drained = run.stopAndDrain(TimeUnit.SECONDS.toNanos(nothingArrived ? 1 : 10));
            latency.add(run.latencyNs().getIntervalHistogram());
            reaction.add(run.reactionNs().getIntervalHistogram());
            perRound.add(run.roundNs().getIntervalHistogram());
            lastWindow.add(run.lastWindowNs().getIntervalHistogram());
            perBlock.add(run.decodeNs().getIntervalHistogram());
            rounds = run.simulator().roundsSent();
            emittedBlocks = run.simulator().source().blocksSampled();
            final Summary summary = new Summary(code, run, rounds, emittedBlocks, drained,
                LatencyStats.of(latency), LatencyStats.of(reaction), LatencyStats.of(perRound),
                LatencyStats.of(lastWindow), LatencyStats.of(perBlock), baseline,
                (System.nanoTime() - startNs) / 1e9, measured.verdict(run, drained));
            out.println(json ? summary.toJson() : summary.toText());
            if (run.journal() != null)
            {
                (json ? err : out).println(run.journal().describe());
            }
            if (json)
            {
                err.println(summary.verdict.line("simulate"));
            }
            out.flush();
            err.flush();
            return summary.verdict.passed() ? 0 : 1;
        }
    }

    /** The measured stretch: rounds and time from the warm-up's end to the run's end, and the backlog over it. */
    private static final class Measured
    {
        private long startNs;
        private long startRounds;
        private long rounds;
        private long ns;
        private long firstBacklog = -1;
        private long lastBacklog;

        void start(final SimulationPipeline run)
        {
            startNs = System.nanoTime();
            startRounds = run.simulator().roundsSent();
        }

        void backlog(final long blocks)
        {
            firstBacklog = firstBacklog < 0 ? blocks : firstBacklog;
            lastBacklog = blocks;
        }

        void end(final SimulationPipeline run)
        {
            if (startNs != 0)
            {
                ns = System.nanoTime() - startNs;
                rounds = run.simulator().roundsSent() - startRounds;
            }
        }

        RunVerdict verdict(final SimulationPipeline run, final boolean drained)
        {
            final PipelineConfig config = run.config();
            final RunVerdict verdict = new RunVerdict()
                .schedule(config.periodNs(), rounds, ns, Math.max(0, firstBacklog), lastBacklog,
                    Math.max(1, config.periodNs() * config.code().rounds().roundCount()))
                .accounting(run.unaccounted(), drained, run.sink().blocks())
                .fallback(run.sink().fallback(), run.sink().blocks())
                .arrivals(run.simulator().roundsSent(), run.frameCounters().counter(FrameCounter.ACCEPTED).get(),
                    run.simulator().injector().injected(FaultKind.DROP));
            return verdict;
        }
    }

    private SimulationPipeline start(final PipelineConfig config, final PrintWriter err)
    {
        try
        {
            return SimulationPipeline.start(config, ex -> err.println("error: " + ex));
        }
        catch (final JournalException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
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

        Summary(
            final CodeDescription code,
            final SimulationPipeline pipeline,
            final long rounds,
            final long emittedBlocks,
            final boolean drained,
            final LatencyStats latency,
            final LatencyStats reaction,
            final LatencyStats perRound,
            final LatencyStats lastWindow,
            final LatencyStats perBlock,
            final LatencyStats baseline,
            final double seconds,
            final RunVerdict verdict)
        {
            this.verdict = verdict;
            this.rejectedByKind = RunVerdict.rejectedByKind(counter -> pipeline.frameCounters().counter(counter).get());
            this.code = code;
            this.rounds = rounds;
            this.emittedBlocks = emittedBlocks;
            this.drained = drained;
            this.blocks = pipeline.sink().blocks();
            this.completeBlocks = pipeline.sink().completeBlocks();
            this.logicalErrors = pipeline.sink().logicalErrors();
            this.incompleteErrors = pipeline.sink().incompleteErrors();
            this.unknownTruth = pipeline.sink().unknownTruth();
            this.missingBlocks = pipeline.sink().missingBlocks();
            this.incomplete = pipeline.sink().incomplete();
            this.fallback = pipeline.sink().fallback();
            long rejected = 0;
            for (final FrameCounter counter : FrameCounter.values())
            {
                rejected += counter.isRejection() ? pipeline.frameCounters().counter(counter).get() : 0;
            }
            this.rejectedFrames = rejected;
            long lost = 0;
            for (final FramePublisher publisher : pipeline.publishers())
            {
                lost += publisher.notSentCount();
            }
            this.notSent = lost;
            this.latency = latency;
            this.reaction = reaction;
            this.perRound = perRound;
            this.lastWindow = lastWindow;
            this.perBlock = perBlock;
            this.baseline = baseline;
            this.seconds = seconds;
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
                rounds, rounds / seconds, emittedBlocks));
            text.append("schedule            ").append(verdict.scheduleLine()).append('\n');
            text.append(String.format(Locale.ROOT, "blocks checked      %d at the sink%s%n", blocks,
                drained ? "" : " (chain did not drain in time)"));
            text.append(String.format(Locale.ROOT, "logical errors      %d over %d complete blocks, rate %.3e, 95%% " +
                "CI [%.3e, %.3e]%n", logicalErrors, completeBlocks, rate(), lower(), upper()));
            text.append(PipelineRun.incompleteLine(incomplete, incompleteErrors)).append('\n');
            text.append(String.format(Locale.ROOT, "frames %s, not sent %d, blocks missing %d, %s, truth unknown %d%n",
                rejectedByKind, notSent, missingBlocks, verdict.fallbackLine(), unknownTruth));
            text.append(LatencyStats.header()).append('\n');
            text.append(latency.row("end to end")).append('\n');
            text.append(reaction.row("node reaction")).append('\n');
            text.append(perRound.row("node per round")).append('\n');
            text.append(lastWindow.row("decode last window")).append('\n');
            text.append(perBlock.row("decode per block")).append('\n');
            if (baseline != null)
            {
                text.append(baseline.row("raw aeron hop")).append('\n');
                text.append(latency.differenceRow(baseline)).append('\n');
            }
            text.append("end to end: last round emitted -> logical state at the sink; node reaction: last round in " +
                "-> state offered; node per round: any other round, in -> decoded; decode last window: the block's " +
                "final window, inside the reaction; decode per block: every window of the block, summed; raw hop: " +
                "one IPC hop at the same period, same run\n");
            text.append("JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", cores: ")
                .append(Runtime.getRuntime().availableProcessors()).append('\n');
            text.append(verdict.line("simulate"));
            return text.toString();
        }

        String toJson()
        {
            return String.format(Locale.ROOT,
                "{\"code\":\"%s\",\"rounds\":%d,\"blocks_emitted\":%d,\"blocks_checked\":%d,\"complete_blocks\":%d," +
                "\"logical_errors\":%d,\"logical_error_rate\":%.6e,\"ci95_low\":%.6e,\"ci95_high\":%.6e," +
                "\"frames_rejected\":%d,\"not_sent\":%d,\"blocks_missing\":%d,\"incomplete\":%d," +
                "\"incomplete_errors\":%d,\"fallback\":%d,\"drained\":%b," +
                "\"passed\":%b,\"schedule\":\"%s\"," +
                "\"end_to_end\":%s,\"node_reaction\":%s,\"node_per_round\":%s,\"decode_last_window\":%s," +
                "\"decode_per_block\":%s,\"raw_hop\":%s}",
                code, rounds, emittedBlocks, blocks, completeBlocks, logicalErrors, rate(), lower(), upper(),
                rejectedFrames, notSent, missingBlocks, incomplete, incompleteErrors, fallback, drained, verdict.passed(), verdict.scheduleLine(),
                latency.toJson("end to end"),
                reaction.toJson("node reaction"), perRound.toJson("node per round"),
                lastWindow.toJson("decode last window"), perBlock.toJson("decode per block"),
                baseline == null ? "null" : baseline.toJson("raw aeron hop"));
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
