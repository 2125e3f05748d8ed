package io.qecnode.io.frame;

import io.qecnode.io.codec.BellMeasurementDecoder;
import io.qecnode.io.codec.LogicalStateDecoder;
import io.qecnode.io.codec.MessageHeaderDecoder;
import io.qecnode.io.codec.SyndromeRoundDecoder;

import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Offsets within frames, from the start of the frame (its message header), derived from the generated codecs so they
 * follow the schema.
 */
final class Frames
{
    /**
     * Length of the message header in front of every frame.
     */
    static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    /**
     * Length of the {@code uint16} byte count in front of var data.
     */
    static final int VAR_LENGTH_FIELD_LENGTH = SIZE_OF_SHORT;

    /**
     * Offset of a {@code SyndromeRound}'s checksum field; a field of version 1, so it stays put in later versions.
     */
    static final int ROUND_CHECKSUM_OFFSET = HEADER_LENGTH + SyndromeRoundDecoder.checksumEncodingOffset();

    /**
     * Offset of the detector bits in a {@code SyndromeRound} whose root block has the version 1 length.
     */
    static final int ROUND_DATA_OFFSET = HEADER_LENGTH + SyndromeRoundDecoder.BLOCK_LENGTH + VAR_LENGTH_FIELD_LENGTH;

    /**
     * Offset of a {@code LogicalState}'s checksum field.
     */
    static final int STATE_CHECKSUM_OFFSET = HEADER_LENGTH + LogicalStateDecoder.checksumEncodingOffset();

    /**
     * Offset of a {@code BellMeasurement}'s checksum field.
     */
    static final int BELL_CHECKSUM_OFFSET = HEADER_LENGTH + BellMeasurementDecoder.checksumEncodingOffset();

    private Frames()
    {
    }
}
