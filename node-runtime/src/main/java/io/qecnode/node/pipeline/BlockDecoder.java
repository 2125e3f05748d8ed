package io.qecnode.node.pipeline;

/**
 * Decodes one logical block whose syndrome rounds arrive one at a time, in order.
 * <p>
 * <b>Note:</b> called on the node's hot thread only; implementations allocate nothing per call.
 */
public interface BlockDecoder
{
    /**
     * @param round      index of the round within the block, one more than the last one added.
     * @param firedLocal the detectors that fired, numbered within the round.
     * @param count      how many entries of {@code firedLocal} to take.
     */
    void addRound(int round, int[] firedLocal, int count);

    /**
     * Decode what is left after the last round and start afresh.
     *
     * @return the logical observable flips of the block.
     */
    long finishBlock();

    /**
     * @return ns the decoder spent on the block just finished after its last round arrived: the final window of a
     * streaming decoder, the whole block for one that decodes at the end.
     */
    long lastWindowNs();

    /** @return ns the decoder spent on the block just finished, summed over its windows (the whole decode). */
    long blockDecodeNs();

    /** @return true if the block just finished needed the bounded fallback. */
    boolean blockUsedFallback();

    /** Forget a block that will not be finished (its end was lost). */
    void abandonBlock();

    /** @return rounds per block. */
    int roundsPerBlock();

    /**
     * Shed load: while on, the blocks started go to the bounded fallback instead of union-find and are flagged as
     * fallback. Set between blocks. A decoder without a fallback (the batch reference) decodes them in full.
     *
     * @param on true to decode by the fallback.
     */
    default void shed(final boolean on)
    {
    }
}
