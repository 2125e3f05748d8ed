package io.qecnode.io.frame;

/**
 * Bits of a {@code LogicalState}'s {@code flags} field, as the schema's {@code StateFlags} set numbers them.
 */
public final class LogicalStateFlags
{
    /**
     * The block was decoded by the bounded fallback decoder.
     */
    public static final int FALLBACK = 1;

    /**
     * Rounds of the block were missing when it was decoded.
     */
    public static final int INCOMPLETE = 1 << 1;

    /**
     * No detector fired in any round of the block.
     */
    public static final int CLEAN_BLOCK = 1 << 2;

    /**
     * Every bit the schema defines; bits outside it are reserved.
     */
    public static final int ALL = FALLBACK | INCOMPLETE | CLEAN_BLOCK;

    private LogicalStateFlags()
    {
    }
}
