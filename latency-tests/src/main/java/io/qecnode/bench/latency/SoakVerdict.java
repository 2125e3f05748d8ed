package io.qecnode.bench.latency;

import io.qecnode.node.harness.PipelineRun;
import io.qecnode.node.measure.RunVerdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Judges a soak from its intervals: the rule every pipeline command shares ({@link RunVerdict}: the hardware schedule
 * held, nothing lost unaccounted, the fallback share), and after warm-up the hot thread may not allocate, no garbage
 * collection may run, and the interval p99 may not drift up beyond a factor unless the platform drifted alike.
 * <p>
 * Drift is the median p99 of the last third of the intervals against that of the first third (at least three each,
 * when there are six or more), so that a few noisy intervals do not decide it either way. It is measured for the
 * pipeline and for a raw-hop probe that ran beside it on the same host and bus. The soak fails on drift only when
 * ours exceeds the factor AND exceeds the probe's drift by the factor: a stretch of a shared host that slows every
 * thread raises both alike, so their ratio stays near 1 and it passes; a regression of ours raises ours alone and
 * fails. The probe can only excuse a drift, never convict one: without probe data the rule is ours alone.
 */
public final class SoakVerdict
{
    private static final int MIN_DRIFT_WINDOW = 3;

    private final double driftFactor;
    private final List<PipelineRun.Interval> warm = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private PipelineRun.Interval last;
    private double drift = Double.NaN;
    private double probeDrift = Double.NaN;
    private String schedule = "";
    private String fallback = "";
    private String rejectedByKind = "";
    private String incomplete = "incomplete -";

    /**
     * @param driftFactor largest allowed rise of the interval p99, beyond the probe's own rise.
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
        final RunVerdict shared = run.verdict();
        failures.addAll(shared.failures());
        warnings.addAll(shared.warnings());
        schedule = shared.scheduleLine();
        fallback = shared.fallbackLine();
        rejectedByKind = run.rejectedByKind();
        incomplete = run.incompleteLine();
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
        if (warm.size() >= 2)
        {
            final int window = Math.min(Math.max(MIN_DRIFT_WINDOW, warm.size() / 3), warm.size() / 2);
            drift = drift(warm, window, PipelineRun.Interval::p99Ns);
            probeDrift = drift(warm, window, PipelineRun.Interval::probeP99Ns);
            if (drift > driftFactor && !(drift / probeDrift <= driftFactor))
            {
                failures.add(String.format(Locale.ROOT, "interval p99 drifted up %.2fx (%.1f us -> %.1f us), more " +
                    "than %.2fx, while the raw-hop probe drifted %s", drift,
                    median(warm.subList(0, window), PipelineRun.Interval::p99Ns) / 1000.0,
                    median(warm.subList(warm.size() - window, warm.size()), PipelineRun.Interval::p99Ns) / 1000.0,
                    driftFactor, times(probeDrift)));
            }
        }
    }

    /**
     * @param intervals warm intervals.
     * @param window    intervals at each end.
     * @param p99       which p99.
     * @return median of the last window over median of the first, NaN where a p99 is unknown (-1).
     */
    private static double drift(
        final List<PipelineRun.Interval> intervals, final int window, final ToLongFunction<PipelineRun.Interval> p99)
    {
        final double first = median(intervals.subList(0, window), p99);
        final double end = median(intervals.subList(intervals.size() - window, intervals.size()), p99);
        return first < 0 || end < 0 ? Double.NaN : end / Math.max(1.0, first);
    }

