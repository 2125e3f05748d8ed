package io.qecnode.node.chain;

/**
 * Why a chain node refused a state from its left, each kind with its own counter (type ids 4163-4169, and 4174-4178
 * for the refusals of an authenticated link). A refused state is dropped whole: it never reaches a frame and never
 * stops the node.
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

    /** The epoch last accepted from the left, again (an unauthenticated link; an authenticated one says replayed). */
    DUPLICATE(4167, "duplicate"),

    /** An epoch before the last one accepted from the left (an unauthenticated link). */
    REORDERED(4168, "reordered"),

    /** An epoch already closed (late), or beyond the window of epoch slots ahead of the oldest open one. */
    OUT_OF_WINDOW(4169, "out of window or late"),

    /** An authenticated link: a bare frame, with no generation and MAC after it. */
    NO_MAC(4174, "no MAC"),

    /** An authenticated link: a MAC that is not the frame's under the key it names, or a key never installed. */
    WRONG_MAC(4175, "wrong MAC"),

    /** An authenticated link: a MAC under a key older than the newest, past its overlap. */
    OLD_KEY(4176, "old key past its overlap"),

    /** An authenticated link: a genuine state whose epoch was already accepted (or passed): a replay. */
    REPLAYED(4177, "replayed"),

    /** An authenticated link: from a node the trust store does not admit, or whose session is revoked or not yet up. */
    NOT_ADMITTED(4178, "not admitted");

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
