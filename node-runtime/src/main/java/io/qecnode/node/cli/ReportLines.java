package io.qecnode.node.cli;

import io.qecnode.io.frame.AtomicFrameCounters;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.node.measure.RunVerdict;
import org.HdrHistogram.Histogram;


/**
 * Pieces of {@code run}'s report lines, appended in place (one a report interval for as long as a node runs), that
 * must not mislead: an interval without a block has no reaction time to
 * show, and frames the validator rejected are shown by kind where the user looks, not only in {@code stat}.
 */
final class ReportLines
{
    // values() copies the array each call; the counters are read every report interval.
    private static final FrameCounter[] FRAME_COUNTERS = FrameCounter.values();

    private ReportLines()
    {
    }

    /**
     * @param line     to append to.
     * @param interval the interval's reaction times, ns.
     * @return {@code line} with {@code reaction p50 N ns p99 N ns max N ns}, or {@code reaction -, no blocks} for an
     * empty interval; allocates nothing.
     */
    static StringBuilder appendReaction(final StringBuilder line, final Histogram interval)
    {
        if (interval.getTotalCount() == 0)
        {
            return line.append("reaction -, no blocks");
        }
        return line.append("reaction p50 ").append(interval.getValueAtPercentile(50)).append(" ns p99 ")
            .append(interval.getValueAtPercentile(99)).append(" ns max ").append(interval.getMaxValue()).append(" ns");
    }

    /**
     * @param line     to append to.
     * @param counters the validator's counters.
     * @return {@code line} with the rejected frames, total and by kind, e.g. {@code rejected 3 (wrong distance 3)};
     * allocates only when some frame was rejected.
     */
    static StringBuilder appendRejected(final StringBuilder line, final AtomicFrameCounters counters)
    {
        long total = 0;
        for (final FrameCounter counter : FRAME_COUNTERS)
        {
            total += counter.isRejection() ? counters.counter(counter).get() : 0;
        }
        return total == 0 ? line.append("rejected 0") : line.append(rejected(counters));
    }

    /**
     * @param counters the validator's counters.
     * @return rejected frames, total and by kind, e.g. {@code rejected 3 (wrong distance 3)}.
     */
    static String rejected(final AtomicFrameCounters counters)
    {
        return RunVerdict.rejectedByKind(counter -> counters.counter(counter).get());
    }
}
