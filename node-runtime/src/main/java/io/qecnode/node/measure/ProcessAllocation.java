package io.qecnode.node.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the whole process allocates on the Java heap over a stretch (every thread, not only the hot one), so that a
 * run can say whether it could go for hours without a garbage collection: {@link #mark()} at the end of the warm-up,
 * {@link #since()} at the end of the run.
 * <p>
 * Each side reads {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} for every live thread. A
 * thread alive at both counts what it allocated in between; a thread started in between counts everything it ever
 * allocated (its own start-up included, so the figure errs high); a thread that ended in between cannot be read any
 * more, so what it allocated after the mark is missing, and the report says how many there were. Threads the JVM
 * keeps from Java code (JIT compiler, GC) are not listed; they allocate little or nothing on the heap. The reads
 * allocate a few kilobytes themselves, once at each end: cold path only.
 */
public final class ProcessAllocation
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final long startNs;
    private final long[] ids;
    private final long[] bytes;

    private ProcessAllocation(final long startNs, final long[] ids, final long[] bytes)
    {
        this.startNs = startNs;
        this.ids = ids;
        this.bytes = bytes;
    }

    /**
     * @return whether the JVM counts each thread's allocation (HotSpot does, unless turned off).
     */
    public static boolean isSupported()
    {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /**
     * @return every live thread's allocation so far, and the time; null where the JVM does not count allocation.
     */
    public static ProcessAllocation mark()
    {
        if (!isSupported())
        {
            return null;
        }
        final long[] ids = THREADS.getAllThreadIds();
        final long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        return new ProcessAllocation(System.nanoTime(), ids, bytes);
    }

    /**
     * @return what the process allocated from the mark to now.
     */
    public Stretch since()
    {
        final long[] endIds = THREADS.getAllThreadIds();
        final long[] endBytes = THREADS.getThreadAllocatedBytes(endIds);
        final long nowNs = System.nanoTime();
        final List<ThreadBytes> counted = new ArrayList<>(endIds.length);
        long total = 0;
        int started = 0;
        for (int i = 0; i < endIds.length; i++)
        {
            if (endBytes[i] < 0)
            {
                continue; // ended between the two reads
            }
            final int before = indexOf(ids, endIds[i]);
            final long allocated = before < 0 || bytes[before] < 0 ? endBytes[i] : endBytes[i] - bytes[before];
            started += before < 0 ? 1 : 0;
            total += allocated;
            counted.add(new ThreadBytes(threadName(endIds[i]), allocated));
        }
        int ended = 0;
        for (int i = 0; i < ids.length; i++)
        {
            ended += bytes[i] >= 0 && indexOf(endIds, ids[i]) < 0 ? 1 : 0;
        }
        counted.sort(Comparator.comparingLong(ThreadBytes::bytes).reversed());

        return new Stretch(total, nowNs - startNs, started, ended, List.copyOf(counted));
    }

    private static int indexOf(final long[] ids, final long id)
    {
        for (int i = 0; i < ids.length; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }
        return -1;
    }

    private static String threadName(final long id)
    {
        final ThreadInfo info = THREADS.getThreadInfo(id);
        return info == null ? "thread " + id : info.getThreadName();
    }

    /**
     * What one thread allocated over a stretch.
     *
     * @param name  the thread's name.
     * @param bytes it allocated.
     */
    public record ThreadBytes(String name, long bytes)
    {
    }

    /**
     * What the process allocated over a stretch.
     *
     * @param bytes     allocated by the threads counted.
     * @param elapsedNs length of the stretch.
     * @param started   threads started during the stretch, counted whole.
     * @param ended     threads alive at its start that ended during it, their allocation after the start missing.
     * @param threads   every thread counted (alive at its end), most bytes first.
     */
    public record Stretch(long bytes, long elapsedNs, int started, int ended, List<ThreadBytes> threads)
    {
        /**
         * @return bytes a second over the stretch.
         */
        public double bytesPerSecond()
        {
            return elapsedNs <= 0 ? 0 : bytes * 1e9 / elapsedNs;
        }

        /**
         * @param command the command's name, leading the line.
         * @return one line to quote: the rate, what it is summed over, and the largest allocator.
         */
        public String line(final String command)
        {
            final String churn = started == 0 && ended == 0 ? "no thread started or ended meanwhile" :
                started + " started meanwhile (counted whole), " + ended + " ended meanwhile (not counted)";
            final ThreadBytes top = threads.isEmpty() ? new ThreadBytes("-", 0) : threads.get(0);
            return String.format(Locale.ROOT, "%s: process allocated %.1f KB/s after warm-up (all %d threads, %d " +
                "bytes in %.1f s; %s; most by %s: %d bytes)", command, bytesPerSecond() / 1024, threads.size(), bytes,
                elapsedNs / 1e9, churn, top.name(), top.bytes());
        }

        /**
         * @param command the command's name, leading the line.
         * @return every thread counted and its bytes, most first, on one line: {@code name=bytes, ...}.
         */
        public String byThreadLine(final String command)
        {
            final StringBuilder text = new StringBuilder(command).append(": allocated after warm-up by thread:");
            for (int i = 0; i < threads.size(); i++)
            {
                final ThreadBytes thread = threads.get(i);
                text.append(i == 0 ? " " : ", ").append(thread.name()).append('=').append(thread.bytes());
            }
            return text.toString();
        }

        /**
         * @param command the command's name, leading each line.
         * @return {@link #line} and {@link #byThreadLine}, each ending with a newline.
         */
        public String lines(final String command)
        {
            return line(command) + '\n' + byThreadLine(command) + '\n';
        }
    }
}
