package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes {@code b8}: each shot is zeroed in place in the output buffer, its set bits are or-ed in (bit k into bit
 * {@code k & 7} of byte {@code k >>> 3}), so the padding of the last byte is always zero.
 */
final class B8ShotWriter extends ShotWriter
{
    private final int bytesPerShot;

    B8ShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, layout.b8BytesPerShot());
        if (layout.bitCount() == 0)
        {
            throw new IllegalArgumentException("b8 cannot hold shots of zero bits: the data would be empty: layout=" +
                layout);
        }
        this.bytesPerShot = layout.b8BytesPerShot();
    }

    public ShotFormat format()
    {
        return ShotFormat.B8;
    }

    void encode(final int[] defects, final int defectCount, final long observableFlips) throws IOException
    {
        output.reserve(bytesPerShot);
        final byte[] buffer = output.buffer();
        final int start = output.position();
        Arrays.fill(buffer, start, start + bytesPerShot, (byte)0);
        for (int i = 0; i < defectCount; i++)
        {
            final int bit = defects[i];
            buffer[start + (bit >>> 3)] |= (byte)(1 << (bit & 7));
        }
        long flips = observableFlips;
        while (flips != 0)
        {
            final int bit = detectorCount + Long.numberOfTrailingZeros(flips);
            flips &= flips - 1;
            buffer[start + (bit >>> 3)] |= (byte)(1 << (bit & 7));
        }
        output.advance(bytesPerShot);
    }
}
