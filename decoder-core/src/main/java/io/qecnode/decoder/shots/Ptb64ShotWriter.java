package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes {@code ptb64}: shots are gathered into a block of 64 (bit k of shot s into bit {@code s & 7} of byte
 * {@code 8k + (s >>> 3)}, which is bit s of the little-endian word of bit k) and each full block is written whole.
 * A ptb64 file holds whole blocks only, so {@link #flush()} leaves a part block unwritten and {@link #close()}
 * refuses a shot count that is not a multiple of 64 after closing the stream, as Stim does.
 */
final class Ptb64ShotWriter extends ShotWriter
{
    /** Shots per block, one per bit of a 64-bit word. */
    static final int SHOTS_PER_BLOCK = 64;

    private final byte[] block;
    private int shotInBlock;

    Ptb64ShotWriter(final OutputStream out, final ShotLayout layout)
    {
        super(out, layout, blockBytes(layout));
        this.block = new byte[blockBytes(layout)];
    }

    /**
     * @param layout what the bits of a shot mean.
     * @return bytes per block of 64 shots: one 8-byte word per bit.
     * @throws IllegalArgumentException for zero bits per shot (the data would be empty) or a block past int range.
     */
    static int blockBytes(final ShotLayout layout)
    {
        final long bytes = (long)layout.bitCount() * Long.BYTES;
        if (bytes == 0 || bytes > Integer.MAX_VALUE - 16)
        {
            throw new IllegalArgumentException("ptb64 cannot hold shots of this width: a block of 64 would be " +
                bytes + " bytes: layout=" + layout);
        }
        return (int)bytes;
    }

    public ShotFormat format()
    {
        return ShotFormat.PTB64;
    }

    void encode(final int[] defects, final int defectCount, final long observableFlips) throws IOException
    {
        final int column = shotInBlock >>> 3;
        final byte bit = (byte)(1 << (shotInBlock & 7));
        for (int i = 0; i < defectCount; i++)
        {
            block[(defects[i] << 3) + column] |= bit;
        }
        long flips = observableFlips;
        while (flips != 0)
        {
            block[((detectorCount + Long.numberOfTrailingZeros(flips)) << 3) + column] |= bit;
            flips &= flips - 1;
        }
        if (++shotInBlock == SHOTS_PER_BLOCK)
        {
            output.reserve(block.length);
            System.arraycopy(block, 0, output.buffer(), output.position(), block.length);
            output.advance(block.length);
            Arrays.fill(block, (byte)0);
            shotInBlock = 0;
        }
    }

    /**
     * Write the full blocks and close the stream.
     *
     * @throws ShotFormatException when the shots written are not a multiple of 64; the last part block is dropped.
     * @throws IOException         when flushing or closing fails.
     */
    public void close() throws IOException
    {
        final int partBlock = shotInBlock;
        shotInBlock = 0;
        super.close();
        if (partBlock != 0)
        {
            throw new ShotFormatException(shotsWritten() - partBlock, "ptb64 needs a shot count that is a multiple " +
                "of 64", "shots=" + shotsWritten() + ", unwrittenShots=" + partBlock);
        }
    }
}
