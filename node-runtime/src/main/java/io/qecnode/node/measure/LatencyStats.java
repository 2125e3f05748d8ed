package io.qecnode.node.measure;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * Percentiles of a latency histogram in nanoseconds, and how they print.
 *
 * @param count  values recorded.
 * @param p50    median.
 * @param p90    90th percentile.
 * @param p99    99th percentile.
 * @param p999   99.9th percentile.
 * @param p9999  99.99th percentile.
 * @param max    largest value.
 */
public record LatencyStats(long count, long p50, long p90, long p99, long p999, long p9999, long max)
{
    /**
     * @param histogram recorded latencies in nanoseconds.
     * @return its percentiles.
     */
    public static LatencyStats of(final Histogram histogram)
    {
        return new LatencyStats(histogram.getTotalCount(),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }

    /** @return the header matching {@link #row(String)}. */
    public static String header()
    {
        return String.format(Locale.ROOT, "%-22s %10s %9s %9s %9s %9s %9s %11s",
            "", "count", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "p99.99 ns", "max ns");
    }

    /**
     * @param name what was measured.
     * @return one table row.
     */
    public String row(final String name)
    {
        return String.format(Locale.ROOT, "%-22s %10d %9d %9d %9d %9d %9d %11d",
            name, count, p50, p90, p99, p999, p9999, max);
    }

    /**
     * @param baseline the same percentiles of the baseline.
     * @return a row of the differences, this minus baseline.
     */
    public String differenceRow(final LatencyStats baseline)
    {
        return String.format(Locale.ROOT, "%-22s %10s %9d %9d %9d %9d %9d %11d",
            "difference", "", p50 - baseline.p50, p90 - baseline.p90, p99 - baseline.p99, p999 - baseline.p999,
            p9999 - baseline.p9999, max - baseline.max);
    }

    /**
     * @param baseline the same percentiles of the baseline.
     * @return this over the baseline at p50 and p99, e.g. {@code p50 2.9x, p99 1.4x}; n/a where the baseline is 0.
     */
    public String ratios(final LatencyStats baseline)
    {
        return "p50 " + ratio(p50, baseline.p50) + ", p99 " + ratio(p99, baseline.p99);
    }

    private static String ratio(final long value, final long baseline)
    {
        return baseline <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1fx", (double)value / baseline);
    }

    /**
     * @param name what was measured.
     * @return the stats as one JSON object.
     */
    public String toJson(final String name)
    {
        return String.format(Locale.ROOT,
            "{\"name\":\"%s\",\"count\":%d,\"p50_ns\":%d,\"p90_ns\":%d,\"p99_ns\":%d,\"p999_ns\":%d," +
            "\"p9999_ns\":%d,\"max_ns\":%d}", name, count, p50, p90, p99, p999, p9999, max);
    }
}
