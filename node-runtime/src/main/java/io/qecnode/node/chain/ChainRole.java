package io.qecnode.node.chain;

import io.qecnode.io.chain.ChainStreams;

/**
 * Where a node sits on a repeater chain, which decides the patches it decodes, the neighbours it has and what it
 * does at each epoch's end.
 */
public enum ChainRole
{
    /** A, node 0: decodes R_0 and starts each epoch's correction; no left neighbour. */
    FIRST_END(false, true),

    /** Repeater i: decodes L_i and R_i, swaps with its Bell measurement, forwards the correction. */
    REPEATER(true, true),

    /** B, node n + 1: decodes L_(n+1) and completes each epoch's correction; no right neighbour. */
    LAST_END(true, false);

    private final boolean hasLeft;
    private final boolean hasRight;

    ChainRole(final boolean hasLeft, final boolean hasRight)
    {
        this.hasLeft = hasLeft;
        this.hasRight = hasRight;
    }

    /** @return true if the node has a left neighbour, a left patch L_i and receives states. */
    public boolean hasLeft()
    {
        return hasLeft;
    }

    /** @return true if the node has a right neighbour, a right patch R_i and sends states. */
    public boolean hasRight()
    {
        return hasRight;
    }

    /**
     * @param side {@link ChainStreams#LEFT} or {@link ChainStreams#RIGHT}.
     * @return true if the node holds a patch on that side.
     */
    public boolean hasSide(final int side)
    {
        return side == ChainStreams.LEFT ? hasLeft : hasRight;
    }
}
