package io.qecnode.node.measure;

import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * Recorders written on a hot thread. Their range is fixed up front because an auto-resizing histogram allocates the
 * first time it sees a value larger than any before, which on a long soak is exactly the rare outlier.
 */
public final class HotRecorders
{
    /** Largest latency a hot recorder holds; longer ones are recorded as this. */
    public static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private HotRecorders()
    {
    }

    /** @return a recorder of 1 ns to {@link #HIGHEST_NS} at three significant digits. */
    public static SingleWriterRecorder newRecorder()
    {
        return new SingleWriterRecorder(1, HIGHEST_NS, 3);
    }

    /**
     * @param valueNs a measured latency, possibly negative from clock skew or beyond the range.
     * @return the value clamped to what a hot recorder holds.
     */
    public static long clamp(final long valueNs)
    {
        return Math.min(Math.max(0, valueNs), HIGHEST_NS);
    }
}
