package io.qecnode.io.journal;

/**
 * The kinds of journal record. Records are stored in Chronicle documents, several to a document after a format
 * marker, each as the type's code (int32), the payload's length (int32), the payload and a CRC32C, little-endian (see
 * {@link JournalFormat}). Codes only ever grow; none is reused.
 */
public enum RecordType
{
    /** An accepted {@code SyndromeRound}: arrival time (int64 ns), then the frame as received. */
    ROUND(1),

    /** A rejected frame: arrival time (int64 ns), the {@code FrameCheck} ordinal (int32), then the frame, capped. */
    REJECTED(2),

    /** A {@code LogicalState} the node offered to the next hop: the frame. */
    STATE(3),

    /**
     * A block boundary where the node's state is whole: the last block finished (int64, -1 for none), then the
     * logical frame bits carried into the next block (int64). The decoder window is empty at a block boundary, so
     * this and the rounds after it are all a restart needs.
     */
    CHECKPOINT(4),

    /** Records the hot thread could not hand over because the hand-off was full: their count (int64). */
    GAP(5),

    /** The node's settings when it opened the journal, as text (key=value lines). */
    SETTINGS(6);

    private static final RecordType[] BY_CODE = {null, ROUND, REJECTED, STATE, CHECKPOINT, GAP, SETTINGS};

    private final int code;

    RecordType(final int code)
    {
        this.code = code;
    }

    /** @return the code stored in the journal. */
    public int code()
    {
        return code;
    }

    /**
     * @param code as stored.
     * @return the type, or null for a code this version does not know.
     */
    public static RecordType fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
