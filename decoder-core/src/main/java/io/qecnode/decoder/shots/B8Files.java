package io.qecnode.decoder.shots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shot counts of {@code b8} data from its size alone, for progress reporting and for checking a file before
 * streaming it: b8 has fixed records of {@link ShotLayout#b8BytesPerShot()} bytes and no header.
 */
public final class B8Files
{
    private B8Files()
    {
    }

    /**
     * @param byteCount size of the data in bytes.
     * @param layout    what the bits of a shot mean; at least one bit.
     * @return number of shots the data holds.
     * @throws ShotFormatException when the size is not a whole number of shots, naming the leftover bytes.
     */
    public static long shotCount(final long byteCount, final ShotLayout layout) throws ShotFormatException
    {
        return shotCount(byteCount, layout, "");
    }

    /**
     * @param file   a b8 file.
     * @param layout what the bits of a shot mean; at least one bit.
     * @return number of shots the file holds, from its size.
     * @throws ShotFormatException when the size is not a whole number of shots.
     * @throws IOException         when the size cannot be read.
     */
    public static long shotCount(final Path file, final ShotLayout layout) throws IOException
    {
        return shotCount(Files.size(file), layout, ", file=" + file);
    }

    /**
     * @param file          a b8 file.
     * @param layout        what the bits of a shot mean; at least one bit.
     * @param expectedShots number of shots the file should hold, e.g. from the metadata that came with it.
     * @throws ShotFormatException when the size is not a whole number of shots or not the expected number.
     * @throws IOException         when the size cannot be read.
     */
    public static void checkShotCount(final Path file, final ShotLayout layout, final long expectedShots)
        throws IOException
    {
        final long shots = shotCount(file, layout);
        if (shots != expectedShots)
        {
            throw new ShotFormatException(Math.min(shots, expectedShots), "b8 file holds the wrong number of shots",
                "shots=" + shots + ", expectedShots=" + expectedShots + ", bytesPerShot=" + layout.b8BytesPerShot() +
                ", file=" + file);
        }
    }

    private static long shotCount(final long byteCount, final ShotLayout layout, final String where)
        throws ShotFormatException
    {
        if (byteCount < 0)
        {
            throw new IllegalArgumentException("byteCount must be >= 0: byteCount=" + byteCount);
        }
        if (layout.bitCount() == 0)
        {
            throw new IllegalArgumentException("b8 cannot hold shots of zero bits: layout=" + layout);
        }
        final int bytesPerShot = layout.b8BytesPerShot();
        final long shots = byteCount / bytesPerShot;
        final long leftover = byteCount - shots * bytesPerShot;
        if (leftover != 0)
        {
            throw new ShotFormatException(shots, "b8 size is not a whole number of shots", "byteCount=" + byteCount +
                ", bytesPerShot=" + bytesPerShot + ", wholeShots=" + shots + ", leftoverBytes=" + leftover + where);
        }
        return shots;
    }
}