    private static double median(
        final List<PipelineRun.Interval> intervals, final ToLongFunction<PipelineRun.Interval> p99)
    {
        final long[] values = intervals.stream().mapToLong(p99).toArray();
        Arrays.sort(values);
        if (values.length == 0 || values[0] < 0)
        {
            return -1;
        }
        final int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    private static String times(final double factor)
    {
        return Double.isNaN(factor) ? "-" : String.format(Locale.ROOT, "%.2fx", factor);
    }

    /** @return the raw-hop probe's p99 drift, NaN before two warm intervals or without a probe. */
    public double probeDrift()
    {
        return probeDrift;
    }

    /** @return warnings that do not fail the soak. */
    public List<String> warnings()
    {
        return warnings;
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

    /** @return the final lines: the schedule, fallback and rejected frames, then totals and the verdict. */
    public String summary()
    {
        final PipelineRun.Interval end = last;
        if (end == null)
        {
            return "soak: no interval completed";
        }
        return String.format(Locale.ROOT, "soak: %s; %s; %s; %s%n" +
            "soak %s: %d intervals after warm-up, %d rounds, %d blocks, lost %d, rejected %d, logical error rate " +
            "%.3e over %d complete blocks, p99 drift %s, probe drift %s (fail above %.2fx and %.2fx the probe's), GCs after warm-up %d, " +
            "hot-thread bytes after warm-up %d", schedule, fallback, rejectedByKind, incomplete,
            passed() ? "PASSED" : "FAILED", warm.size(), end.rounds(), end.blocksChecked(), end.lost(), end.rejected(),
            errorRate(end), end.completeBlocks(), times(drift),
            times(probeDrift), driftFactor, driftFactor, warm.stream().mapToLong(PipelineRun.Interval::gcCount).sum(),
            warm.stream().mapToLong(PipelineRun.Interval::hotThreadAllocatedBytes).sum());
    }

    /** @return the column headings of {@link #row}. */
    public static String header()
    {
        return String.format(Locale.ROOT, "%5s %5s %13s %11s %6s %8s %10s %9s %10s %9s %6s %6s %4s %9s %8s %7s %6s",
            "int", "warm", "rounds", "blocks", "lost", "rejected", "LER", "p99 us", "max us", "probe us", "drift",
            "probe", "GCs", "hot B", "backlog", "preempt", "faults");
    }

    /**
     * A line of the table, with the running drift of ours and of the probe: the median p99 of the latest three warm
     * intervals against that of the first three ({@code -} until there are three).
     *
     * @param interval one interval, already {@link #add added}; counts are totals so far; GCs, bytes, preemptions and
     *                 page faults of the hot thread are the interval's own (-1 where {@code /proc} is absent).
     * @return one line of the table.
     */
    public String row(final PipelineRun.Interval interval)
    {
        final boolean running = interval.warm() && warm.size() >= MIN_DRIFT_WINDOW;
        final double ours = running ? drift(warm, MIN_DRIFT_WINDOW, PipelineRun.Interval::p99Ns) : Double.NaN;
        final double probe = running ? drift(warm, MIN_DRIFT_WINDOW, PipelineRun.Interval::probeP99Ns) : Double.NaN;
        return String.format(Locale.ROOT, "%5d %5s %13d %11d %6d %8d %10.3e %9.1f %10.1f %9s %6s %6s %4d %9d %8d " +
            "%7d %6d", interval.index(), interval.warm() ? "yes" : "no", interval.rounds(), interval.blocksChecked(),
            interval.lost(), interval.rejected(), errorRate(interval), interval.p99Ns() / 1000.0,
            interval.maxNs() / 1000.0, interval.probeP99Ns() < 0 ? "-" :
            String.format(Locale.ROOT, "%.1f", interval.probeP99Ns() / 1000.0), times(ours), times(probe),
            interval.gcCount(), interval.hotThreadAllocatedBytes(), interval.backlog(),
            interval.hotThreadPreemptions(), interval.hotThreadPageFaults());
    }

    // Over complete blocks: an incomplete one (rounds lost) is counted apart, not as a decoder's mistake.
    private static double errorRate(final PipelineRun.Interval interval)
    {
        return interval.completeBlocks() == 0 ? 0.0 : interval.logicalErrors() / (double)interval.completeBlocks();
    }
}
