package io.qecnode.io.frame;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Packing of a round's detector bits between the caller's {@code long} words and the frame's bytes.
 * <p>
 * In memory, detector {@code k} is bit {@code k % 64} of word {@code k / 64}. On the wire, detector {@code k} is bit
 * {@code k % 8} of byte {@code k / 8}, which is the same bit order as the words stored little-endian, so whole words
 * move with one {@code putLong}/{@code getLong} and only the last, partial word goes byte by byte:
 * <pre>
 *   byte      0               1               2                      ceil(n / 8) - 1
 *   bit    0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7   ...   0 1 2 3 4 5 6 7
 *        +---------------+---------------+---------------+-- ... --+---------------+
 *        |d0  ...      d7|d8  ...     d15|d16 ...     d23|         |d(n-1)|0 ... 0 |
 *        +---------------+---------------+---------------+-- ... --+---------------+
 *                                                                    padding bits are zero
 * </pre>
 * A round of {@code n} detectors takes {@code ceil(n / 8)} bytes; 0 detectors take 0 bytes.
 */
public final class DetectorBits
{
    private static final int BITS_PER_WORD = Long.SIZE;
    private static final int BYTES_PER_WORD = Long.BYTES;

    private DetectorBits()
    {
    }

    /**
     * Bytes that {@code detectorCount} packed detector bits take on the wire.
     *
     * @param detectorCount number of detector bits.
     * @return {@code ceil(detectorCount / 8)}.
     */
    public static int byteLength(final int detectorCount)
    {
        return (detectorCount + 7) >>> 3;
    }

    /**
     * Words that {@code detectorCount} detector bits take in memory.
     *
     * @param detectorCount number of detector bits.
     * @return {@code ceil(detectorCount / 64)}.
     */
    public static int wordLength(final int detectorCount)
    {
        return (detectorCount + 63) >>> 6;
    }

    /**
     * Write detector bits into a buffer; bits of the words at or above {@code detectorCount} are not written.
     *
     * @param words         holding the detector bits, at least {@link #wordLength(int)} of them.
     * @param detectorCount number of detector bits to write.
     * @param buffer        to write the {@link #byteLength(int)} bytes into.
     * @param offset        at which the bytes begin.
     */
    public static void pack(
        final long[] words, final int detectorCount, final MutableDirectBuffer buffer, final int offset)
    {
        final int fullWords = detectorCount >>> 6;
        for (int w = 0; w < fullWords; w++)
        {
            buffer.putLong(offset + w * BYTES_PER_WORD, words[w], ByteOrder.LITTLE_ENDIAN);
        }

        final int tailBits = detectorCount & (BITS_PER_WORD - 1);
        if (tailBits != 0)
        {
            long tail = words[fullWords] & lowMask(tailBits);
            final int tailOffset = offset + fullWords * BYTES_PER_WORD;
            final int tailBytes = byteLength(tailBits);
            for (int b = 0; b < tailBytes; b++)
            {
                buffer.putByte(tailOffset + b, (byte)tail);
                tail >>>= 8;
            }
        }
    }

    /**
     * Read one word of detector bits from a buffer; bits at or above {@code detectorCount} read as zero.
     *
     * @param buffer        containing the packed bits.
     * @param offset        at which the packed bits begin.
     * @param detectorCount number of detector bits packed there.
     * @param wordIndex     which word, less than {@link #wordLength(int)}.
     * @return detectors {@code 64 * wordIndex} to {@code 64 * wordIndex + 63}, lowest in bit 0.
     */
    public static long word(final DirectBuffer buffer, final int offset, final int detectorCount, final int wordIndex)
    {
        final int wordOffset = offset + wordIndex * BYTES_PER_WORD;
        final int bitsLeft = detectorCount - wordIndex * BITS_PER_WORD;
        if (bitsLeft >= BITS_PER_WORD)
        {
            return buffer.getLong(wordOffset, ByteOrder.LITTLE_ENDIAN);
        }

        long word = 0;
        final int tailBytes = byteLength(bitsLeft);
        for (int b = 0; b < tailBytes; b++)
        {
            word |= (buffer.getByte(wordOffset + b) & 0xFFL) << (b * 8);
        }

        return word & lowMask(bitsLeft);
    }

    /**
     * Read detector bits from a buffer into words.
     *
     * @param buffer        containing the packed bits.
     * @param offset        at which the packed bits begin.
     * @param detectorCount number of detector bits packed there.
     * @param words         to fill, at least {@link #wordLength(int)} long; words beyond are left alone.
     * @return number of words filled, {@link #wordLength(int)}.
     */
    public static int unpack(final DirectBuffer buffer, final int offset, final int detectorCount, final long[] words)
    {
        final int wordCount = wordLength(detectorCount);
        for (int w = 0; w < wordCount; w++)
        {
            words[w] = word(buffer, offset, detectorCount, w);
        }

        return wordCount;
    }

    /**
     * List the indices of the set detector bits, in ascending order.
     *
     * @param buffer        containing the packed bits.
     * @param offset        at which the packed bits begin.
     * @param detectorCount number of detector bits packed there.
     * @param indices       to fill from index 0; must hold every set bit, which {@code detectorCount} entries do.
     * @return number of set bits, the count of entries filled.
     */
    public static int setBitIndices(
        final DirectBuffer buffer, final int offset, final int detectorCount, final int[] indices)
    {
        final int wordCount = wordLength(detectorCount);
        int count = 0;
        for (int w = 0; w < wordCount; w++)
        {
            long word = word(buffer, offset, detectorCount, w);
            final int base = w * BITS_PER_WORD;
            while (word != 0)
            {
                indices[count++] = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }

        return count;
    }

    /**
     * Read a single detector bit.
     *
     * @param buffer  containing the packed bits.
     * @param offset  at which the packed bits begin.
     * @param index   of the detector, less than the number packed there.
     * @return true if the detector fired.
     */
    public static boolean isSet(final DirectBuffer buffer, final int offset, final int index)
    {
        return ((buffer.getByte(offset + (index >>> 3)) >>> (index & 7)) & 1) != 0;
    }

    /**
     * Whether the padding bits above the last detector in the last byte are zero, as the wire format requires.
     *
     * @param buffer        containing the packed bits.
     * @param offset        at which the packed bits begin.
     * @param detectorCount number of detector bits packed there.
     * @return true if the padding is clear or there is none.
     */
    public static boolean isPaddingClear(final DirectBuffer buffer, final int offset, final int detectorCount)
    {
        final int usedBitsInLastByte = detectorCount & 7;
        if (usedBitsInLastByte == 0)
        {
            return true;
        }

        final int lastByte = buffer.getByte(offset + (detectorCount >>> 3)) & 0xFF;
        return (lastByte >>> usedBitsInLastByte) == 0;
    }

    private static long lowMask(final int bits)
    {
        return bits >= BITS_PER_WORD ? -1L : (1L << bits) - 1;
    }
}
