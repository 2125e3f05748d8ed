package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes {@code r8}: for each one, the zeros before it as bytes of 255 then the remainder, and after the last bit the
 * run to one past it, exactly as Stim writes them.
 */
final class R8ShotWriter extends SequentialShotWriter
{
    private static final int CONTINUE = 255;

    R8ShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, 1);
    }

    public ShotFormat format()
    {
        return ShotFormat.R8;
    }

    // The shot ends with the run to one past its last bit, as if a one were there.
    void end(final int written) throws IOException
    {
        one(written, bitCount);
    }

    int one(final int written, final int bit) throws IOException
    {
        int run = bit - written;
        while (run >= CONTINUE)
        {
            output.put(CONTINUE);
            run -= CONTINUE;
        }
        output.put(run);
        return bit + 1;
    }
}
