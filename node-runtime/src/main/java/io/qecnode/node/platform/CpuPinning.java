package io.qecnode.node.platform;

import net.openhft.affinity.impl.LinuxHelper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Gives the hot thread a CPU of its own on Linux: every other thread of the process (the JVM's, the media driver's,
 * the journal's) is moved to the other CPUs, and threads made later inherit that; the hot thread then moves itself
 * to its CPU when it starts. Without it, on a small machine the scheduler takes the spinning hot thread's core for
 * milliseconds at a time whenever a cold thread wakes. Other processes can still run there; isolating the core
 * (isolcpus, cpusets) is the operating system's part.
 */
public final class CpuPinning
{
    private static final Path TASKS = Paths.get("/proc/self/task");
    // Read once, before any pinning: later the calling thread may already be pinned. A container may give the
    // process CPUs that are not numbered from 0.
    private static final BitSet ALLOWED = initiallyAllowed();

    private CpuPinning()
    {
    }

    /**
     * Check that pinning to the CPU can work here, before anything starts.
     *
     * @param cpu the hot thread's CPU.
     * @throws IllegalArgumentException saying why not: not Linux, no such CPU, no other CPU left for the rest.
     */
    public static void check(final int cpu)
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || !Files.isDirectory(TASKS))
        {
            throw new IllegalArgumentException("CPU pinning needs Linux (sched_setaffinity and /proc/self/task); " +
                "this is " + System.getProperty("os.name"));
        }
        if (cpu < 0 || !ALLOWED.get(cpu))
        {
            throw new IllegalArgumentException("no CPU " + cpu + ": this process may use CPUs " + ALLOWED);
        }
        if (ALLOWED.cardinality() < 2)
        {
            throw new IllegalArgumentException("one CPU only: nothing would be left for the other threads");
        }
    }

    /**
     * Move every thread of the process off the CPU; call before starting the hot thread.
     *
     * @param cpu the CPU kept for the hot thread.
     * @return threads moved.
     */
    public static int clearCpuForHotThread(final int cpu)
    {
        final BitSet others = (BitSet)ALLOWED.clone();
        others.clear(cpu);
        return forEachThread(tid -> LinuxHelper.sched_setaffinity(tid, others));
    }

    private static int forEachThread(final IntConsumer action)
    {
        int done = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                try
                {
                    action.accept(Integer.parseInt(task.getFileName().toString()));
                    done++;
                }
                catch (final RuntimeException ex)
                {
                    // A thread that ended while we walked the list.
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot list the process's threads: " + TASKS + ": " + ex, ex);
        }
        return done;
    }

    /**
     * Let every thread of the process run on every CPU again: what a pipeline does when it closes, so that a JVM that
     * goes on (tests, tools) is not left squeezed off a CPU.
     */
    public static void releaseAll()
    {
        forEachThread(tid -> LinuxHelper.sched_setaffinity(tid, ALLOWED));
    }

    /**
     * Move the calling thread to the CPU.
     *
     * @param cpu the CPU.
     */
    public static void pinCurrentThread(final int cpu)
    {
        final BitSet only = new BitSet();
        only.set(cpu);
        LinuxHelper.sched_setaffinity(only);
    }

    /** @return the CPUs the process could use before any pinning. */
    public static BitSet allowedCpus()
    {
        return (BitSet)ALLOWED.clone();
    }

    private static BitSet initiallyAllowed()
    {
        final BitSet allowed = allowedCpusOfCurrentThread();
        if (allowed.isEmpty())
        {
            allowed.set(0, Runtime.getRuntime().availableProcessors());
        }
        return allowed;
    }

    /**
     * @return the CPUs the calling thread may run on; empty if the kernel does not say.
     */
    public static BitSet allowedCpusOfCurrentThread()
    {
        final String list = allowedCpus(Paths.get("/proc/thread-self/status"));
        final BitSet cpus = new BitSet();
        if (list == null || list.isEmpty())
        {
            return cpus;
        }
        for (final String range : list.split(","))
        {
            final String[] ends = range.trim().split("-");
            final int first = Integer.parseInt(ends[0]);
            cpus.set(first, (ends.length == 2 ? Integer.parseInt(ends[1]) : first) + 1);
        }
        return cpus;
    }

    private static String allowedCpus(final Path status)
    {
        try
        {
            for (final String line : Files.readAllLines(status))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return null;
    }
}
