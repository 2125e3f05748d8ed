package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Shared fixtures: a distance-5 rotated surface code memory layout and helpers that write frames for it.
 */
final class TestFrames
{
    static final int DISTANCE = 5;
    static final int BOUNDARY_DETECTORS = (DISTANCE * DISTANCE - 1) / 2;
    static final int BULK_DETECTORS = DISTANCE * DISTANCE - 1;
    static final int[] DETECTOR_COUNTS =
        { BOUNDARY_DETECTORS, BULK_DETECTORS, BULK_DETECTORS, BULK_DETECTORS, BULK_DETECTORS, BOUNDARY_DETECTORS };
    static final int ROUNDS = DETECTOR_COUNTS.length;
    static final FrameLayout LAYOUT = new FrameLayout(DISTANCE, DETECTOR_COUNTS);
    static final long SOURCE = 7;
    static final long LOGICAL_QUBIT = 3;
    static final long EMIT_TIMESTAMP_NS = 1_234_567_890_123L;

    private TestFrames()
    {
    }

    /**
     * Write a valid frame for the given sequence; round and block follow from the sequence, detector bits from the
     * random source.
     */
    static int writeRound(
        final SyndromeRoundWriter writer,
        final MutableDirectBuffer buffer,
        final int offset,
        final long source,
        final long sequence,
        final long[] words,
        final SplittableRandom random)
    {
        final int roundIndex = (int)(Long.remainderUnsigned(sequence, ROUNDS));
        final int detectorCount = DETECTOR_COUNTS[roundIndex];
        randomWords(random, words, detectorCount);

        return writer.encode(buffer, offset, source, LOGICAL_QUBIT, sequence, Long.divideUnsigned(sequence, ROUNDS),
            roundIndex, roundIndex == ROUNDS - 1, DISTANCE, (sequence & 1) == 0 ? Basis.Z : Basis.X,
            EMIT_TIMESTAMP_NS + sequence, words, detectorCount);
    }

    /**
     * Fill the words covering {@code detectorCount} bits with random bits, including bits above the count.
     */
    static void randomWords(final SplittableRandom random, final long[] words, final int detectorCount)
    {
        for (int w = 0; w < DetectorBits.wordLength(detectorCount); w++)
        {
            words[w] = random.nextLong();
        }
    }

    static long lowBits(final long word, final int bits)
    {
        return bits >= Long.SIZE ? word : word & ((1L << bits) - 1);
    }
}
