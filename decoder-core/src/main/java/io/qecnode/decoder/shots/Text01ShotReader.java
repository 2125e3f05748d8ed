package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code 01}: each shot is exactly bitCount characters '0' or '1' then '\n' ("\r\n" accepted), as Stim's own
 * reader demands; a missing final newline is a truncated record, as it is for Stim. Columns in messages count from 0.
 */
final class Text01ShotReader extends ShotReader
{
    Text01ShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, 1);
    }

    public ShotFormat format()
    {
        return ShotFormat.TEXT_01;
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
        final ShotInput input = this.input;
        final int detectorCount = this.detectorCount;
        final int[] defects = shot.defects;
        int defectCount = 0;
        for (int k = 0; k < detectorCount; k++)
        {
            final int c = input.read();
            if (c == '1')
            {
                defects[defectCount++] = k;
            }
            else if (c != '0')
            {
                throw badCharacter(k, c);
            }
        }
        shot.defectCount = defectCount;
        shot.observableFlips = readBits(detectorCount, bitCount);
        endLine();
        return true;
    }

    long readMaskShot() throws IOException
    {
        final long mask = readBits(0, bitCount);
        endLine();
        return mask;
    }

    // Reads characters from..to-1 of the line (at most 64) and returns them as a mask with character 'from' at bit 0.
    private long readBits(final int from, final int to) throws IOException
    {
        long mask = 0;
        for (int k = from; k < to; k++)
        {
            final int c = input.read();
            if (c == '1')
            {
                mask |= 1L << (k - from);
            }
            else if (c != '0')
            {
                throw badCharacter(k, c);
            }
        }
        return mask;
    }

    private void endLine() throws IOException
    {
        int c = input.read();
        if (c == '\r')
        {
            c = input.read();
        }
        if (c == '\n')
        {
            return;
        }
        if (c == ShotInput.END)
        {
            throw new ShotFormatException(shotsRead, "01 record truncated: data ended without the line's newline",
                "length=" + bitCount + ", expectedLength=" + bitCount);
        }
        if (c == '0' || c == '1')
        {
            throw new ShotFormatException(shotsRead, "01 line too long", "length=" + lineLengthFrom(bitCount + 1) +
                ", expectedLength=" + bitCount);
        }
        throw new ShotFormatException(shotsRead, "01 line has a character other than 0 or 1", "column=" + bitCount +
            ", character=" + describeByte(c) + ", expectedLength=" + bitCount);
    }

    private ShotFormatException badCharacter(final int column, final int c) throws IOException
    {
        if (c == '\n' || c == '\r')
        {
            return new ShotFormatException(shotsRead, "01 line too short", "length=" + column + ", expectedLength=" +
                bitCount);
        }
        if (c == ShotInput.END)
        {
            return new ShotFormatException(shotsRead, "01 record truncated: data ended mid-line", "length=" + column +
                ", expectedLength=" + bitCount);
        }
        return new ShotFormatException(shotsRead, "01 line has a character other than 0 or 1", "column=" + column +
            ", character=" + describeByte(c) + ", expectedLength=" + bitCount);
    }

    // Error path only: counts the rest of an over-long line to report its true length.
    private long lineLengthFrom(final long consumed) throws IOException
    {
        long length = consumed;
        int c = input.read();
        while (c == '0' || c == '1')
        {
            length++;
            c = input.read();
        }
        return length;
    }
}
