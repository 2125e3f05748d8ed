package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code hits}: per shot one line of the indices of its set bits (detectors, then observables after them),
 * separated by commas, ended by '\n' ("\r\n" accepted); an empty line is a shot with no set bit, so blank lines are
 * shots here, unlike in {@code dets}. Indices may come in any order and may repeat (still one set bit), as in
 * {@code dets}. A missing final newline is a truncated record, as for {@code 01}.
 */
final class HitsShotReader extends IndexedShotReader
{
    HitsShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout);
    }

    public ShotFormat format()
    {
        return ShotFormat.HITS;
    }

    public boolean hasMoreShots() throws IOException
    {
        return input.peek() != ShotInput.END;
    }

    void readLine() throws IOException
    {
        int c = input.read();
        if (endOfLine(c))
        {
            return;
        }
        while (true)
        {
            if (c < '0' || c > '9')
            {
                throw new ShotFormatException(shotsRead, "hits field is not an index",
                    "character=" + describeByte(c) + ", offset=" + (input.streamOffset() - 1));
            }
            long index = 0;
            while (c >= '0' && c <= '9')
            {
                index = Math.min(index * 10 + (c - '0'), SATURATED_INDEX);
                c = input.read();
            }
            set(index);
            if (endOfLine(c))
            {
                return;
            }
            if (c != ',')
            {
                throw new ShotFormatException(shotsRead, "hits indices must be separated by commas",
                    "character=" + describeByte(c) + ", offset=" + (input.streamOffset() - 1));
            }
            c = input.read();
        }
    }

    private void set(final long index) throws ShotFormatException
    {
        if (index >= bitCount)
        {
            throw new ShotFormatException(shotsRead, "hits index past the shot's last bit", "index=" +
                describeIndex(index) + ", bitCount=" + bitCount);
        }
        final int bit = (int)index;
        if (bit < detectorCount)
        {
            seen.add(bit);
        }
        else
        {
            flips |= 1L << (bit - detectorCount);
        }
    }

    // True at '\n' or "\r\n"; refuses the end of the data, where the line's newline is missing.
    private boolean endOfLine(final int first) throws IOException
    {
        int c = first;
        if (c == '\r')
        {
            c = input.read();
            if (c != '\n')
            {
                throw new ShotFormatException(shotsRead, "hits line has a '\\r' not followed by '\\n'",
                    "character=" + describeByte(c));
            }
        }
        if (c == ShotInput.END)
        {
            throw new ShotFormatException(shotsRead, "hits record truncated: data ended without the line's newline",
                "offset=" + input.streamOffset());
        }
        return c == '\n';
    }
}
