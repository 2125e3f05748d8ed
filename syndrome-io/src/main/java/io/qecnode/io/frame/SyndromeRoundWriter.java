package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.codec.MessageHeaderEncoder;
import io.qecnode.io.codec.SyndromeRoundEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Encodes {@code SyndromeRound} frames through reused generated encoders, checksum included, without allocation.
 * <p>
 * A version 1 frame, offsets from the start of the frame, little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       blockLength = 44        |        templateId = 1         |  0  message header
 *  +-------------------------------+-------------------------------+
 *  |       schemaId = 20803        |          version = 1          |  4
 *  +-------------------------------+-------------------------------+
 *  |                          sourceNode                           |  8  root block
 *  +---------------------------------------------------------------+
 *  |                         logicalQubit                          | 12
 *  +---------------------------------------------------------------+
 *  |                           sequence                           ...16
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                          blockIndex                          ...24
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                        emitTimestampNs                       ...32
 * ...                                                              |
 *  +-------------------------------+-------------------------------+
 *  |          roundIndex           |           distance            | 40
 *  +-------------------------------+---------------+---------------+
 *  |         detectorCount         |     flags     |     basis     | 44
 *  +-------------------------------+---------------+---------------+
 *  |                           checksum                            | 48
 *  +-------------------------------+-------------------------------+
 *  |   detector byte count = n     |     detector bits, n bytes   ...52  var data
 *  +-------------------------------+                               |
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The frame is {@code 54 + n} bytes; the detector bits are laid out as {@link DetectorBits} shows.
 */
public final class SyndromeRoundWriter
{
    /**
     * Most detector bits a round can carry: {@code detectorCount} is a {@code uint16}.
     */
    public static final int MAX_DETECTOR_COUNT = 0xFFFF;

    /** Offset of the detector bits from the start of a frame. */
    public static final int DETECTORS_OFFSET = Frames.ROUND_DATA_OFFSET;

    /** Offset of the checksum from the start of a frame. */
    public static final int CHECKSUM_OFFSET = Frames.ROUND_CHECKSUM_OFFSET;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SyndromeRoundEncoder encoder = new SyndromeRoundEncoder();

    /**
     * Length in bytes of a version 1 frame carrying {@code detectorCount} detector bits.
     *
     * @param detectorCount number of detector bits in the round.
     * @return the frame length, header and var data included.
     */
    public static int frameLength(final int detectorCount)
    {
        return Frames.ROUND_DATA_OFFSET + DetectorBits.byteLength(detectorCount);
    }

    /**
     * Encode one round, checksum included.
     *
     * @param buffer          to write the frame into; needs {@link #frameLength(int)} bytes from {@code offset}.
     * @param offset          at which the frame begins.
     * @param sourceNode      node whose hardware produced the round ({@code uint32}).
     * @param logicalQubit    logical qubit the round measures ({@code uint32}).
     * @param sequence        per source, +1 per frame.
     * @param blockIndex      logical block the round belongs to.
     * @param roundIndex      round within the block ({@code uint16}).
     * @param endOfBlock      true for the last round of its block.
     * @param distance        code distance ({@code uint16}).
     * @param basis           stabilizer type measured.
     * @param emitTimestampNs hardware emit time.
     * @param detectorWords   detector bits, detector {@code k} in bit {@code k % 64} of word {@code k / 64}; bits at or
     *                        above {@code detectorCount} are ignored.
     * @param detectorCount   number of detector bits, 0 to {@link #MAX_DETECTOR_COUNT}.
     * @return the frame length in bytes.
     * @throws IllegalArgumentException if {@code detectorCount} is out of range.
     */
    public int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceNode,
        final long logicalQubit,
        final long sequence,
        final long blockIndex,
        final int roundIndex,
        final boolean endOfBlock,
        final int distance,
        final Basis basis,
        final long emitTimestampNs,
        final long[] detectorWords,
        final int detectorCount)
    {
        if (detectorCount < 0 || detectorCount > MAX_DETECTOR_COUNT)
        {
            throw new IllegalArgumentException(
                "detectorCount out of range: detectorCount=" + detectorCount + ", max=" + MAX_DETECTOR_COUNT);
        }

        final SyndromeRoundEncoder encoder = this.encoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sourceNode(sourceNode)
            .logicalQubit(logicalQubit)
            .sequence(sequence)
            .blockIndex(blockIndex)
            .emitTimestampNs(emitTimestampNs)
            .roundIndex(roundIndex)
            .distance(distance)
            .detectorCount(detectorCount)
            .basis(basis);
        encoder.flags().clear().endOfBlock(endOfBlock);

        // The generated putDetectors copies from a buffer; packing straight into the frame avoids a staging copy.
        final int byteLength = DetectorBits.byteLength(detectorCount);
        final int lengthFieldOffset = encoder.limit();
        buffer.putShort(lengthFieldOffset, (short)byteLength, ByteOrder.LITTLE_ENDIAN);
        DetectorBits.pack(detectorWords, detectorCount, buffer, lengthFieldOffset + Frames.VAR_LENGTH_FIELD_LENGTH);
        final int frameLength = lengthFieldOffset + Frames.VAR_LENGTH_FIELD_LENGTH + byteLength - offset;
        encoder.limit(offset + frameLength);

        final int checksum = FrameChecksum.compute(buffer, offset, frameLength, offset + Frames.ROUND_CHECKSUM_OFFSET);
        encoder.checksum(checksum & 0xFFFF_FFFFL);

        return frameLength;
    }
}
