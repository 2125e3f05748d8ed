package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code dets}: per shot the word "shot", then single-space-separated targets {@code D<k>} (detector k) and
 * {@code L<k>} (observable k), then '\n' or the end of the data. Like Stim's reader it skips blank lines and
 * indentation before "shot" and accepts "\r\n". Stim's third prefix, {@code M<k>} for measurements, is recognised
 * but out of range, since a layout holds detectors and observables only.
 * <p>
 * Targets may come in any order and may repeat (a repeated target is still one set bit); detector targets are
 * gathered in a bit set of the layout's width and emptied out in increasing order, so the defect list is sorted and
 * the set is clean again for the next shot.
 */
final class DetsShotReader extends IndexedShotReader
{
    private static final String SHOT_WORD = "shot";
    private static final int MAX_QUOTED_LENGTH = 24;

    private final int observableCount;

    DetsShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout);
        this.observableCount = layout.observableCount();
    }

    public ShotFormat format()
    {
        return ShotFormat.DETS;
    }

    public boolean hasMoreShots() throws IOException
    {
        int c = input.peek();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        {
            input.read();
            c = input.peek();
        }
        return c != ShotInput.END;
    }

    // Parses one line whose leading whitespace is already skipped: detector bits into seen, observables into flips.
    void readLine() throws IOException
    {
        expectShotWord();
        int c = input.read();
        if (c != ' ' && c != '\r' && c != '\n' && c != ShotInput.END)
        {
            throw notShot(SHOT_WORD, c);
        }
        while (true)
        {
            if (c == '\r')
            {
                c = input.read();
            }
            if (c == '\n' || c == ShotInput.END)
            {
                return;
            }
            if (c != ' ')
            {
                throw new ShotFormatException(shotsRead, "dets targets must be separated by single spaces",
                    "character=" + describeByte(c));
            }
            final int prefix = input.read();
            final int range = rangeOf(prefix);
            c = input.read();
            if (c < '0' || c > '9')
            {
                throw new ShotFormatException(shotsRead, "dets target has no index", "prefix=" + (char)prefix +
                    ", character=" + describeByte(c));
            }
            long index = 0;
            while (c >= '0' && c <= '9')
            {
                index = Math.min(index * 10 + (c - '0'), SATURATED_INDEX);
                c = input.read();
            }
            if (index >= range)
            {
                throw outOfRange(prefix, index, range);
            }
            final int i = (int)index;
            if (prefix == 'D')
            {
                seen.add(i);
            }
            else
            {
                flips |= 1L << i;
            }
        }
    }

    private void expectShotWord() throws IOException
    {
        for (int i = 0; i < SHOT_WORD.length(); i++)
        {
            final int c = input.read();
            if (c != SHOT_WORD.charAt(i))
            {
                throw notShot(SHOT_WORD.substring(0, i), c);
            }
        }
    }

    private int rangeOf(final int prefix) throws ShotFormatException
    {
        switch (prefix)
        {
            case 'D':
                return detectorCount;
            case 'L':
                return observableCount;
            case 'M':
                return 0;
            case ' ':
            case '\r':
            case '\n':
            case ShotInput.END:
                throw new ShotFormatException(shotsRead, "dets line has a doubled or trailing space", "");
            default:
                throw new ShotFormatException(shotsRead, "unknown dets prefix", "prefix=" + describeByte(prefix) +
                    ", accepted=D, L, M");
        }
    }

    private ShotFormatException outOfRange(final int prefix, final long index, final int range)
    {
        final String target = "target=" + (char)prefix +
            describeIndex(index);
        switch (prefix)
        {
            case 'D':
                return new ShotFormatException(shotsRead, "dets detector index out of range",
                    target + ", detectorCount=" + range);
            case 'L':
                return new ShotFormatException(shotsRead, "dets observable index out of range",
                    target + ", observableCount=" + range);
            default:
                return new ShotFormatException(shotsRead, "dets measurement targets are not part of a shot layout",
                    target + ", layout=" + layout);
        }
    }

    // Error path only: quotes the start of the offending line.
    private ShotFormatException notShot(final String matched, final int first) throws IOException
    {
        final StringBuilder line = new StringBuilder(matched);
        int c = first;
        while (c != ShotInput.END && c != '\n' && c != '\r' && line.length() < MAX_QUOTED_LENGTH)
        {
            line.append(c >= 0x20 && c < 0x7F ? (char)c : '?');
            c = input.read();
        }
        return new ShotFormatException(shotsRead, "dets line does not start with 'shot'", "line='" + line + "'");
    }
}
