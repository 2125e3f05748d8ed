package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes {@code 01}: bitCount characters '0' or '1' per shot, then '\n'. Runs of zeros are filled in chunks of
 * whatever the buffer has free, so lines longer than the buffer work too.
 */
final class Text01ShotWriter extends SequentialShotWriter
{
    Text01ShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, 1);
    }

    public ShotFormat format()
    {
        return ShotFormat.TEXT_01;
    }

    void end(final int written) throws IOException
    {
        zeros(bitCount - written);
        output.put('\n');
    }

    int one(final int written, final int bit) throws IOException
    {
        zeros(bit - written);
        output.put('1');
        return bit + 1;
    }

    private void zeros(final int count) throws IOException
    {
        int remaining = count;
        while (remaining > 0)
        {
            final int chunk = Math.min(remaining, output.reserveSome());
            final int start = output.position();
            Arrays.fill(output.buffer(), start, start + chunk, (byte)'0');
            output.advance(chunk);
            remaining -= chunk;
        }
    }
}
