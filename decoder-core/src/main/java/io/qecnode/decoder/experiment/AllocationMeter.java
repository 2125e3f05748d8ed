package io.qecnode.decoder.experiment;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the calling thread allocates, for proving that a loop allocates nothing.
 * <p>
 * Reading the counter through {@code ThreadMXBean} itself allocates a few hundred bytes per read; the meter measures
 * that cost right before each measurement and subtracts it, so an allocation-free section reads exactly 0.
 */
public final class AllocationMeter
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private AllocationMeter()
    {
    }

    /**
     * @return bytes allocated so far by the calling thread, including this read's own allocation.
     */
    public static long currentThreadAllocatedBytes()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Run a section up to {@code windows} times, stopping at the first run that allocates nothing, and report the
     * least any run allocated. A real per-call allocation shows in every run of a long section; a one-off while the
     * JIT recompiles shows in one. Tests of allocation-free code assert this is exactly 0.
     *
     * @param section the code to measure; run on the calling thread.
     * @param windows most runs, at least 1.
     * @return the least bytes allocated by one run.
     */
    public static long leastBytesAllocatedBy(final Runnable section, final int windows)
    {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < windows && least != 0; i++)
        {
            least = Math.min(least, bytesAllocatedBy(section));
        }
        return least;
    }

    /**
     * Run a section and report what it allocated on this thread.
     *
     * @param section the code to measure; run once on the calling thread.
     * @return bytes the section allocated, with the meter's own reads subtracted.
     */
    public static long bytesAllocatedBy(final Runnable section)
    {
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++)
        {
            final long first = currentThreadAllocatedBytes();
            overhead = Math.min(overhead, currentThreadAllocatedBytes() - first);
        }
        final long before = currentThreadAllocatedBytes();
        section.run();
        return currentThreadAllocatedBytes() - before - overhead;
    }
}
