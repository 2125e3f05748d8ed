package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code r8}: each byte is a run of zeros followed by a one, except 255, which is 255 zeros with no one and
 * the run going on. A shot ends with the run that reaches one past its last bit, as if a one were appended there, so
 * every shot takes at least one byte. Stim's example: bits 0000000000000000100000000000000000000000 (40 bits) are the
 * bytes {@code 10 17}.
 */
final class R8ShotReader extends ShotReader
{
    private static final int CONTINUE = 255;

    // Defects of the last shot decoded, set by decode.
    private int decodedDefects;

    R8ShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, 1);
    }

    public ShotFormat format()
    {
        return ShotFormat.R8;
    }

    public boolean hasMoreShots() throws IOException
    {
        return input.peek() != ShotInput.END;
    }

    boolean readShot(final SparseShot shot) throws IOException
    {
        if (!hasMoreShots())
        {
            return false;
        }
        shot.observableFlips = decode(shot.defects, detectorCount);
        shot.defectCount = decodedDefects;
        return true;
    }

    long readMaskShot() throws IOException
    {
        return decode(null, 0);
    }

    // Bits below split go to defects, the rest into the returned mask at (bit - split).
    private long decode(final int[] defects, final int split) throws IOException
    {
        final int bitCount = this.bitCount;
        int defectCount = 0;
        long mask = 0;
        long next = 0;
        while (true)
        {
            final int run = input.read();
            if (run == ShotInput.END)
            {
                throw new ShotFormatException(shotsRead, "r8 record truncated: data ended before the run past the " +
                    "shot's last bit", "bitsRead=" + next + ", bitCount=" + bitCount);
            }
            next += run;
            if (next > bitCount)
            {
                throw new ShotFormatException(shotsRead, "r8 run passes the shot's end", "run=" + run + ", bit=" +
                    next + ", bitCount=" + bitCount + ", offset=" + (input.streamOffset() - 1));
            }
            if (run == CONTINUE)
            {
                continue;
            }
            if (next == bitCount)
            {
                decodedDefects = defectCount;
                return mask;
            }
            final int bit = (int)next++;
            if (bit < split)
            {
                defects[defectCount++] = bit;
            }
            else
            {
                mask |= 1L << (bit - split);
            }
        }
    }
}
