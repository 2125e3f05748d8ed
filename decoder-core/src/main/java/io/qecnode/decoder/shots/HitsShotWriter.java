package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes {@code hits} exactly as Stim does: the indices of the shot's set bits (detectors, then observables after
 * them) in increasing order, separated by commas, then '\n'; an empty shot is an empty line.
 */
final class HitsShotWriter extends SequentialShotWriter
{
    HitsShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, ShotOutput.MAX_DECIMAL_LENGTH);
    }

    public ShotFormat format()
    {
        return ShotFormat.HITS;
    }

    int one(final int written, final int bit) throws IOException
    {
        // written starts at 0 and is past the last one written, so it is above 0 exactly after the first one.
        if (written > 0)
        {
            output.put(',');
        }
        output.putDecimal(bit);
        return bit + 1;
    }

    void end(final int written) throws IOException
    {
        output.put('\n');
    }
}
