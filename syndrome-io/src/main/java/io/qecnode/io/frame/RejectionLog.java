package io.qecnode.io.frame;

/**
 * Told about the first frame of each kind that was not a plain {@link FrameCheck#OK}: every rejection, and the first
 * gap and restart. Each kind is reported at most once per validator, so this is a cold path and may allocate; the
 * counters carry the totals.
 * <p>
 * <b>Note:</b> called on the validating thread: it must not block for long, and it must not throw.
 */
@FunctionalInterface
public interface RejectionLog
{
    /**
     * A log that drops every report.
     */
    RejectionLog NO_OP = (check, sequence, detail) -> {};

    /**
     * The first frame of a kind was seen.
     *
     * @param check    the outcome.
     * @param sequence the frame's sequence number, or {@link FrameValidator#UNKNOWN_SEQUENCE} if the frame failed
     *                 before its fields were readable.
     * @param detail   key=value facts about the fault, e.g. {@code "sourceNode=3, distance=5, expected=7"}.
     */
    void onFirst(FrameCheck check, long sequence, String detail);
}
