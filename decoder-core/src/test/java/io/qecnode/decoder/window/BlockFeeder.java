package io.qecnode.decoder.window;

import io.qecnode.decoder.rounds.RoundStructure;

import java.util.Arrays;

/**
 * Splits a block's defects (block detector indices, any order) into rounds of round-local indices and feeds them to a
 * {@link StreamingDecoder} in order, as SyndromeRound frames would arrive. Allocation-free per block.
 */
final class BlockFeeder
{
    private final RoundStructure rounds;
    private final int[] sorted;
    private final int[] local;

    BlockFeeder(final RoundStructure rounds)
    {
        this.rounds = rounds;
        this.sorted = new int[rounds.detectorCount()];
        this.local = new int[rounds.maxDetectorsPerRound()];
    }

    /**
     * Sort a block's defects in place into the feeder's buffer.
     *
     * @param defects     block detectors that fired.
     * @param defectCount number of them.
     * @return the sorted defects, in the feeder's own buffer (valid until the next call).
     */
    int[] sort(final int[] defects, final int defectCount)
    {
        System.arraycopy(defects, 0, sorted, 0, defectCount);
        Arrays.sort(sorted, 0, defectCount);
        return sorted;
    }

    /**
     * Feed every round of a block and finish it.
     *
     * @param decoder     the decoder.
     * @param defects     block detectors that fired.
     * @param defectCount number of them.
     * @return the block's predicted observable flips.
     */
    long decodeBlock(final StreamingDecoder decoder, final int[] defects, final int defectCount)
    {
        feedRounds(decoder, defects, defectCount, 0, rounds.roundCount());
        return decoder.finishBlock();
    }

    /**
     * Feed a run of rounds, sorting the defects first.
     *
     * @param decoder     the decoder.
     * @param defects     block detectors that fired (any round).
     * @param defectCount number of them.
     * @param firstRound  first round to feed.
     * @param endRound    round one past the last to feed.
     */
    void feedRounds(
        final StreamingDecoder decoder, final int[] defects, final int defectCount, final int firstRound,
        final int endRound)
    {
        final int[] sorted = sort(defects, defectCount);
        int i = 0;
        while (i < defectCount && rounds.roundOf(sorted[i]) < firstRound)
        {
            i++;
        }
        for (int round = firstRound; round < endRound; round++)
        {
            i = feedRound(decoder, round, sorted, defectCount, i);
        }
    }

    /**
     * Feed one round out of sorted block defects.
     *
     * @param decoder     the decoder.
     * @param round       the round.
     * @param sorted      sorted block defects.
     * @param defectCount number of them.
     * @param position    first position in {@code sorted} not yet fed, at or before the round's defects.
     * @return the position after the round's defects.
     */
    int feedRound(
        final StreamingDecoder decoder, final int round, final int[] sorted, final int defectCount, final int position)
    {
        final int first = rounds.firstDetector(round);
        final int end = first + rounds.detectorCount(round);
        int i = position;
        int n = 0;
        while (i < defectCount && sorted[i] < end)
        {
            local[n++] = sorted[i++] - first;
        }
        decoder.addRound(round, local, n);
        return i;
    }
}
