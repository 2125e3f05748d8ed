package io.qecnode.sim.run;

/**
 * Receives the ground truth of each block: the logical observable flips its errors caused.
 */
@FunctionalInterface
public interface TruthListener
{
    /** Ignores every truth. */
    TruthListener NONE = (blockIndex, observableFlips) -> { };

    /**
     * @param blockIndex      the block.
     * @param observableFlips the true logical flips of the block (bit 0 logical X, bit 1 logical Z for the built-in
     *                        models; the DEM's observables otherwise).
     */
    void onBlockTruth(long blockIndex, long observableFlips);
}
