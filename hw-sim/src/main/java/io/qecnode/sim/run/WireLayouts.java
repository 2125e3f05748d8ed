package io.qecnode.sim.run;

import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.io.frame.FrameLayout;

/**
 * The wire layout a receiver validates against, from the round structure of the code it expects.
 */
public final class WireLayouts
{
    private WireLayouts()
    {
    }

    /**
     * @param distance code distance carried in every frame.
     * @param rounds   the rounds of a block and their detectors.
     * @return the layout: one entry per round of a block, its detector count.
     */
    public static FrameLayout of(final int distance, final RoundStructure rounds)
    {
        final int[] counts = new int[rounds.roundCount()];
        for (int r = 0; r < counts.length; r++)
        {
            counts[r] = rounds.detectorCount(r);
        }
        return new FrameLayout(distance, counts);
    }
}
