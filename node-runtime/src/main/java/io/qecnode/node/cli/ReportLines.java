package io.qecnode.node.cli;

import io.qecnode.io.frame.AtomicFrameCounters;
import io.qecnode.node.measure.RunVerdict;
import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * Pieces of {@code run}'s report lines that must not mislead: an interval without a block has no reaction time to
 * show, and frames the validator rejected are shown by kind where the user looks, not only in {@code stat}.
 */
final class ReportLines
{
    private ReportLines()
    {
    }

    /**
     * @param interval the interval's reaction times, ns.
     * @return {@code reaction p50 N ns p99 N ns max N ns}, or {@code reaction -, no blocks} for an empty interval.
     */
    static String reaction(final Histogram interval)
    {
        if (interval.getTotalCount() == 0)
        {
            return "reaction -, no blocks";
        }
        return String.format(Locale.ROOT, "reaction p50 %d ns p99 %d ns max %d ns", interval.getValueAtPercentile(50),
            interval.getValueAtPercentile(99), interval.getMaxValue());
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
