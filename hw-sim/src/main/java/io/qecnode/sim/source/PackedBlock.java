package io.qecnode.sim.source;

import io.qecnode.decoder.rounds.RoundStructure;

import java.util.Arrays;

/**
 * The detector bits of one block, packed round by round so that each round can be cut out as the words a
 * {@link RoundSink} takes: round {@code r} owns words {@code [r * wordsPerRound, (r + 1) * wordsPerRound)}, and
 * detector {@code firstDetector(r) + k} is bit {@code k mod 64} of the round's word {@code k / 64}.
 * <p>
 * Cutting a round zeroes its words, so once every round of a block is cut the whole array is zero again and loading
 * the next block costs its defects, not a clear of the array. Allocation-free after construction.
 */
final class PackedBlock
{
    private final int wordsPerRound;
    // Bit index of each detector in blockWords.
    private final int[] bitPosition;
    private final long[] blockWords;
    private final long[] roundWords;

    /**
     * @param rounds how the detectors split into rounds.
     */
    PackedBlock(final RoundStructure rounds)
    {
        final int roundCount = rounds.roundCount();
        wordsPerRound = (rounds.maxDetectorsPerRound() + Long.SIZE - 1) / Long.SIZE;
        if ((long)roundCount * wordsPerRound * Long.SIZE > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("block too large to pack: rounds=" + roundCount +
                ", wordsPerRound=" + wordsPerRound);
        }
        bitPosition = new int[rounds.detectorCount()];
        for (int round = 0; round < roundCount; round++)
        {
            final int first = rounds.firstDetector(round);
            final int roundBase = round * wordsPerRound * Long.SIZE;
            for (int k = 0, n = rounds.detectorCount(round); k < n; k++)
            {
                bitPosition[first + k] = roundBase + k;
            }
        }
        blockWords = new long[roundCount * wordsPerRound];
        roundWords = new long[wordsPerRound];
    }

    /** @return words handed out per round, enough for the largest round. */
    int wordsPerRound()
    {
        return wordsPerRound;
    }

    /**
     * Set the bits of a block's defects; every round of the previous block must have been cut.
     *
     * @param defects     detector indices, each at most once.
     * @param defectCount number of entries to take.
     */
    void load(final int[] defects, final int defectCount)
    {
        final int[] bitPosition = this.bitPosition;
        final long[] blockWords = this.blockWords;
        for (int i = 0; i < defectCount; i++)
        {
            final int position = bitPosition[defects[i]];
            blockWords[position >>> 6] |= 1L << position;
        }
    }

    /**
     * @param round the round to cut out.
     * @return the round's words, in an array reused by the next cut.
     */
    long[] cut(final int round)
    {
        final int base = round * wordsPerRound;
        System.arraycopy(blockWords, base, roundWords, 0, wordsPerRound);
        Arrays.fill(blockWords, base, base + wordsPerRound, 0L);
        return roundWords;
    }
}
