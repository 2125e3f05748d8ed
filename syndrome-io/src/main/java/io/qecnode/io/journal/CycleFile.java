package io.qecnode.io.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One cycle file opened for reading only: a channel opened with READ alone and positional reads, never a memory map,
 * so neither a damaged file nor a bug here can write, grow or truncate it, and a file cut short is an answer (fewer
 * bytes), never a fault on a mapped page. Its size is taken once, at open.
 */
final class CycleFile implements AutoCloseable
{
    private static final int WINDOW_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private byte[] window = new byte[WINDOW_BYTES];
    private ByteBuffer windowBuffer = ByteBuffer.wrap(window);
    private final UnsafeBuffer view = new UnsafeBuffer(window);
    private long windowStart;
    private int windowLength;

    CycleFile(final Path path) throws IOException
    {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    Path path()
    {
        return path;
    }

    long size()
    {
        return size;
    }

    /**
     * Make {@code length} bytes from {@code position} readable through {@link #view()}, reading ahead as far as the
     * window allows (for a walk through every record).
     *
     * @return the offset of {@code position} in the view; -1 if the file ends before.
     */
    int load(final long position, final int length) throws IOException
    {
        return load(position, length, WINDOW_BYTES);
    }

    /**
     * As {@link #load(long, int)}, reading at least {@code length} and at most {@code readAhead} bytes: a walk that
     * only looks at each document's first bytes reads little more than those.
     */
    int load(final long position, final int length, final int readAhead) throws IOException
    {
        if (position < 0 || length < 0 || position + length > size)
        {
            return -1;
        }
        if (position >= windowStart && position + length <= windowStart + windowLength)
        {
            return (int)(position - windowStart);
        }
        if (length > window.length)
        {
            window = new byte[length];
            windowBuffer = ByteBuffer.wrap(window);
            view.wrap(window);
        }
        windowBuffer.clear();
        windowBuffer.limit((int)Math.min(Math.max(length, Math.min(readAhead, window.length)), size - position));
        while (windowBuffer.hasRemaining())
        {
            if (channel.read(windowBuffer, position + windowBuffer.position()) < 0)
            {
                break;
            }
        }
        windowStart = position;
        windowLength = windowBuffer.position();
        return windowLength >= length ? 0 : -1;
    }

    /** @return the bytes of the last {@link #load}. */
    UnsafeBuffer view()
    {
        return view;
    }

    byte[] array()
    {
        return window;
    }

    int intAt(final int offset)
    {
        return view.getInt(offset, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // Read-only: nothing is lost.
        }
    }
}
