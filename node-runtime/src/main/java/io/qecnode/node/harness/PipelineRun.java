package io.qecnode.node.harness;

import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.node.measure.ProcessAllocation;
import io.qecnode.node.measure.RunVerdict;
import io.qecnode.node.measure.ThreadSchedStats;
import io.qecnode.sim.faults.FaultKind;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

/**
 * The one run loop of {@code simulate}, {@code latency} and {@code soak}: drives a {@link SimulationPipeline} for a
 * warm-up and a measured stretch, one interval at a time, and keeps what they report: end-to-end and per-stage
 * histograms after warm-up, the backlog between the simulator and the sink, losses, garbage collections and the hot
 * thread's allocation per interval, the round rate achieved over the measured stretch and, for a soak, the p99 of a
 * raw-hop probe running beside the pipeline. Every command judges the finished run by {@link #verdict()}.
 */
public final class PipelineRun
{
    /**
     * What one interval saw, counts as totals so far; {@code logicalErrors} are among the {@code completeBlocks}
     * (see {@link SinkAgent}), {@code incomplete} the states flagged incomplete; {@code probeP99Ns} is the raw-hop
     * probe's interval p99, -1 without a probe.
     */
    public record Interval(
        long index, boolean warm, long rounds, long blocksChecked, long backlog, long lost, long rejected,
        long logicalErrors, long completeBlocks, long incomplete, long p99Ns, long maxNs, long gcCount,
        long hotThreadAllocatedBytes,
        long hotThreadPreemptions, long hotThreadPageFaults, long probeP99Ns)
    {
    }

    /**
     * How long a run lasts: a warm-up left out of the figures, then the measured stretch, reported by interval.
     *
     * @param warmupNs   first stretch left out of the histograms.
     * @param durationNs measured stretch after warm-up.
     * @param intervalNs length of an interval; the last one of the warm-up and of the run end on time.
     */
    public record Stretch(long warmupNs, long durationNs, long intervalNs)
    {
    }

    /** Receives each interval as it ends. */
    @FunctionalInterface
    public interface IntervalListener
    {
        /**
         * @param interval the interval's figures.
         * @param latency  the interval's end-to-end histogram.
         */
        void onInterval(Interval interval, Histogram latency);
    }

    /** Tag of the node reaction's intervals in the interval log. */
    public static final String REACTION_TAG = "reaction";

    /** Tag of the raw two-hop probe's intervals in the interval log. */
    public static final String RAW_TWO_HOP_TAG = "raw-two-hop";

