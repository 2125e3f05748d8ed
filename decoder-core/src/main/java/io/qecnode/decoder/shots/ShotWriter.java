package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams shots into Stim shot data one at a time through a buffer of its own; nothing reaches the stream before
 * the buffer fills, {@link #flush()} or {@link #close()}, so always close the writer (try-with-resources).
 * <p>
 * A shot is given as a strictly increasing defect list plus an observable mask, or whole as a mask for layouts of at
 * most 64 bits. It is checked against the layout before a byte is written, so a rejected shot leaves the output as
 * it was. Writing allocates nothing per shot.
 * <p>
 * <b>Note:</b> not thread safe.
 */
public abstract class ShotWriter implements AutoCloseable
{
    final ShotOutput output;
    final ShotLayout layout;
    final int detectorCount;
    final int bitCount;
    private final long observableBits;
    // Scratch for writeMask: the mask's detector bits as a defect list.
    private final int[] maskDefects;
    private long shotsWritten;
    private boolean closed;

    ShotWriter(final OutputStream out, final ShotLayout layout, final int contiguousLength)
    {
        this.output = new ShotOutput(out, contiguousLength);
        this.layout = layout;
        this.detectorCount = layout.detectorCount();
        this.bitCount = layout.bitCount();
        this.observableBits = layout.observableBits();
        this.maskDefects = new int[Math.min(detectorCount, ShotLayout.MAX_MASK_BITS)];
    }

    /**
     * @param format the format to write.
     * @param out    where the data goes; the writer buffers it itself and closes it on {@link #close()}.
     * @param layout what the bits of a shot mean.
     * @return a writer.
     * @throws IllegalArgumentException for {@code b8} or {@code ptb64} with zero bits per shot, which cannot mark
     *                                  where shots end.
     */
    public static ShotWriter create(final ShotFormat format, final OutputStream out, final ShotLayout layout)
    {
        switch (format)
        {
            case B8:
                return new B8ShotWriter(out, layout);
            case TEXT_01:
                return new Text01ShotWriter(out, layout);
            case R8:
                return new R8ShotWriter(out, layout);
            case HITS:
                return new HitsShotWriter(out, layout);
            case PTB64:
                return new Ptb64ShotWriter(out, layout);
            case DETS:
                return new DetsShotWriter(out, layout);
            default:
                throw new IllegalArgumentException("unsupported format: format=" + format);
        }
    }

    /**
     * @param format the format to write.
     * @param file   the file to create or truncate.
     * @param layout what the bits of a shot mean.
     * @return a writer.
     * @throws IOException when the file cannot be opened.
     */
    public static ShotWriter create(final ShotFormat format, final Path file, final ShotLayout layout)
        throws IOException
    {
        final OutputStream out = Files.newOutputStream(file);
        try
        {
            return create(format, out, layout);
        }
        catch (final RuntimeException ex)
        {
            out.close();
            throw ex;
        }
    }

    /** @return the format this writer produces. */
    public abstract ShotFormat format();

    /** @return what the bits of a shot mean. */
    public ShotLayout layout()
    {
        return layout;
    }

    /** @return number of shots written so far. */
    public long shotsWritten()
    {
        return shotsWritten;
    }

    /**
     * @param shot the shot to append.
     * @throws IllegalArgumentException when the shot does not fit the layout; nothing is written.
     * @throws IOException              when the stream fails.
     */
    public final void write(final SparseShot shot) throws IOException
    {
        write(shot.defects, shot.defectCount, shot.observableFlips);
    }

    /**
     * @param defects         set detector bits, strictly increasing, each below the layout's detector count.
     * @param defectCount     number of defects to take from the array.
     * @param observableFlips set observable bits (bit k = observable k), below the layout's observable count.
     * @throws IllegalArgumentException when the shot does not fit the layout; nothing is written.
     * @throws IOException              when the stream fails.
     */
    public final void write(final int[] defects, final int defectCount, final long observableFlips)
        throws IOException
    {
        checkOpen();
        checkDefects(defects, defectCount);
        if ((observableFlips & ~observableBits) != 0)
        {
            throw new IllegalArgumentException("observable mask names an observable >= observableCount: mask=0x" +
                Long.toHexString(observableFlips) + ", observableCount=" + layout.observableCount());
        }
        encode(defects, defectCount, observableFlips);
        shotsWritten++;
    }

    /**
     * Append a shot given whole as a mask: bit k of the mask is bit k of the shot (detectors first, then observables).
     *
     * @param mask the shot's bits, none at or above the layout's bit count.
     * @throws IllegalArgumentException when the mask has bits outside the layout; nothing is written.
     * @throws IllegalStateException    when the layout has more than 64 bits.
     * @throws IOException              when the stream fails.
     */
    public final void writeMask(final long mask) throws IOException
    {
        checkOpen();
        if (bitCount > ShotLayout.MAX_MASK_BITS)
        {
            throw new IllegalStateException("layout too wide for a mask: bitCount=" + bitCount + ", maximum=" +
                ShotLayout.MAX_MASK_BITS);
        }
        if ((mask & ~layout.shotBits()) != 0)
        {
            throw new IllegalArgumentException("mask has bits past the shot's last bit: mask=0x" +
                Long.toHexString(mask) + ", bitCount=" + bitCount);
        }
        final int[] defects = maskDefects;
        int defectCount = 0;
        long detectorBits = mask & ShotLayout.lowBits(detectorCount);
        while (detectorBits != 0)
        {
            defects[defectCount++] = Long.numberOfTrailingZeros(detectorBits);
            detectorBits &= detectorBits - 1;
        }
        final long flips = detectorCount >= Long.SIZE ? 0 : mask >>> detectorCount;
        encode(defects, defectCount, flips);
        shotsWritten++;
    }

    /**
     * Push buffered shots to the stream and flush it.
     *
     * @throws IOException when the stream fails.
     */
    public void flush() throws IOException
    {
        checkOpen();
        output.flush();
    }

    /**
     * Flush buffered shots and close the stream; the stream is closed even when the flush fails. Closing twice is
     * harmless.
     *
     * @throws IOException when flushing or closing fails.
     */
    public void close() throws IOException
    {
        if (!closed)
        {
            closed = true;
            output.close();
        }
    }

    // Called with a shot already checked against the layout.
    abstract void encode(int[] defects, int defectCount, long observableFlips) throws IOException;

    private void checkDefects(final int[] defects, final int defectCount)
    {
        if (defectCount < 0 || defectCount > defects.length)
        {
            throw new IllegalArgumentException("defectCount outside the array: defectCount=" + defectCount +
                ", length=" + defects.length);
        }
        int previous = -1;
        for (int i = 0; i < defectCount; i++)
        {
            final int defect = defects[i];
            if (defect < 0 || defect >= detectorCount)
            {
                throw new IllegalArgumentException("defect is not a detector of the layout: position=" + i +
                    ", defect=" + defect + ", detectorCount=" + detectorCount);
            }
            if (defect <= previous)
            {
                throw new IllegalArgumentException("defects must be strictly increasing: position=" + i +
                    ", defect=" + defect + ", previous=" + previous);
            }
            previous = defect;
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("shot writer is closed: shotsWritten=" + shotsWritten);
        }
    }
}
