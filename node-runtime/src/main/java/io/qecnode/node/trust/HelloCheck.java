package io.qecnode.node.trust;

/**
 * What a receiver made of one Q-HELLO: accepted, or the first check it failed, cheapest checks first
 * ({@link HelloVerifier}). Each has its own counter (type ids 4180-4186 for the refusals, 4187 for the accepted).
 */
public enum HelloCheck
{
    /** Well formed, for this link, from an admitted node, fresh, new, within budget and signed by its key. */
    ACCEPTED(4187, "accepted"),

    /** Not a whole QHello: bad length, schema, template, KEM kind, or var data too long. */
    MALFORMED(4180, "malformed"),

    /** Addressed to another node or path, or from a node that is not a neighbour. */
    WRONG_LINK(4181, "wrong link"),

    /** From a node the trust store does not admit. */
    UNKNOWN_KEY(4182, "unknown key"),

    /** Its timestamp is further from the receiver's wall clock than the freshness window. */
    STALE(4183, "stale"),

    /** Its sequence is not above the last one accepted from its sender. */
    REPLAYED(4184, "replayed"),

    /** Its image used up its signature verifications for this second. */
    THROTTLED(4185, "throttled"),

    /** The signature is not its sender's over the frame. */
    BAD_SIGNATURE(4186, "bad signature");

    private final int typeId;
    private final String label;

    HelloCheck(final int typeId, final String label)
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

    /** @return whether the Hello was refused. */
    public boolean refused()
    {
        return this != ACCEPTED;
    }
}
