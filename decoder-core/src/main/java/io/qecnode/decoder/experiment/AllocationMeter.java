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
