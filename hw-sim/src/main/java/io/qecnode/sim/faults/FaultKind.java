package io.qecnode.sim.faults;

import java.util.Locale;

/**
 * What can go wrong on the bus. Frame faults hit one encoded frame each; a frame suffers at most one, so that every
 * fault maps to an exact count at the receiver.
 */
public enum FaultKind
{
    /** The frame is never sent: the receiver sees a sequence gap. */
    DROP,
    /** The frame is sent twice: the receiver rejects the second as a duplicate. */
    DUPLICATE,
    /** The frame is held back and sent after the next one: a gap, then a late frame. */
    REORDER,
    /** One bit of the checksummed payload is flipped: a checksum failure, then a gap. */
    CORRUPT,
    /** The frame loses its last bytes: a short frame, then a gap. */
    TRUNCATE,
    /** The source's sequence numbers start again from 0: a restart. */
    RESTART,
    /** Emission pauses before the frame, then catches up on schedule. */
    STALL,
    /** A run of blocks is sampled with raised error probability, like a cosmic-ray event. */
    BURST;

    /** @return the name used in fault plans. */
    public String planName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true for faults that act on one encoded frame. */
    public boolean isFrameFault()
    {
        return this == DROP || this == DUPLICATE || this == REORDER || this == CORRUPT || this == TRUNCATE;
    }
}
