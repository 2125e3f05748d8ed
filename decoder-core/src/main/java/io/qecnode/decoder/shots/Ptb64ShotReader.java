package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads {@code ptb64}: shots come in blocks of 64, a block holding for each bit k of the shot one 8-byte
 * little-endian word whose bit s is bit k of the block's shot s, so a block is {@code 8 * bitCount} bytes. The data
 * must hold a whole number of blocks, so a shot count that is not a multiple of 64 is refused where the data ends.
 * <p>
 * One block is copied out of the input buffer at a time: bit k of shot s is bit {@code s & 7} of byte
 * {@code 8k + (s >>> 3)}. For detection events the block is spread once into the 64 shots' defect lists, visiting
 * only its set bits, rather than testing every bit of the block once per shot (64 times the work on sparse data).
 */
final class Ptb64ShotReader extends ShotReader
{
    private final byte[] block;
    // The block spread by shot: shot s's defects at s * detectorCount, its count and its observable flips.
    private final int[] blockDefects;
    private final int[] blockDefectCounts = new int[Ptb64ShotWriter.SHOTS_PER_BLOCK];
    private final long[] blockFlips = new long[Ptb64ShotWriter.SHOTS_PER_BLOCK];
    private boolean spread;
    // Next shot of the block to hand out; SHOTS_PER_BLOCK when the block is used up.
    private int shotInBlock = Ptb64ShotWriter.SHOTS_PER_BLOCK;

    Ptb64ShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, Ptb64ShotWriter.blockBytes(layout));
        this.block = new byte[Ptb64ShotWriter.blockBytes(layout)];
        this.blockDefects = new int[Ptb64ShotWriter.SHOTS_PER_BLOCK * layout.detectorCount()];
    }

    public ShotFormat format()
    {
        return ShotFormat.PTB64;
    }

    public boolean hasMoreShots() throws IOException
    {
        return shotInBlock < Ptb64ShotWriter.SHOTS_PER_BLOCK || input.require(1) > 0;
    }

    boolean readShot(final SparseShot shot) throws IOException
    {
        if (!loadBlock())
        {
            return false;
        }
        if (!spread)
        {
            spreadBlock();
        }
        final int count = blockDefectCounts[shotInBlock];
        System.arraycopy(blockDefects, shotInBlock * detectorCount, shot.defects, 0, count);
        shot.defectCount = count;
        shot.observableFlips = blockFlips[shotInBlock];
        shotInBlock++;
        return true;
    }

    private void spreadBlock()
    {
        Arrays.fill(blockDefectCounts, 0);
        Arrays.fill(blockFlips, 0L);
        final byte[] block = this.block;
        final int detectorCount = this.detectorCount;
        for (int k = 0; k < bitCount; k++)
        {
            final int word = k << 3;
            for (int column = 0; column < Long.BYTES; column++)
            {
                int bits = block[word + column] & 0xFF;
                while (bits != 0)
                {
                    final int s = (column << 3) + Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (k < detectorCount)
                    {
                        blockDefects[s * detectorCount + blockDefectCounts[s]++] = k;
                    }
                    else
                    {
                        blockFlips[s] |= 1L << (k - detectorCount);
                    }
                }
            }
        }
        spread = true;
    }

    long readMaskShot() throws IOException
    {
        loadBlock();
        final long mask = bits(shotInBlock >>> 3, shotInBlock & 7);
        shotInBlock++;
        return mask;
    }

    // Every bit (at most 64: a mask layout) of the current shot, bit k at bit k.
    private long bits(final int column, final int bitInByte)
    {
        long mask = 0;
        for (int k = 0; k < bitCount; k++)
        {
            mask |= (long)(block[(k << 3) + column] >>> bitInByte & 1) << k;
        }
        return mask;
    }

    private boolean loadBlock() throws IOException
    {
        if (shotInBlock < Ptb64ShotWriter.SHOTS_PER_BLOCK)
        {
            return true;
        }
        final int present = input.require(block.length);
        if (present == 0)
        {
            return false;
        }
        if (present < block.length)
        {
            throw new ShotFormatException(shotsRead, "ptb64 data ends inside a block of 64 shots: its shot count " +
                "must be a multiple of 64", "bytesPresent=" + present + ", bytesPerBlock=" + block.length +
                ", bitCount=" + bitCount + ", offset=" + input.streamOffset());
        }
        System.arraycopy(input.buffer(), input.position(), block, 0, block.length);
        input.advance(block.length);
        shotInBlock = 0;
        spread = false;
        return true;
    }
}
