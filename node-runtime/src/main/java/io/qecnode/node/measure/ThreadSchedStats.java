package io.qecnode.node.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What the Linux scheduler and memory manager did to one thread, read from {@code /proc/self/task}: involuntary
 * context switches (the thread was preempted) and page faults. A latency tail that moves with these is the platform
 * taking the core away, not the code on it; on an isolated core they stay at zero.
 * <p>
 * <b>Note:</b> reads files, so call it from a reporting thread, never the hot one. Where {@code /proc} is absent, or
 * the thread cannot be told apart by name, every figure is -1.
 */
public final class ThreadSchedStats
{
    // Linux keeps the first 15 bytes of a thread's name as its comm.
    private static final int COMM_LENGTH = 15;

    private final Path task;

    private ThreadSchedStats(final Path task)
    {
        this.task = task;
    }

    /**
     * @param thread a started thread of this process.
     * @return its statistics, or statistics that are all -1 if it cannot be found unambiguously.
     */
    public static ThreadSchedStats of(final Thread thread)
    {
        final String name = thread.getName();
        final String comm = name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name;
        Path found = null;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task")))
        {
            for (final Path task : tasks)
            {
                if (comm.equals(Files.readString(task.resolve("comm")).trim()))
                {
                    if (found != null)
                    {
                        return new ThreadSchedStats(null);
                    }
                    found = task;
                }
            }
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return new ThreadSchedStats(null);
        }
        return new ThreadSchedStats(found);
    }

    /** @return true if the thread was found. */
    public boolean available()
    {
        return task != null;
    }

    /** @return times the thread was preempted so far, or -1. */
    public long involuntarySwitches()
    {
        if (task == null)
        {
            return -1;
        }
        try
        {
            for (final String line : Files.readAllLines(task.resolve("status")))
            {
                if (line.startsWith("nonvoluntary_ctxt_switches:"))
                {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
        return -1;
    }

    /** @return minor page faults of the thread so far, or -1. */
    public long minorFaults()
    {
        return statField(10);
    }

    /** @return major page faults (the page had to be read in) of the thread so far, or -1. */
    public long majorFaults()
    {
        return statField(12);
    }

    // Fields of /proc/.../stat are counted from 1; the name (field 2) is in parentheses and may hold spaces.
    private long statField(final int field)
    {
        if (task == null)
        {
            return -1;
        }
        try
        {
            final String stat = Files.readString(task.resolve("stat"));
            final String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[field - 3]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
