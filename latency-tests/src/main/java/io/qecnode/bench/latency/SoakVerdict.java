package io.qecnode.bench.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Judges a soak from its intervals: after warm-up nothing may be lost unaccounted, the hot thread may not allocate,
 * no garbage collection may run, the node may not fall behind, and the interval p99 may not drift up by more than a
 * factor: the median p99 of the last third of the intervals against that of the first third (at least three each,
 * when there are six or more), so that a few noisy intervals do not decide it either way.
 */
public final class SoakVerdict
{
    private static final int MIN_DRIFT_WINDOW = 3;

    private final double driftFactor;
    private final List<PipelineRun.Interval> warm = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private PipelineRun.Interval last;
    private long lostAtWarmStart = -1;
    private double drift = Double.NaN;

    /**
     * @param driftFactor largest allowed rise of the interval p99.
     */
    public SoakVerdict(final double driftFactor)
    {
        this.driftFactor = driftFactor;
    }

    /** @param interval the next interval. */
    public void add(final PipelineRun.Interval interval)
    {
        last = interval;
        if (interval.warm())
        {
            if (warm.isEmpty())
            {
                lostAtWarmStart = interval.lost();
            }
            warm.add(interval);
        }
    }

    /**
     * Close the verdict once the run has drained.
     *
     * @param run the finished run.
     */
    public void finish(final PipelineRun run)
    {
        if (warm.isEmpty())
        {
            failures.add("no interval after warm-up: lengthen --duration");
            return;
        }
        if (run.lost() > 0)
        {
            failures.add(run.lost() + " frame(s) or block(s) lost unaccounted (" +
                Math.max(0, run.lost() - lostAtWarmStart) + " after warm-up)");
        }
        if (!run.drained())
        {
            failures.add("the sink did not see the last block after the simulator stopped");
        }
        final long allocated = warm.stream().mapToLong(PipelineRun.Interval::hotThreadAllocatedBytes).sum();
        if (allocated > 0)
        {
            failures.add("the hot thread allocated " + allocated + " bytes after warm-up");
        }
        final long collections = warm.stream().mapToLong(PipelineRun.Interval::gcCount).sum();
        if (collections > 0)
        {
            failures.add(collections + " garbage collection(s) after warm-up");
        }
        if (run.fellBehind())
        {
            failures.add("the node fell behind: the block backlog rose to the end");
        }
        if (warm.size() >= 2)
        {
            final int window = Math.min(Math.max(MIN_DRIFT_WINDOW, warm.size() / 3), warm.size() / 2);
            final double first = medianP99(warm.subList(0, window));
            final double end = medianP99(warm.subList(warm.size() - window, warm.size()));
            drift = end / Math.max(1.0, first);
            if (drift > driftFactor)
            {
                failures.add(String.format(Locale.ROOT, "interval p99 drifted up %.2fx (%.1f us -> %.1f us), more " +
                    "than %.2fx", drift, first / 1000.0, end / 1000.0, driftFactor));
            }
        }
    }

    private static double medianP99(final List<PipelineRun.Interval> intervals)
    {
        final long[] p99 = intervals.stream().mapToLong(PipelineRun.Interval::p99Ns).toArray();
        Arrays.sort(p99);
        final int mid = p99.length / 2;
        return p99.length % 2 == 1 ? p99[mid] : (p99[mid - 1] + p99[mid]) / 2.0;
    }

    /** @return true if nothing failed. */
    public boolean passed()
    {
        return failures.isEmpty();
    }

    /** @return what failed, in words. */
    public List<String> failures()
    {
        return failures;
    }

    /** @return the p99 drift factor measured, NaN before two warm intervals. */
    public double drift()
    {
        return drift;
    }

    /** @return the final line: totals and the verdict. */
    public String summary()
    {
        final PipelineRun.Interval end = last;
        if (end == null)
        {
            return "soak: no interval completed";
        }
        return String.format(Locale.ROOT, "soak %s: %d intervals after warm-up, %d rounds, %d blocks, lost %d, " +
            "rejected %d, logical error rate %.3e, p99 drift %.2fx (limit %.2fx), GCs after warm-up %d, hot-thread " +
            "bytes after warm-up %d", passed() ? "PASSED" : "FAILED", warm.size(), end.rounds(), end.blocksChecked(),
            end.lost(), end.rejected(), errorRate(end), drift, driftFactor,
            warm.stream().mapToLong(PipelineRun.Interval::gcCount).sum(),
            warm.stream().mapToLong(PipelineRun.Interval::hotThreadAllocatedBytes).sum());
    }

    /** @return the column headings of {@link #row}. */
    public static String header()
    {
        return String.format(Locale.ROOT, "%5s %5s %13s %11s %6s %8s %10s %9s %10s %4s %9s %8s %7s %6s",
            "int", "warm", "rounds", "blocks", "lost", "rejected", "LER", "p99 us", "max us", "GCs", "hot B", "backlog",
            "preempt", "faults");
    }

    /**
     * @param interval one interval; counts are totals so far; GCs, bytes, preemptions and page faults of the hot
     *                 thread are the interval's own (-1 where {@code /proc} is absent).
     * @return one line of the table.
     */
    public static String row(final PipelineRun.Interval interval)
    {
        return String.format(Locale.ROOT, "%5d %5s %13d %11d %6d %8d %10.3e %9.1f %10.1f %4d %9d %8d %7d %6d",
            interval.index(), interval.warm() ? "yes" : "no", interval.rounds(), interval.blocksChecked(),
            interval.lost(), interval.rejected(), errorRate(interval), interval.p99Ns() / 1000.0,
            interval.maxNs() / 1000.0, interval.gcCount(), interval.hotThreadAllocatedBytes(), interval.backlog(),
            interval.hotThreadPreemptions(), interval.hotThreadPageFaults());
    }

    private static double errorRate(final PipelineRun.Interval interval)
    {
        return interval.blocksChecked() == 0 ? 0.0 : interval.logicalErrors() / (double)interval.blocksChecked();
    }
}
