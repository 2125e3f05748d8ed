package io.qecnode.decoder.shots;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads {@code b8}: fixed records of {@code ceil(bitCount / 8)} bytes, bit k of a shot in bit {@code k & 7} of byte
 * {@code k >>> 3}, the last byte padded with zeros (set padding is refused, as it would be silently lost).
 * <pre>
 *   byte 0 of the record        byte 1                              last byte, bitCount = 8j + 5
 *  +---+---+---+---+---+---+---+---+  +---+---+---+---+---+---+---+---+     +---+---+---+---+---+---+---+---+
 *  |s7 |s6 |s5 |s4 |s3 |s2 |s1 |s0 |  |s15|s14|s13|s12|s11|s10|s9 |s8 | ... | 0 | 0 | 0 |   s8j+4 .. s8j    |
 *  +---+---+---+---+---+---+---+---+  +---+---+---+---+---+---+---+---+     +---+---+---+---+---+---+---+---+
 *   MSB                         LSB
 * </pre>
 * Stim's documented example: shot bits 00001111001101 (s0 first) are the bytes {@code f0 2c}. Because the order is
 * little-endian at both levels, 8 record bytes read as one little-endian {@code long} hold shot bits
 * {@code 64w .. 64w+63} in order, so set bits are found a word at a time.
 */
final class B8ShotReader extends ShotReader
{
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int bytesPerShot;

    B8ShotReader(final InputStream in, final ShotLayout layout)
    {
        super(in, layout, layout.b8BytesPerShot());
        if (layout.bitCount() == 0)
        {
            throw new IllegalArgumentException("b8 cannot hold shots of zero bits: the data would be empty: layout=" +
                layout);
        }
        this.bytesPerShot = layout.b8BytesPerShot();
    }

    public ShotFormat format()
    {
        return ShotFormat.B8;
    }

    public boolean hasMoreShots() throws IOException
    {
        return input.require(1) > 0;
    }

    boolean readShot(final SparseShot shot) throws IOException
    {
        if (!requireRecord())
        {
            return false;
        }
        final byte[] buffer = input.buffer();
        final int start = input.position();
        final int detectorCount = this.detectorCount;
        final int[] defects = shot.defects;
        int defectCount = 0;
        long flips = 0;
        int base = 0;
        for (int offset = start, end = start + bytesPerShot; offset < end; offset += Long.BYTES, base += Long.SIZE)
        {
            long word = end - offset >= Long.BYTES ? (long)LONG_LE.get(buffer, offset) : tail(buffer, offset, end);
            while (word != 0)
            {
                final int bit = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (bit < detectorCount)
                {
                    defects[defectCount++] = bit;
                }
                else if (bit < bitCount)
                {
                    flips |= 1L << (bit - detectorCount);
                }
                else
                {
                    throw paddingSet(bit);
                }
            }
        }
        input.advance(bytesPerShot);
        shot.defectCount = defectCount;
        shot.observableFlips = flips;
        return true;
    }

    long readMaskShot() throws IOException
    {
        requireRecord();
        final long mask = tail(input.buffer(), input.position(), input.position() + bytesPerShot);
        final long padding = mask & ~layout.shotBits();
        if (padding != 0)
        {
            throw paddingSet(Long.numberOfTrailingZeros(padding));
        }
        input.advance(bytesPerShot);
        return mask;
    }

    private boolean requireRecord() throws IOException
    {
        final int present = input.require(bytesPerShot);
        if (present == bytesPerShot)
        {
            return true;
        }
        if (present == 0)
        {
            return false;
        }
        throw new ShotFormatException(shotsRead, "b8 record truncated at end of data", "bytesPresent=" + present +
            ", bytesPerShot=" + bytesPerShot + ", bitCount=" + bitCount + ", offset=" + input.streamOffset());
    }

    private ShotFormatException paddingSet(final int bit)
    {
        return new ShotFormatException(shotsRead, "b8 padding bit set past the shot's last bit", "bit=" + bit +
            ", bitCount=" + bitCount + ", bytesPerShot=" + bytesPerShot + ", offset=" + input.streamOffset());
    }

    // Up to 8 trailing bytes of a record, little-endian.
    private static long tail(final byte[] buffer, final int offset, final int end)
    {
        long word = 0;
        for (int i = end - 1; i >= offset; i--)
        {
            word = (word << 8) | (buffer[i] & 0xFF);
        }
        return word;
    }
}
