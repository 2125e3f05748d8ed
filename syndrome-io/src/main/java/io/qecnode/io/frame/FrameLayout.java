package io.qecnode.io.frame;

import java.util.Arrays;

/**
 * What a valid {@code SyndromeRound} of the configured code looks like: the code distance and the number of detector
 * bits each round of a block carries (the first and last rounds of a memory experiment usually carry fewer).
 */
public final class FrameLayout
{
    private static final int MAX_ROUNDS = 1 << 16;

    private final int distance;
    private final int[] detectorCounts;

    /**
     * @param distance       code distance every frame must carry.
     * @param detectorCounts detector bits of each round, indexed by round index; its length is the rounds per block.
     *                       The array is copied.
     * @throws IllegalArgumentException if a value does not fit the wire format.
     */
    public FrameLayout(final int distance, final int[] detectorCounts)
    {
        if (distance < 1 || distance > 0xFFFF)
        {
            throw new IllegalArgumentException("distance out of range: distance=" + distance);
        }
        if (detectorCounts.length < 1 || detectorCounts.length > MAX_ROUNDS)
        {
            throw new IllegalArgumentException(
                "rounds per block out of range: rounds=" + detectorCounts.length + ", max=" + MAX_ROUNDS);
        }
        for (int round = 0; round < detectorCounts.length; round++)
        {
            final int count = detectorCounts[round];
            if (count < 0 || count > SyndromeRoundWriter.MAX_DETECTOR_COUNT)
            {
                throw new IllegalArgumentException(
                    "detector count out of range: roundIndex=" + round + ", detectorCount=" + count);
            }
        }

        this.distance = distance;
        this.detectorCounts = detectorCounts.clone();
    }

    /**
     * A layout whose rounds all carry the same number of detector bits.
     *
     * @param distance          code distance.
     * @param roundsPerBlock    rounds in a block.
     * @param detectorsPerRound detector bits in every round.
     * @return the layout.
     */
    public static FrameLayout uniform(final int distance, final int roundsPerBlock, final int detectorsPerRound)
    {
        final int[] counts = new int[roundsPerBlock];
        Arrays.fill(counts, detectorsPerRound);

        return new FrameLayout(distance, counts);
    }

    /**
     * @return code distance every frame must carry.
     */
    public int distance()
    {
        return distance;
    }

    /**
     * @return rounds in a block; valid round indices are below it.
     */
    public int roundsPerBlock()
    {
        return detectorCounts.length;
    }

    /**
     * @param roundIndex less than {@link #roundsPerBlock()}.
     * @return detector bits a frame for that round must carry.
     */
    public int detectorCount(final int roundIndex)
    {
        return detectorCounts[roundIndex];
    }
}
