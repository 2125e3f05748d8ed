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

    DetsShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, ShotOutput.MAX_DECIMAL_LENGTH);
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
        output.put(' ');
        output.put(prefix);
        output.putDecimal(index);
    }
}
