package io.qecnode.io.frame;

/**
 * {@link FrameCounters} in a plain {@code long[]}, for tests and single-threaded tools.
 * <p>
 * <b>Note:</b> not thread-safe, and invisible outside the process; use {@link AtomicFrameCounters} for that.
 */
public final class LongArrayFrameCounters implements FrameCounters
{
    private final long[] values = new long[FrameCounter.count()];

    /**
     * {@inheritDoc}
     */
    public void increment(final FrameCounter counter)
    {
        values[counter.ordinal()]++;
    }

    /**
     * {@inheritDoc}
     */
    public void add(final FrameCounter counter, final long delta)
    {
        values[counter.ordinal()] += delta;
    }

    /**
     * @param counter to read.
     * @return its current value.
     */
    public long value(final FrameCounter counter)
    {
        return values[counter.ordinal()];
    }

    /**
     * @return the sum of every rejection counter.
     */
    public long rejectedTotal()
    {
        long total = 0;
        for (int i = 0; i < values.length; i++)
        {
            if (FrameCounter.get(i).isRejection())
            {
                total += values[i];
            }
        }

        return total;
    }
}
