package io.qecnode.node.chain;

/**
 * Why a chain node refused a state from its left, each kind with its own counter (type ids 4163-4169). A refused
 * state is dropped whole: it never reaches a frame and never stops the node.
 */
public enum StateRefusal
{
    /** Not a whole version 2 {@code LogicalState}: bad length or checksum, no chain fields, or a bad correction. */
    BAD_FRAME(4163, "bad frame"),

    /** Sent by a node other than the configured left neighbour. */
    WRONG_SOURCE(4164, "wrong source"),

    /** Addressed to a node other than this one. */
    WRONG_DESTINATION(4165, "wrong destination"),

    /** For another path than the chain's. */
    WRONG_PATH(4166, "wrong path"),

    /** The epoch last accepted from the left, again. */
    DUPLICATE(4167, "duplicate"),

    /** An epoch before the last one accepted from the left. */
    REORDERED(4168, "reordered"),

    /** An epoch already closed (late), or beyond the window of epoch slots ahead of the oldest open one. */
    OUT_OF_WINDOW(4169, "out of window or late");

    private final int typeId;
    private final String label;

    StateRefusal(final int typeId, final String label)
    {
        this.typeId = typeId;
        this.label = label;
    }

    /** @return the counter's type id. */
    public int typeId()
    {
        return typeId;
    }

    /** @return what the counter's label says. */
    public String label()
    {
        return label;
    }
}
