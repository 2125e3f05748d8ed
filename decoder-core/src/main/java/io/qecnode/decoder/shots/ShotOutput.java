package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The writers' own buffer over an output stream: records are encoded in place into {@code buffer[position, ...)} and
 * reach the stream only when the buffer fills, on {@link #flush()} or on {@link #close()}.
 */
final class ShotOutput
{
    private final OutputStream out;
    private final byte[] buffer;
    private int position;

    /**
     * @param out              the stream to write; closed by {@link #close()}.
     * @param contiguousLength longest run of bytes {@link #reserve(int)} must be able to hand out at once.
     */
    ShotOutput(final OutputStream out, final int contiguousLength)
    {
        this.out = out;
        this.buffer = new byte[Math.max(ShotInput.DEFAULT_BUFFER_LENGTH, contiguousLength)];
    }

    byte[] buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    void advance(final int length)
    {
        position += length;
    }

    /**
     * Make room for {@code length} bytes at {@link #position()}, draining the buffer to the stream if needed.
     *
     * @param length bytes about to be written, at most the contiguous length given at construction.
     */
    void reserve(final int length) throws IOException
    {
        if (buffer.length - position < length)
        {
            drain();
        }
    }

    /** @return bytes free at {@link #position()} after draining if the buffer was full; at least 1. */
    int reserveSome() throws IOException
    {
        if (position == buffer.length)
        {
            drain();
        }
        return buffer.length - position;
    }

    void put(final int b) throws IOException
    {
        if (position == buffer.length)
        {
            drain();
        }
        buffer[position++] = (byte)b;
    }

    /** Longest decimal {@link #putDecimal(int)} writes: the ten digits of the largest int. */
    static final int MAX_DECIMAL_LENGTH = 10;

    /** @param value a non-negative int, written in decimal without a sign or leading zeros. */
    void putDecimal(final int value) throws IOException
    {
        reserve(MAX_DECIMAL_LENGTH);
        int digits = 1;
        for (int rest = value / 10; rest != 0; rest /= 10)
        {
            digits++;
        }
        int rest = value;
        for (int p = position + digits - 1; p >= position; p--)
        {
            buffer[p] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        position += digits;
    }

    private void drain() throws IOException
    {
        out.write(buffer, 0, position);
        position = 0;
    }

    void flush() throws IOException
    {
        drain();
        out.flush();
    }

    void close() throws IOException
    {
        try
        {
            drain();
            out.flush();
        }
        finally
        {
            out.close();
        }
    }
}
