package io.qecnode.io.frame;

import io.qecnode.io.codec.LogicalStateEncoder;
import io.qecnode.io.codec.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code LogicalState} frames through reused generated encoders, checksum included, without allocation.
 * <p>
 * A version 1 frame, offsets from the start of the frame, little-endian, 57 bytes:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       blockLength = 49        |        templateId = 2         |  0  message header
 *  +-------------------------------+-------------------------------+
 *  |       schemaId = 20803        |          version = 1          |  4
 *  +-------------------------------+-------------------------------+
 *  |                            nodeId                             |  8  root block
 *  +---------------------------------------------------------------+
 *  |                         logicalQubit                          | 12
 *  +---------------------------------------------------------------+
 *  |                         blockSequence                        ...16
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                           frameBits                          ...24  bit 0 logical X, bit 1 logical Z
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                       originTimestampNs                      ...32
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                         decodeTimeNs                         ...40
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                         roundsDecoded                         | 48
 *  +---------------------------------------------------------------+
 *  |                           checksum                            | 52
 *  +---------------+-----------------------------------------------+
 *  |     flags     |                                                 56  bits: see LogicalStateFlags
 *  +---------------+
 * </pre>
 */
public final class LogicalStateWriter
{
    /**
     * Length in bytes of a version 1 frame.
     */
    public static final int FRAME_LENGTH = Frames.HEADER_LENGTH + LogicalStateEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LogicalStateEncoder encoder = new LogicalStateEncoder();

    /**
     * Encode the logical state of one block, checksum included.
     *
     * @param buffer            to write the frame into; needs {@link #FRAME_LENGTH} bytes from {@code offset}.
     * @param offset            at which the frame begins.
     * @param nodeId            node that decoded the block ({@code uint32}).
     * @param logicalQubit      logical qubit the block belongs to ({@code uint32}).
     * @param blockSequence     per node and logical qubit, +1 per block.
     * @param frameBits         the qubit's logical Pauli frame after this block (accumulated over its blocks) as an
     *                          observable mask: bit 0 logical X flip, bit 1 logical Z flip.
     * @param roundsDecoded     rounds that went into the decode ({@code uint32}).
     * @param originTimestampNs emit time of the block's last round.
     * @param decodeTimeNs      time spent decoding the block, summed over its decode windows.
     * @param flags             {@link LogicalStateFlags} bits; bits outside {@link LogicalStateFlags#ALL} are dropped.
     * @return the frame length in bytes.
     */
    public int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long nodeId,
        final long logicalQubit,
        final long blockSequence,
        final long frameBits,
        final long roundsDecoded,
        final long originTimestampNs,
        final long decodeTimeNs,
        final int flags)
    {
        final LogicalStateEncoder encoder = this.encoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .nodeId(nodeId)
            .logicalQubit(logicalQubit)
            .blockSequence(blockSequence)
            .frameBits(frameBits)
            .originTimestampNs(originTimestampNs)
            .decodeTimeNs(decodeTimeNs)
            .roundsDecoded(roundsDecoded);
        encoder.flags()
            .clear()
            .fallback((flags & LogicalStateFlags.FALLBACK) != 0)
            .incomplete((flags & LogicalStateFlags.INCOMPLETE) != 0)
            .cleanBlock((flags & LogicalStateFlags.CLEAN_BLOCK) != 0);

        final int checksum = FrameChecksum.compute(buffer, offset, FRAME_LENGTH, offset + Frames.STATE_CHECKSUM_OFFSET);
        encoder.checksum(checksum & 0xFFFF_FFFFL);

        return FRAME_LENGTH;
    }
}
