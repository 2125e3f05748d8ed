package io.qecnode.io.frame;

/**
 * Bits of a {@code LogicalState}'s {@code chainFlags} field (version 2), as the schema's {@code ChainFlags} set
 * numbers them: what went wrong with the chain's epoch before the state. None set: the epoch's correction is whole.
 */
public final class ChainFlags
{
    /**
     * A neighbour stayed silent past its deadline: the correction misses that neighbour's swaps.
     */
    public static final int EPOCH_INCOMPLETE = 1;

    /**
     * A node of the chain could not finish the epoch (for example it restarted on its journal): the pair is lost.
     */
    public static final int EPOCH_FAILED = 1 << 1;

    /**
     * Every bit the schema defines; bits outside it are reserved.
     */
    public static final int ALL = EPOCH_INCOMPLETE | EPOCH_FAILED;

    private ChainFlags()
    {
    }
}
