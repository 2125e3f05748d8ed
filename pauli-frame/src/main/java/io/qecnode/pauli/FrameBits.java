package io.qecnode.pauli;

/**
 * Bit addressing shared by the frames: index {@code i} lives in word {@code i >>> 6} at bit {@code i & 63}.
 * <p>
 * Java reduces a {@code long} shift distance to its low six bits, so {@code 1L << i} already selects bit
 * {@code i & 63}; the helpers rely on that instead of masking.
 */
final class FrameBits
{
    private FrameBits()
    {
    }

    static int wordCount(final int bitCount)
    {
        return (bitCount + 63) >>> 6;
    }

    static long bit(final long[] words, final int index)
    {
        return (words[index >>> 6] >>> index) & 1L;
    }

    static void xorBit(final long[] words, final int index, final long bit)
    {
        words[index >>> 6] ^= bit << index;
    }

    static void flip(final long[] words, final int index)
    {
        words[index >>> 6] ^= 1L << index;
    }

    static void clear(final long[] words, final int index)
    {
        words[index >>> 6] &= ~(1L << index);
    }

    static char pauliLetter(final long x, final long z)
    {
        return "IXZY".charAt((int)(x | (z << 1)));
    }
}
