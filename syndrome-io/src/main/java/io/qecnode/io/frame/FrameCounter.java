package io.qecnode.io.frame;

/**
 * The counters frame validation keeps, each with a fixed counter type id and label so that tools reading the counters
 * file from outside the process can find them. Type ids are in 4100-4199, clear of the ranges Aeron reserves
 * (0-99 client and driver, 100-199 archive, 200-299 cluster, and the 300-599 its other products use).
 * <p>
 * Ids and labels only ever grow: a new kind gets the next free type id, and no id is reused.
 * <p>
 * {@link #ACCEPTED} plus every counter whose {@link #isRejection()} is true adds up to the frames validated.
 */
public enum FrameCounter
{
    /**
     * Frames accepted, including those after a gap and those that restarted a stream.
     */
    ACCEPTED(4100, "qec frames: accepted", false),

    /**
     * Sequence numbers skipped by gaps: the frames known to be missing.
     */
    MISSING(4101, "qec frames: missing in sequence gaps", false),

    /**
     * Accepted frames that arrived after a gap.
     */
    GAPS(4102, "qec frames: accepted after a sequence gap", false),

    /**
     * Accepted frames that restarted their source's sequence.
     */
    RESTARTS(4103, "qec frames: accepted as a source restart", false),

    /**
     * Rejected: {@link FrameCheck#TOO_SHORT}.
     */
    TOO_SHORT(4104, "qec rejected frames: too short", true),

    /**
     * Rejected: {@link FrameCheck#TOO_LONG}.
     */
    TOO_LONG(4105, "qec rejected frames: too long", true),

    /**
     * Rejected: {@link FrameCheck#UNKNOWN_SCHEMA}.
     */
    UNKNOWN_SCHEMA(4106, "qec rejected frames: unknown schema", true),

    /**
     * Rejected: {@link FrameCheck#UNSUPPORTED_VERSION}.
     */
    UNSUPPORTED_VERSION(4107, "qec rejected frames: unsupported version", true),

    /**
     * Rejected: {@link FrameCheck#UNKNOWN_TEMPLATE}.
     */
    UNKNOWN_TEMPLATE(4108, "qec rejected frames: unknown template", true),

    /**
     * Rejected: {@link FrameCheck#WRONG_DISTANCE}.
     */
    WRONG_DISTANCE(4109, "qec rejected frames: wrong distance", true),

    /**
     * Rejected: {@link FrameCheck#WRONG_BIT_COUNT}.
     */
    WRONG_BIT_COUNT(4110, "qec rejected frames: wrong bit count", true),

    /**
     * Rejected: {@link FrameCheck#UNKNOWN_BASIS}.
     */
    UNKNOWN_BASIS(4111, "qec rejected frames: unknown basis", true),

    /**
     * Rejected: {@link FrameCheck#BAD_CHECKSUM}.
     */
    BAD_CHECKSUM(4112, "qec rejected frames: bad checksum", true),

    /**
     * Rejected: {@link FrameCheck#TOO_MANY_SOURCES}.
     */
    TOO_MANY_SOURCES(4113, "qec rejected frames: too many sources", true),

    /**
     * Rejected: {@link FrameCheck#DUPLICATE}.
     */
    DUPLICATE(4114, "qec rejected frames: duplicate", true),

    /**
     * Rejected: {@link FrameCheck#OUT_OF_ORDER}.
     */
    OUT_OF_ORDER(4115, "qec rejected frames: out of order", true);

    private static final FrameCounter[] VALUES = values();

    private final int typeId;
    private final String label;
    private final boolean rejection;

    FrameCounter(final int typeId, final String label, final boolean rejection)
    {
        this.typeId = typeId;
        this.label = label;
        this.rejection = rejection;
    }

    /**
     * @return the counter type id, fixed for this kind.
     */
    public int typeId()
    {
        return typeId;
    }

    /**
     * @return the counter label, fixed for this kind.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return true if the counter counts rejected frames.
     */
    public boolean isRejection()
    {
        return rejection;
    }

    /**
     * @return the number of kinds, the length of arrays indexed by {@link #ordinal()}.
     */
    public static int count()
    {
        return VALUES.length;
    }

    /**
     * Kind by ordinal, without the copy that {@code values()} makes.
     *
     * @param ordinal of the kind.
     * @return the kind.
     */
    public static FrameCounter get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
