package io.qecnode.io.frame;

import io.qecnode.io.codec.LogicalStateEncoder;
import io.qecnode.io.codec.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code LogicalState} frames through reused generated encoders, checksum included, without allocation.
 * <p>
 * A version 2 frame, offsets from the start of the frame, little-endian, 88 bytes. The first 57 bytes are the whole
 * version 1 frame (block length 49), which is what a version 1 reader sees: it skips the rest through the header's
 * block length. The checksum stays where version 1 put it and covers the appended fields too.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       blockLength = 80        |        templateId = 2         |  0  message header
 *  +-------------------------------+-------------------------------+
 *  |       schemaId = 20803        |          version = 2          |  4
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
 *  +---------------+---------------+-------------------------------+
 *  |     flags     |  chainFlags   |           hopCount            | 56  flags: LogicalStateFlags; version 2 from
 *  +---------------+---------------+-------------------------------+     chainFlags on, chainFlags: ChainFlags
 *  |                          sourceNode                           | 60
 *  +---------------------------------------------------------------+
 *  |                             epoch                            ...64
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                        destinationNode                        | 72
 *  +---------------------------------------------------------------+
 *  |                            pathId                             | 76
 *  +---------------------------------------------------------------+
 *  |                        chainCorrection                       ...80  bit 0 X, bit 1 Z
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * A state written without a chain ({@link #encode(MutableDirectBuffer, int, long, long, long, long, long, long, long,
 * int)}) carries the same chain values a version 2 reader reports for a version 1 frame: {@link #NO_EPOCH},
 * {@link #NO_NODE}, {@link #NO_PATH}, hop count 0, correction 0, no chain flags. Zero cannot stand for "none":
 * node 0 and epoch 0 exist.
 */
public final class LogicalStateWriter
{
    /**
     * Length in bytes of the frames this writer writes, version 2.
     */
    public static final int FRAME_LENGTH = Frames.HEADER_LENGTH + LogicalStateEncoder.BLOCK_LENGTH;

    /**
     * Length in bytes of a version 1 frame: its root block ends with {@code flags}.
     */
    public static final int V1_FRAME_LENGTH =
        Frames.HEADER_LENGTH + LogicalStateEncoder.flagsEncodingOffset() + LogicalStateEncoder.flagsEncodingLength();

    /**
     * Epoch of a state that is not on a chain: the {@code uint64} null value, all ones.
     */
    public static final long NO_EPOCH = LogicalStateEncoder.epochNullValue();

    /**
     * Source or destination node of a state that is not on a chain: the {@code uint32} null value.
     */
    public static final long NO_NODE = LogicalStateEncoder.sourceNodeNullValue();

    /**
     * Path of a state that is not on a chain: the {@code uint32} null value.
     */
    public static final long NO_PATH = LogicalStateEncoder.pathIdNullValue();

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LogicalStateEncoder encoder = new LogicalStateEncoder();

    /**
     * Encode the logical state of one block that is not on a chain, checksum included; the chain fields read as
     * none (see the class comment).
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
        return encode(buffer, offset, nodeId, logicalQubit, blockSequence, frameBits, roundsDecoded,
            originTimestampNs, decodeTimeNs, flags, NO_EPOCH, NO_NODE, NO_NODE, 0, NO_PATH, 0L, 0);
    }

    /**
     * Encode the logical state of one block as one hop of a repeater chain, checksum included.
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
     * @param epoch             epoch of the chain whose swaps the correction accumulates.
     * @param sourceNode        node sending this hop ({@code uint32}).
     * @param destinationNode   node this hop is addressed to ({@code uint32}).
     * @param hopCount          link of the chain this hop crosses, 1 from the first node ({@code uint16}).
     * @param pathId            end-to-end path the correction is for ({@code uint32}).
     * @param chainCorrection   Pauli correction accumulated along the chain this epoch, as {@code frameBits}.
     * @param chainFlags        {@link ChainFlags} bits; bits outside {@link ChainFlags#ALL} are dropped.
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
        final int flags,
        final long epoch,
        final long sourceNode,
        final long destinationNode,
        final int hopCount,
        final long pathId,
        final long chainCorrection,
        final int chainFlags)
    {
        final LogicalStateEncoder encoder = this.encoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .nodeId(nodeId)
            .logicalQubit(logicalQubit)
            .blockSequence(blockSequence)
            .frameBits(frameBits)
            .originTimestampNs(originTimestampNs)
            .decodeTimeNs(decodeTimeNs)
            .roundsDecoded(roundsDecoded)
            .hopCount(hopCount)
            .sourceNode(sourceNode)
            .epoch(epoch)
            .destinationNode(destinationNode)
            .pathId(pathId)
            .chainCorrection(chainCorrection);
        encoder.flags()
            .clear()
            .fallback((flags & LogicalStateFlags.FALLBACK) != 0)
            .incomplete((flags & LogicalStateFlags.INCOMPLETE) != 0)
            .cleanBlock((flags & LogicalStateFlags.CLEAN_BLOCK) != 0);
        encoder.chainFlags()
            .clear()
            .epochIncomplete((chainFlags & ChainFlags.EPOCH_INCOMPLETE) != 0)
            .epochFailed((chainFlags & ChainFlags.EPOCH_FAILED) != 0);

        final int checksum = FrameChecksum.compute(buffer, offset, FRAME_LENGTH, offset + Frames.STATE_CHECKSUM_OFFSET);
        encoder.checksum(checksum & 0xFFFF_FFFFL);

        return FRAME_LENGTH;
    }
}
