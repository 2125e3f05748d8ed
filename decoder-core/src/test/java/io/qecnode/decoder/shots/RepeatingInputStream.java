package io.qecnode.decoder.shots;

import java.io.InputStream;

/**
 * An in-memory stream that replays one block of whole shots until a byte budget is spent, so a long run of shots can
 * be read without holding them all; reading it allocates nothing.
 */
final class RepeatingInputStream extends InputStream
{
    private final byte[] block;
    private long remaining;
    private int position;

    RepeatingInputStream(final byte[] block, final long totalLength)
    {
        this.block = block;
        this.remaining = totalLength;
    }

    public int read()
    {
        if (remaining == 0)
        {
            return -1;
        }
        final int b = block[position] & 0xFF;
        position = position + 1 == block.length ? 0 : position + 1;
        remaining--;
        return b;
    }

    public int read(final byte[] destination, final int offset, final int length)
    {
        if (length == 0)
        {
            return 0;
        }
        if (remaining == 0)
        {
            return -1;
        }
        final int count = (int)Math.min(Math.min(length, remaining), block.length - position);
        System.arraycopy(block, position, destination, offset, count);
        position = position + count == block.length ? 0 : position + count;
        remaining -= count;
        return count;
    }
}
