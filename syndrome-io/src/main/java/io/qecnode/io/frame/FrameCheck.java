package io.qecnode.io.frame;

/**
 * Outcome of validating one inbound frame. The first three accept the frame; the rest reject it and are listed in the
 * order {@link FrameValidator} checks them, so a frame with several faults reports the first.
 */
public enum FrameCheck
{
    /**
     * Accepted, next in sequence.
     */
    OK(null),

    /**
     * Accepted, but sequence numbers before it are missing; {@link FrameCounter#MISSING} counts them.
     */
    GAP(FrameCounter.GAPS),

    /**
     * Accepted as the restart of its source's stream: far behind the expected sequence, or 0 after a non-zero stream.
     */
    RESTART(FrameCounter.RESTARTS),

    /**
     * Shorter than the message header, than header + block length + var data length field, than its declared var
     * data, or with a root block shorter than the message's.
     */
    TOO_SHORT(FrameCounter.TOO_SHORT),

    /**
     * Bytes beyond the content the header and var data length declare.
     */
    TOO_LONG(FrameCounter.TOO_LONG),

    /**
     * Schema id is not the qec-node wire schema's.
     */
    UNKNOWN_SCHEMA(FrameCounter.UNKNOWN_SCHEMA),

    /**
     * Schema version this build cannot read.
     */
    UNSUPPORTED_VERSION(FrameCounter.UNSUPPORTED_VERSION),

    /**
     * Template is not {@code SyndromeRound}.
     */
    UNKNOWN_TEMPLATE(FrameCounter.UNKNOWN_TEMPLATE),

    /**
     * Code distance is not the configured one.
     */
    WRONG_DISTANCE(FrameCounter.WRONG_DISTANCE),

    /**
     * Round index outside the block, detector count not the layout's for that round, var data length not
     * {@code ceil(detectorCount / 8)}, or padding bits set.
     */
    WRONG_BIT_COUNT(FrameCounter.WRONG_BIT_COUNT),

    /**
     * Basis is neither Z nor X.
     */
    UNKNOWN_BASIS(FrameCounter.UNKNOWN_BASIS),

    /**
     * Checksum does not match the frame.
     */
    BAD_CHECKSUM(FrameCounter.BAD_CHECKSUM),

    /**
     * A new source when the validator already tracks as many sources as it was sized for.
     */
    TOO_MANY_SOURCES(FrameCounter.TOO_MANY_SOURCES),

    /**
     * Behind the expected sequence and not known to be missing: already received.
     */
    DUPLICATE(FrameCounter.DUPLICATE),

    /**
     * Behind the expected sequence and one of the recently missing: late, and the stream has moved on.
     */
    OUT_OF_ORDER(FrameCounter.OUT_OF_ORDER);

    private final FrameCounter counter;

    FrameCheck(final FrameCounter counter)
    {
        this.counter = counter;
    }

    /**
     * @return true if the frame may be used.
     */
    public boolean isAccepted()
    {
        return this == OK || this == GAP || this == RESTART;
    }

    /**
     * @return the counter this outcome increments besides {@link FrameCounter#ACCEPTED}, or null for {@link #OK}.
     */
    public FrameCounter counter()
    {
        return counter;
    }
}