    // Looked up once: the lookup builds a list and its beans' names each time, and collections are counted every
    // interval.
    private static final GarbageCollectorMXBean[] COLLECTORS =
        ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);

    private final StageHistograms stages = new StageHistograms();
    private long rounds;
    private long emittedBlocks;
    private long blocks;
    private long unknownTruth;
    private long missingBlocks;
    private long notSent;
    private long elapsedNs;
    private long logicalErrors;
    private long completeBlocks;
    private long incompleteErrors;
    private long lost;
    private long rejected;
    private long incomplete;
    private String journal;
    private boolean drained;
    private long firstWarmBacklog = -1;
    private long lastBacklog;
    private long fallback;
    private long shed;
    private long maxBacklogRounds;
    private String rejectedByKind = RunVerdict.rejectedByKind(counter -> 0);
    private long accepted = -1;
    private long dropped;
    private long periodNs;
    private long blockNs = 1;
    private long measuredRounds;
    private long measuredNs;
    private ProcessAllocation.Stretch allocation;
    // Read every interval: made once, not a capturing lambda per read.
    private ToLongFunction<FrameCounter> frameCounts;

    /**
     * @param config    the pipeline.
     * @param stretch   warm-up, measured stretch and interval.
     * @param hlog      interval log of the end-to-end latency (HdrHistogram log format), untagged, with the reaction
     *                  and the raw two-hop probe tagged beside it; null for none.
     * @param withProbe run a raw-hop probe beside the pipeline ({@link HopProbe}) and report its interval p99.
     * @param stop      asked after each interval: true ends the run early, judged on what it measured.
     * @param listener  sees each interval.
     * @return the finished run.
     * @throws InterruptedException if interrupted.
     */
    public static PipelineRun run(
        final PipelineConfig config,
        final Stretch stretch,
        final PrintStream hlog,
        final boolean withProbe,
        final BooleanSupplier stop,
        final IntervalListener listener) throws InterruptedException
    {
        final long warmupNs = stretch.warmupNs();
        final long intervalNs = stretch.intervalNs();
        final long endNs = warmupNs + stretch.durationNs();
        final PipelineRun run = new PipelineRun();
        run.periodNs = config.periodNs();
        run.blockNs = Math.max(1, config.periodNs() * config.code().rounds().roundCount());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (SimulationPipeline pipeline = SimulationPipeline.start(config, ex -> System.err.println("error: " + ex));
            HopProbe probe = !withProbe ? null : HopProbe.start(pipeline.bus(), config.channel(),
                SyndromeRoundWriter.frameLength(config.code().rounds().maxDetectorsPerRound()));
            ThreadSchedStats sched = ThreadSchedStats.of(pipeline.hotThread()))
        {
            final long hotThread = pipeline.hotThread().getId();
            long preemptionsBefore = sched.involuntarySwitches();
            long faultsBefore = faults(sched);
            final HistogramLogWriter log = hlog == null ? null : new HistogramLogWriter(hlog);
            final long startMs = System.currentTimeMillis();
            if (log != null)
            {
                log.outputLogFormatVersion();
                log.outputStartTime(startMs);
                log.setBaseTime(startMs);
                log.outputLegend();
            }
            final long startNs = System.nanoTime();
            final StageHistograms stages = run.stages;
            stages.attach(pipeline);
            run.frameCounts = counter -> pipeline.frameCounters().counter(counter).get();
            Histogram probeInterval = null;
            long measureStartNs = 0;
            long roundsAtMeasureStart = 0;
            ProcessAllocation allocationMark = null;
            long allocatedBefore = threads.getThreadAllocatedBytes(hotThread);
            long gcBefore = gcCount();
            long index = 0;
            boolean scheduleRestarted = false;
            // The hardware schedule starts afresh within the warm-up, so that neither the cold start's lag nor the
            // first run of the restart itself (the JIT meets a new branch) lands in the measured stretch.
            final long restartAtNs = Math.max(warmupNs - intervalNs, warmupNs / 2);
            while (System.nanoTime() - startNs < endNs && !stop.getAsBoolean())
            {
                final long intervalStartMs = System.currentTimeMillis();
                // Only intervals wholly after the warm-up count, so the last one of the warm-up ends with it; and the
                // run ends on time, not at the end of an interval begun before.
                final boolean warm = System.nanoTime() - startNs >= warmupNs;
                final long intervalEndNs =
                    Math.min(System.nanoTime() + intervalNs, startNs + (warm ? endNs : warmupNs));
                final long untilRestartNs = startNs + restartAtNs - System.nanoTime();
                if (!scheduleRestarted && untilRestartNs < intervalNs)
                {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, untilRestartNs));
                    pipeline.restartSchedule();
                    scheduleRestarted = true;
                    if (warm)
                    {
                        stages.swap();
                    }
                }
                if (warm && measureStartNs == 0)
                {
                    // The achieved rate is judged over the measured stretch only, after the schedule restarted.
                    measureStartNs = System.nanoTime();
                    roundsAtMeasureStart = pipeline.simulator().roundsSent();
                    allocationMark = ProcessAllocation.mark();
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, intervalEndNs - System.nanoTime()));
                stages.swap();
                final Histogram interval = stages.interval(StageHistograms.END_TO_END);
                probeInterval = probe == null ? null : probe.latencyNs().getIntervalHistogram(probeInterval);
                final long allocated = threads.getThreadAllocatedBytes(hotThread);
                final long gc = gcCount();
                final long backlog = pipeline.backlogBlocks();
                if (warm)
                {
                    stages.addToTotals();
                    run.trackBacklog(backlog);
                    if (log != null)
                    {
                        interval.setStartTimeStamp(intervalStartMs);
                        interval.setEndTimeStamp(System.currentTimeMillis());
                        log.outputIntervalHistogram(interval);
                        logTagged(log, stages, StageHistograms.REACTION, interval);
                        if (pipeline.probe() != null)
                        {
                            logTagged(log, stages, StageHistograms.RAW_TWO_HOP, interval);
                        }
                    }
                }
                run.snapshot(pipeline);
                // Each figure read once an interval, the next interval counting on from it.
                final long preemptions = sched.involuntarySwitches();
                final long faults = faults(sched);
                listener.onInterval(new Interval(index++, warm, run.rounds, run.blocks, backlog, run.lost, run.rejected,
                    run.logicalErrors, run.completeBlocks, run.incomplete, interval.getValueAtPercentile(99),
                    interval.getMaxValue(), gc - gcBefore, allocated - allocatedBefore,
                    delta(preemptions, preemptionsBefore), delta(faults, faultsBefore), probeInterval == null ? -1 :
                    probeInterval.getValueAtPercentile(99)), interval);
                preemptionsBefore = preemptions;
                faultsBefore = faults;
                allocatedBefore = threads.getThreadAllocatedBytes(hotThread);
                gcBefore = gc;
            }
            run.allocation = allocationMark == null ? null : allocationMark.since();
            if (measureStartNs != 0)
            {
                pipeline.awaitCaughtUp(RunVerdict.CATCH_UP_GRACE_NS);
                run.measuredNs = System.nanoTime() - measureStartNs;
                run.measuredRounds = pipeline.simulator().roundsSent() - roundsAtMeasureStart;
            }
            run.elapsedNs = System.nanoTime() - startNs;
            // A node that accepted nothing has nothing to drain: no need to wait the full timeout to say so.
            final boolean nothingArrived = pipeline.frameCounters().counter(FrameCounter.ACCEPTED).get() == 0;
            run.drained = pipeline.stopAndDrain(TimeUnit.SECONDS.toNanos(nothingArrived ? 1 : 10));
            run.snapshot(pipeline);
            run.rejectedByKind = RunVerdict.rejectedByKind(run.frameCounts);
            run.journal = pipeline.journal() == null ? null : pipeline.journal().describe();
        }
        return run;
    }

    /**
     * A run as it ended, without running anything: for judging verdicts in tests.
     *
     * @param lost        losses not accounted by a counter.
     * @param drained     whether the sink saw the last block.
     * @param backlog     the backlog at the start and the end of the measured stretch.
     * @param rateShare   the share of the requested round rate achieved over a measured second.
     * @return the run.
     */
    public static PipelineRun finished(
        final long lost, final boolean drained, final long backlog, final double rateShare)
    {
        final PipelineRun run = new PipelineRun();
        run.lost = lost;
        run.drained = drained;
        run.trackBacklog(backlog);
        run.periodNs = 1000;
        run.blockNs = 10_000;
        run.measuredNs = 1_000_000_000L;
        run.measuredRounds = (long)(rateShare * 1_000_000);
        run.blocks = run.measuredRounds / 10;
        return run;
    }

    /**
     * @return the verdict every pipeline command shares: schedule held, blocks accounted for, fallback share; the
     * caller adds its own checks.
     */
    public RunVerdict verdict()
    {
        return new RunVerdict()
            .schedule(periodNs, measuredRounds, measuredNs, Math.max(0, firstWarmBacklog), lastBacklog, blockNs)
            .accounting(lost, drained, blocks)
            // Shed blocks are judged by pace (a warning), not as windows the decoder's defect cap sent away.
            .fallback(Math.max(0, fallback - shed), blocks)
            .shed(shed, maxBacklogRounds)
            .arrivals(rounds, accepted, dropped);
    }

    /**
     * @return what the whole process allocated over the measured stretch; null if it never began or the JVM does not
     * count allocation.
     */
    public ProcessAllocation.Stretch allocation()
    {
        return allocation;
    }

    /** @return rejected frames, total and by kind. */
    public String rejectedByKind()
    {
        return rejectedByKind;
    }

    /** @return the decoding node's journal at the end of the run, as one line; null if it kept none. */
    public String journal()
    {
        return journal;
    }

    private void snapshot(final SimulationPipeline pipeline)
    {
        rounds = pipeline.simulator().roundsSent();
        emittedBlocks = pipeline.simulator().source().blocksSampled();
        blocks = pipeline.sink().blocks();
        logicalErrors = pipeline.sink().logicalErrors();
        unknownTruth = pipeline.sink().unknownTruth();
        missingBlocks = pipeline.sink().missingBlocks();
        completeBlocks = pipeline.sink().completeBlocks();
        incomplete = pipeline.sink().incomplete();
        incompleteErrors = pipeline.sink().incompleteErrors();
        lost = pipeline.unaccounted();
        notSent = pipeline.notSent();
        rejected = RunVerdict.rejected(frameCounts);
        fallback = pipeline.sink().fallback();
        shed = pipeline.nodeCounters().blocksShed();
        maxBacklogRounds = pipeline.nodeCounters().maxBacklogRounds();
        accepted = pipeline.frameCounters().counter(FrameCounter.ACCEPTED).get();
        dropped = pipeline.simulator().injector().injected(FaultKind.DROP);
    }

    private void trackBacklog(final long backlog)
    {
        if (firstWarmBacklog < 0)
        {
            firstWarmBacklog = backlog;
        }
        lastBacklog = backlog;
    }

    /** @return the backlog in blocks at the end of the measured stretch. */
    public long lastBacklog()
    {
        return lastBacklog;
    }

    // Beside the untagged end-to-end interval, which readers that know no tags still see alone.
    private static void logTagged(
        final HistogramLogWriter log, final StageHistograms stages, final int stage, final Histogram endToEnd)
    {
        final Histogram interval = stages.interval(stage);
        interval.setTag(stage == StageHistograms.REACTION ? REACTION_TAG : RAW_TWO_HOP_TAG);
        interval.setStartTimeStamp(endToEnd.getStartTimeStamp());
        interval.setEndTimeStamp(endToEnd.getEndTimeStamp());
        log.outputIntervalHistogram(interval);
    }

    private static long faults(final ThreadSchedStats sched)
    {
        return sched.available() ? sched.minorFaults() + sched.majorFaults() : -1;
    }

    private static long delta(final long now, final long before)
    {
        return now < 0 || before < 0 ? -1 : now - before;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean collector : COLLECTORS)
        {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    /** @return end-to-end latency after warm-up: last round emitted to state at the sink, ns. */
    public Histogram endToEnd()
    {
        return stages.total(StageHistograms.END_TO_END);
    }

    /**
     * @return the raw two-hop path after warm-up, probed interleaved with the rounds (empty without a probe), ns;
     * tagged {@value #RAW_TWO_HOP_TAG} in the interval log.
     */
    public Histogram rawTwoHop()
    {
        return stages.total(StageHistograms.RAW_TWO_HOP);
    }

    /** @return ingress after warm-up: round emitted to node, ns. */
    public Histogram ingress()
    {
        return stages.total(StageHistograms.INGRESS);
    }

    /** @return reaction after warm-up: last round in to state offered, ns. */
    public Histogram reaction()
    {
        return stages.total(StageHistograms.REACTION);
    }

    /** @return per round after warm-up: any other round in to decoded, ns. */
    public Histogram perRound()
    {
        return stages.total(StageHistograms.PER_ROUND);
    }

    /** @return blocks the simulator emitted. */
    public long emittedBlocks()
    {
        return emittedBlocks;
    }

    /** @return blocks whose ground truth the sink did not know. */
    public long unknownTruth()
    {
        return unknownTruth;
    }

    /** @return blocks the sink never saw. */
    public long missingBlocks()
    {
        return missingBlocks;
    }

    /** @return frames a publisher gave up on. */
    public long notSent()
    {
        return notSent;
    }

    /** @return time from the start of the run to the end of emission, ns. */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    /** @return decode of each block's last window after warm-up (the decoder's share of the reaction), ns. */
    public Histogram lastWindow()
    {
        return stages.total(StageHistograms.LAST_WINDOW);
    }

    /** @return decode of each block after warm-up, summed over its windows, ns. */
    public Histogram perBlock()
    {
        return stages.total(StageHistograms.PER_BLOCK);
    }

    /** @return rounds emitted. */
    public long rounds()
    {
        return rounds;
    }

    /** @return blocks checked at the sink. */
    public long blocks()
    {
        return blocks;
    }

    /** @return logical errors found at the sink among complete blocks. */
    public long logicalErrors()
    {
        return logicalErrors;
    }

    /** @return complete blocks judged at the sink: the logical error rate's denominator. */
    public long completeBlocks()
    {
        return completeBlocks;
    }

    /** @return logical error rate over complete blocks, 0 without any. */
    public double logicalErrorRate()
    {
        return completeBlocks == 0 ? 0.0 : (double)logicalErrors / completeBlocks;
    }

    /** @return states flagged incomplete that changed the residual at the sink. */
    public long incompleteErrors()
    {
        return incompleteErrors;
    }

    /** @return blocks flagged incomplete, the logical error rate left aside, as one phrase. */
    public String incompleteLine()
    {
        return incompleteLine(incomplete, incompleteErrors);
    }

    /**
     * @param incomplete       states flagged incomplete.
     * @param incompleteErrors those of them that changed the residual.
     * @return one phrase for every report.
     */
    public static String incompleteLine(final long incomplete, final long incompleteErrors)
    {
        return "incomplete " + incomplete + " blocks, not in the logical error rate (the residual changed at " +
            incompleteErrors + " of them)";
    }

    /** @return losses not accounted by a counter: frames not sent, blocks missing unaccounted, truth unknown. */
    public long lost()
    {
        return lost;
    }

    /** @return frames the node rejected. */
    public long rejected()
    {
        return rejected;
    }

    /** @return blocks the decoding node shed to the fallback because it had fallen behind. */
    public long shed()
    {
        return shed;
    }

    /** @return the largest backlog the decoding node measured, rounds. */
    public long maxBacklogRounds()
    {
        return maxBacklogRounds;
    }

    /** @return blocks decoded by the fallback, as flagged at the sink. */
    public long fallback()
    {
        return fallback;
    }

    /** @return blocks flagged incomplete. */
    public long incomplete()
    {
        return incomplete;
    }

    /** @return true if the sink saw the last block after the simulator stopped. */
    public boolean drained()
    {
        return drained;
    }
}
