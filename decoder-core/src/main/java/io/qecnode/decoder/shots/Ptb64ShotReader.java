package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code ptb64}: shots come in blocks of 64, a block holding for each bit k of the shot one 8-byte
 * little-endian word whose bit s is bit k of the block's shot s, so a block is {@code 8 * bitCount} bytes. The data
 * must hold a whole number of blocks, so a shot count that is not a multiple of 64 is refused where the data ends.
 * <p>
 * One block is copied out of the input buffer at a time and its 64 shots are then read from the copy: bit k of shot
 * s is bit {@code s & 7} of byte {@code 8k + (s >>> 3)}.
 */
final class Ptb64ShotReader extends ShotReader
{
    private final byte[] block;
    // Next shot of the block to hand out; SHOTS_PER_BLOCK when the block is used up.
    private int shotInBlock = Ptb64ShotWriter.SHOTS_PER_BLOCK;

    Ptb64ShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, Ptb64ShotWriter.blockBytes(layout));
        this.block = new byte[Ptb64ShotWriter.blockBytes(layout)];
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
        final byte[] block = this.block;
        final int column = shotInBlock >>> 3;
        final int bitInByte = shotInBlock & 7;
        final int detectorCount = this.detectorCount;
        final int[] defects = shot.defects;
        int defectCount = 0;
        for (int k = 0; k < detectorCount; k++)
        {
            if ((block[(k << 3) + column] >>> bitInByte & 1) != 0)
            {
                defects[defectCount++] = k;
            }
        }
        shot.defectCount = defectCount;
        shot.observableFlips = bits(detectorCount, column, bitInByte);
        shotInBlock++;
        return true;
    }

    long readMaskShot() throws IOException
    {
        loadBlock();
        final long mask = bits(0, shotInBlock >>> 3, shotInBlock & 7);
        shotInBlock++;
        return mask;
    }

    // Bits from..bitCount-1 (at most 64) of the current shot as a mask with bit 'from' at bit 0.
    private long bits(final int from, final int column, final int bitInByte)
    {
        long mask = 0;
        for (int k = from; k < bitCount; k++)
        {
            mask |= (long)(block[(k << 3) + column] >>> bitInByte & 1) << (k - from);
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
        return true;
    }
}
