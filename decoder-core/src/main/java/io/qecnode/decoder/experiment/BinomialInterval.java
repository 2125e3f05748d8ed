package io.qecnode.decoder.experiment;

/**
 * Wilson score interval for a binomial proportion: sound at 0 and at small counts, where the normal approximation
 * gives negative or zero-width intervals.
 */
public final class BinomialInterval
{
    /** z for a two-sided 95% interval. */
    public static final double Z_95 = 1.959963984540054;

    private BinomialInterval()
    {
    }

    /**
     * @param successes number of events seen.
     * @param trials    number of trials, at least 1.
     * @param z         normal quantile, e.g. {@link #Z_95}.
     * @return lower end of the interval.
     */
    public static double lower(final long successes, final long trials, final double z)
    {
        return centre(successes, trials, z) - halfWidth(successes, trials, z);
    }

    /**
     * @param successes number of events seen.
     * @param trials    number of trials, at least 1.
     * @param z         normal quantile, e.g. {@link #Z_95}.
     * @return upper end of the interval.
     */
    public static double upper(final long successes, final long trials, final double z)
    {
        return centre(successes, trials, z) + halfWidth(successes, trials, z);
    }

    private static double centre(final long successes, final long trials, final double z)
    {
        final double n = trials;
        final double p = successes / n;
        return (p + z * z / (2 * n)) / (1 + z * z / n);
    }

    private static double halfWidth(final long successes, final long trials, final double z)
    {
        final double n = trials;
        final double p = successes / n;
        return z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    }
}
