package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes {@code dets} exactly as Stim does: "shot", then " D&lt;k&gt;" for each set detector in increasing order,
 * then " L&lt;k&gt;" for each set observable in increasing order, then '\n'; an empty shot is the bare line "shot".
 */
final class DetsShotWriter extends ShotWriter
{
    private static final byte[] SHOT_WORD = { 's', 'h', 'o', 't' };
    // A space, a prefix and the ten digits of the largest int.
    private static final int MAX_TARGET_LENGTH = 12;

    DetsShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, MAX_TARGET_LENGTH);
    }

    public ShotFormat format()
    {
        return ShotFormat.DETS;
    }

    void encode(final int[] defects, final int defectCount, final long observableFlips) throws IOException
    {
        output.reserve(SHOT_WORD.length);
        System.arraycopy(SHOT_WORD, 0, output.buffer(), output.position(), SHOT_WORD.length);
        output.advance(SHOT_WORD.length);
        for (int i = 0; i < defectCount; i++)
        {
            target('D', defects[i]);
        }
        long flips = observableFlips;
        while (flips != 0)
        {
            target('L', Long.numberOfTrailingZeros(flips));
            flips &= flips - 1;
        }
        output.put('\n');
    }

    private void target(final char prefix, final int index) throws IOException
    {
        output.reserve(MAX_TARGET_LENGTH);
        final byte[] buffer = output.buffer();
        final int start = output.position();
        buffer[start] = ' ';
        buffer[start + 1] = (byte)prefix;
        int digits = 1;
        for (int rest = index / 10; rest != 0; rest /= 10)
        {
            digits++;
        }
        int value = index;
        for (int p = start + 1 + digits; p > start + 1; p--)
        {
            buffer[p] = (byte)('0' + value % 10);
            value /= 10;
        }
        output.advance(2 + digits);
    }
}
