package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A writer for the formats that spell a shot out bit by bit from its first bit to its last ({@code 01}, {@code r8},
 * {@code hits}): it walks the set bits in increasing order, detectors then observables, and leaves the spelling of a
 * one, and of the shot's end, to the format.
 */
abstract class SequentialShotWriter extends ShotWriter
{
    SequentialShotWriter(final OutputStream out, final ShotLayout layout, final int contiguousLength)
    {
        super(out, layout, contiguousLength);
    }

    final void encode(final int[] defects, final int defectCount, final long observableFlips) throws IOException
    {
        int written = 0;
        for (int i = 0; i < defectCount; i++)
        {
            written = one(written, defects[i]);
        }
        long flips = observableFlips;
        while (flips != 0)
        {
            written = one(written, detectorCount + Long.numberOfTrailingZeros(flips));
            flips &= flips - 1;
        }
        end(written);
    }

    /**
     * Spell the bits from {@code written} up to and including the one at {@code bit}.
     *
     * @return the next bit to spell, {@code bit + 1}.
     */
    abstract int one(int written, int bit) throws IOException;

    /** Spell the bits from {@code written} to the shot's last and end the shot. */
    abstract void end(int written) throws IOException;
}
