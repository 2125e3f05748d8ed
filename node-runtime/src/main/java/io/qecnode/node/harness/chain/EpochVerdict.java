package io.qecnode.node.harness.chain;

/**
 * What the verifier says about one epoch of the chain. Only {@link #RIGHT} counts towards fidelity: an epoch the chain
 * could not finish is never right, and never dropped either.
 */
public enum EpochVerdict
{
    /** A's frame and B's final frame together undo exactly the Pauli the end-to-end pair carries. */
    RIGHT,

    /** The epoch was whole, but the frames leave a logical X, Z or Y on the pair. */
    WRONG,

    /** A neighbour stayed silent past its deadline: the correction B got misses swaps. */
    INCOMPLETE,

    /** A node of the chain could not finish the epoch (e.g. it restarted). */
    FAILED;

    /** @return true only for {@link #RIGHT}. */
    public boolean isRight()
    {
        return this == RIGHT;
    }
}
