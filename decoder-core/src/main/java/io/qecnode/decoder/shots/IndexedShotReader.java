package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * A reader for the text formats that list a shot's set bits by index ({@code dets}, {@code hits}): a line's
 * detectors are gathered in a {@link DefectSet}, so they may come in any order and repeat, and its observables in a
 * mask; the format parses the line.
 */
abstract class IndexedShotReader extends ShotReader
{
    /** Indices are accumulated up to this, past any bit count, so a long digit string cannot overflow. */
    static final long SATURATED_INDEX = 1L << 40;

    final DefectSet seen;
    long flips;

    IndexedShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, 1);
        this.seen = new DefectSet(layout.detectorCount());
    }

    final boolean readShot(final SparseShot shot) throws IOException
    {
        if (!hasMoreShots())
        {
            return false;
        }
        startLine();
        shot.defectCount = seen.drainTo(shot.defects);
        shot.observableFlips = flips;
        return true;
    }

    final long readMaskShot() throws IOException
    {
        startLine();
        return flips << detectorCount | seen.drainMask();
    }

    /** Parse one line, detector bits into {@link #seen} and observable bits into {@link #flips}. */
    abstract void readLine() throws IOException;

    static String describeIndex(final long index)
    {
        return index == SATURATED_INDEX ? "(over " + Integer.MAX_VALUE + ")" : String.valueOf(index);
    }

    private void startLine() throws IOException
    {
        seen.clear();
        flips = 0;
        readLine();
    }
}
