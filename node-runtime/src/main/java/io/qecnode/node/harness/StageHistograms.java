package io.qecnode.node.harness;

import io.qecnode.node.measure.HotRecorders;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Each stage a run measures (end to end, ingress, reaction, per round, the last window's decode, the block's decode)
 * and the raw two-hop probe beside them:
 * the pipeline's recorder, its interval histogram (recycled, so that a long soak does not churn the heap it checks for
 * collections) and the run's total after warm-up.
 */
final class StageHistograms
{
    static final int END_TO_END = 0;
    static final int INGRESS = 1;
    static final int REACTION = 2;
    static final int PER_ROUND = 3;
    static final int LAST_WINDOW = 4;
    static final int PER_BLOCK = 5;
    static final int RAW_TWO_HOP = 6;
    private static final int STAGES = 7;

    private final Histogram[] totals = new Histogram[STAGES];
    private final Histogram[] intervals = new Histogram[STAGES];
    private SingleWriterRecorder[] recorders;

    StageHistograms()
    {
        for (int stage = 0; stage < STAGES; stage++)
        {
            // A fixed range, as the recorders have, so that adding an interval with a new largest value does not
            // resize (allocate) in the middle of a measured stretch.
            totals[stage] = new Histogram(1, HotRecorders.HIGHEST_NS, 3);
        }
        // The first add loads classes (tens of kilobytes of garbage): let it happen now, not in the first interval
        // after the warm-up, where the process's allocation is measured.
        totals[END_TO_END].add(HotRecorders.newRecorder().getIntervalHistogram());
        totals[END_TO_END].reset();
    }

    /** @param pipeline whose recorders to read, in the order of the stage constants. */
    void attach(final SimulationPipeline pipeline)
    {
        recorders = new SingleWriterRecorder[]{pipeline.latencyNs(), pipeline.ingressNs(), pipeline.reactionNs(),
            pipeline.roundNs(), pipeline.lastWindowNs(), pipeline.decodeNs(),
            pipeline.probe() == null ? HotRecorders.newRecorder() : pipeline.probe().latencyNs()};
    }

    /** Take every stage's values since the last swap as its interval histogram. */
    void swap()
    {
        for (int stage = 0; stage < STAGES; stage++)
        {
            intervals[stage] = recorders[stage].getIntervalHistogram(intervals[stage]);
        }
    }

    /** Add the intervals of the last swap to the run's totals. */
    void addToTotals()
    {
        for (int stage = 0; stage < STAGES; stage++)
        {
            totals[stage].add(intervals[stage]);
        }
    }

    /**
     * @param stage one of the stage constants.
     * @return the stage's interval histogram of the last swap.
     */
    Histogram interval(final int stage)
    {
        return intervals[stage];
    }

    /**
     * @param stage one of the stage constants.
     * @return the stage's total after warm-up.
     */
    Histogram total(final int stage)
    {
        return totals[stage];
    }
}
