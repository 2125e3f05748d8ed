package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams shots out of Stim shot data one at a time, through a buffer of its own, so files larger than memory work.
 * <pre>
 * try (ShotReader dets = ShotReader.open(ShotFormat.B8, detsFile, ShotLayout.detectors(n));
 *      ShotReader obs = ShotReader.open(ShotFormat.B8, obsFile, ShotLayout.observables(1)))
 * {
 *     final SparseShot shot = SparseShot.forLayout(dets.layout());
 *     while (dets.read(shot))
 *     {
 *         final long actual = obs.readMask();
 *         ... decoder.decode(shot.defects(), shot.defectCount(), result) ...
 *     }
 *     obs.expectEnd();
 * }
 * </pre>
 * Reading {@code b8}, {@code 01}, {@code r8} and {@code ptb64} allocates nothing per shot; {@code dets} and
 * {@code hits} allocate nothing either unless the data is bad. Bad data raises {@link ShotFormatException}; bad arguments raise {@link IllegalArgumentException}.
 * <p>
 * <b>Note:</b> not thread safe.
 */
public abstract class ShotReader implements AutoCloseable
{
    final ShotInput input;
    final ShotLayout layout;
    final int detectorCount;
    final int bitCount;
    long shotsRead;

    ShotReader(final InputStream in, final ShotLayout layout, final int contiguousLength)
    {
        this.input = new ShotInput(in, contiguousLength);
        this.layout = layout;
        this.detectorCount = layout.detectorCount();
        this.bitCount = layout.bitCount();
    }

    /**
     * @param format the format of the data.
     * @param in     the data; the reader buffers it itself and closes it on {@link #close()}.
     * @param layout what the bits of a shot mean.
     * @return a reader positioned at the first shot.
     * @throws IllegalArgumentException for {@code b8} or {@code ptb64} with zero bits per shot, which cannot mark
     *                                  where shots end.
     */
    public static ShotReader open(final ShotFormat format, final InputStream in, final ShotLayout layout)
    {
        switch (format)
        {
            case B8:
                return new B8ShotReader(in, layout);
            case TEXT_01:
                return new Text01ShotReader(in, layout);
            case R8:
                return new R8ShotReader(in, layout);
            case HITS:
                return new HitsShotReader(in, layout);
            case PTB64:
                return new Ptb64ShotReader(in, layout);
            case DETS:
                return new DetsShotReader(in, layout);
            default:
                throw new IllegalArgumentException("unsupported format: format=" + format);
        }
    }

    /**
     * @param format the format of the data.
     * @param file   the file to stream from.
     * @param layout what the bits of a shot mean.
     * @return a reader positioned at the first shot.
     * @throws IOException when the file cannot be opened.
     */
    public static ShotReader open(final ShotFormat format, final Path file, final ShotLayout layout) throws IOException
    {
        final InputStream in = Files.newInputStream(file);
        try
        {
            return open(format, in, layout);
        }
        catch (final RuntimeException ex)
        {
            in.close();
            throw ex;
        }
    }

    /** @return the format this reader parses. */
    public abstract ShotFormat format();

    /** @return what the bits of a shot mean. */
    public ShotLayout layout()
    {
        return layout;
    }

    /** @return number of shots read so far, which is also the index of the next shot. */
    public long shotsRead()
    {
        return shotsRead;
    }

    /**
     * Read the next shot, splitting it into the defect list and the observable mask.
     *
     * @param shot receives the shot; its capacity must be at least the layout's detector count.
     * @return true when a shot was read, false at the end of the data (and then the buffer is left untouched).
     * @throws ShotFormatException      when the data breaks the format.
     * @throws IOException              when the stream fails.
     * @throws IllegalArgumentException when the buffer is smaller than the layout's detector count.
     */
    public final boolean read(final SparseShot shot) throws IOException
    {
        if (shot.defects.length < detectorCount)
        {
            throw new IllegalArgumentException("sparse shot too small for the layout: capacity=" +
                shot.defects.length + ", detectorCount=" + detectorCount);
        }
        if (!readShot(shot))
        {
            return false;
        }
        shotsRead++;
        return true;
    }

    /**
     * Read the next shot whole as a mask: bit k of the mask is bit k of the shot (detectors first, then observables),
     * for layouts of at most 64 bits such as observables and predictions.
     *
     * @return the shot's bits.
     * @throws ShotFormatException when there is no shot left or the data breaks the format.
     * @throws IOException         when the stream fails.
     * @throws IllegalStateException when the layout has more than 64 bits.
     */
    public final long readMask() throws IOException
    {
        if (bitCount > ShotLayout.MAX_MASK_BITS)
        {
            throw new IllegalStateException("layout too wide for a mask: bitCount=" + bitCount + ", maximum=" +
                ShotLayout.MAX_MASK_BITS);
        }
        if (!hasMoreShots())
        {
            throw new ShotFormatException(shotsRead, "no shot left to read", "format=" + format().stimName());
        }
        final long mask = readMaskShot();
        shotsRead++;
        return mask;
    }

    /**
     * @return true when at least the start of another shot remains; a truncated one then fails on reading.
     * @throws IOException when the stream fails.
     */
    public abstract boolean hasMoreShots() throws IOException;

    /**
     * Check that the data ends here, for example that an observables file holds no more shots than its detection
     * events file.
     *
     * @throws ShotFormatException when more data follows.
     * @throws IOException         when the stream fails.
     */
    public final void expectEnd() throws IOException
    {
        if (hasMoreShots())
        {
            throw new ShotFormatException(shotsRead, "data continues past the expected last shot",
                "format=" + format().stimName() + ", offset=" + input.streamOffset());
        }
    }

    /**
     * Close the underlying stream.
     *
     * @throws IOException when closing the stream fails.
     */
    public void close() throws IOException
    {
        input.close();
    }

    abstract boolean readShot(SparseShot shot) throws IOException;

    // Called only when hasMoreShots() is true and the layout fits a mask.
    abstract long readMaskShot() throws IOException;

    static String describeByte(final int b)
    {
        if (b == ShotInput.END)
        {
            return "end of data";
        }
        if (b >= 0x20 && b < 0x7F)
        {
            return "'" + (char)b + "'";
        }
        return String.format("0x%02x", b);
    }
}
