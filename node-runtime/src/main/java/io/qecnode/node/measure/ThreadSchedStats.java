package io.qecnode.node.measure;

import org.agrona.CloseHelper;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What the Linux scheduler and memory manager did to one thread, read from {@code /proc/self/task}: involuntary
 * context switches (the thread was preempted) and page faults. A latency tail that moves with these is the platform
 * taking the core away, not the code on it; on an isolated core they stay at zero.
 * <p>
 * <b>Note:</b> reads files, so call it from a reporting thread, never the hot one; it keeps them open until
 * {@link #close()}. Where {@code /proc} is absent, or the thread cannot be told apart by name, every figure is -1.
 */
public final class ThreadSchedStats implements AutoCloseable
{
    // Linux keeps the first 15 bytes of a thread's name as its comm.
    private static final int COMM_LENGTH = 15;

    private static final byte[] NONVOLUNTARY = "nonvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

    private final Path task;
    private final File statusFile;
    private final File statFile;
    private final byte[] buffer = new byte[4096];
    private RandomAccessFile status;
    private RandomAccessFile stat;

    private ThreadSchedStats(final Path task)
    {
        this.task = task;
        this.statusFile = task == null ? null : task.resolve("status").toFile();
        this.statFile = task == null ? null : task.resolve("stat").toFile();
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
        final int length = read("status");
        final int at = indexOf(NONVOLUNTARY, length);
        return at < 0 ? -1 : parseNumber(at + NONVOLUNTARY.length, length);
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
        final int length = read("stat");
        int i = length - 1;
        while (i >= 0 && buffer[i] != ')')
        {
            i--;
        }
        if (i < 0)
        {
            return -1;
        }
        i += 2;
        for (int current = 3; current < field && i < length; i++)
        {
            if (buffer[i] == ' ')
            {
                current++;
            }
        }
        return parseNumber(i, length);
    }

    // Reads into one buffer kept for the purpose, through files kept open and read again from the start (/proc makes
    // the text afresh on each read from offset 0): a soak samples these every interval for hours and must not feed the
    // collector it is watching for, as opening a stream each time would.
    private int read(final String file)
    {
        if (task == null)
        {
            return -1;
        }
        final boolean isStatus = "status".equals(file);
        try
        {
            RandomAccessFile in = isStatus ? status : stat;
            if (in == null)
            {
                in = new RandomAccessFile(isStatus ? statusFile : statFile, "r");
                if (isStatus)
                {
                    status = in;
                }
                else
                {
                    stat = in;
                }
            }
            in.seek(0);
            int length = 0;
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0)
            {
                length += n;
            }
            return length;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Close the files kept open for reading; later reads open them again.
     */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(status, stat);
        status = null;
        stat = null;
    }

    private int indexOf(final byte[] pattern, final int length)
    {
        for (int i = 0; i + pattern.length <= length; i++)
        {
            int j = 0;
            while (j < pattern.length && buffer[i + j] == pattern[j])
            {
                j++;
            }
            if (j == pattern.length)
            {
                return i;
            }
        }
        return -1;
    }

    private long parseNumber(final int from, final int length)
    {
        int i = from;
        while (i < length && (buffer[i] == ' ' || buffer[i] == '\t'))
        {
            i++;
        }
        if (i >= length || buffer[i] < '0' || buffer[i] > '9')
        {
            return -1;
        }
        long value = 0;
        while (i < length && buffer[i] >= '0' && buffer[i] <= '9')
        {
            value = value * 10 + (buffer[i++] - '0');
        }
        return value;
    }
}
