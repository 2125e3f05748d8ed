package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * The readers' own buffer over an input stream: hands out single bytes or a contiguous run of bytes in place, so a
 * record is decoded straight from the buffer without a copy and without allocating.
 * <p>
 * Invariant: {@code buffer[position, limit)} holds the unread bytes, and {@code buffer[0]} sits at stream offset
 * {@code bufferOffset}.
 */
final class ShotInput
{
    /** Bytes fetched per refill unless a record needs more. */
    static final int DEFAULT_BUFFER_LENGTH = 64 * 1024;

    static final int END = -1;

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long bufferOffset;
    private boolean ended;

    /**
     * @param in               the stream to read; closed by {@link #close()}.
     * @param contiguousLength longest run of bytes {@link #require(int)} must be able to hand out at once.
     */
    ShotInput(final InputStream in, final int contiguousLength)
    {
        this.in = in;
        this.buffer = new byte[Math.max(DEFAULT_BUFFER_LENGTH, contiguousLength)];
    }

    byte[] buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    /** @return stream offset of the next unread byte. */
    long streamOffset()
    {
        return bufferOffset + position;
    }

    void advance(final int length)
    {
        position += length;
    }

    /** @return the next byte as 0..255, or {@link #END}. */
    int read() throws IOException
    {
        if (position < limit || fill(1) > 0)
        {
            return buffer[position++] & 0xFF;
        }
        return END;
    }

    /** @return the next byte as 0..255 without consuming it, or {@link #END}. */
    int peek() throws IOException
    {
        if (position < limit || fill(1) > 0)
        {
            return buffer[position] & 0xFF;
        }
        return END;
    }

    /**
     * Make {@code length} unread bytes contiguous at {@link #position()} in {@link #buffer()}.
     *
     * @param length bytes wanted, at most the contiguous length given at construction.
     * @return {@code length}, or fewer only when the stream ended first.
     */
    int require(final int length) throws IOException
    {
        final int available = limit - position;
        return available >= length ? length : fill(length);
    }

    private int fill(final int length) throws IOException
    {
        if (buffer.length - position < length)
        {
            final int unread = limit - position;
            System.arraycopy(buffer, position, buffer, 0, unread);
            bufferOffset += position;
            position = 0;
            limit = unread;
        }
        while (limit - position < length && !ended)
        {
            final int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0)
            {
                ended = true;
            }
            else
            {
                limit += read;
            }
        }
        return Math.min(length, limit - position);
    }

    void close() throws IOException
    {
        in.close();
    }
}
