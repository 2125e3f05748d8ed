package io.qecnode.io.frame;

import io.qecnode.io.codec.BellMeasurementEncoder;
import io.qecnode.io.codec.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code BellMeasurement} frames, a repeater hardware's raw XX and ZZ parities of one epoch, through reused
 * generated encoders, checksum included, without allocation. 41 bytes, little endian:
 * <pre>
 *   offset  size  field
 *        0     8  message header (blockLength 33, templateId 4, schemaId 20803, version)
 *        8     8  epoch
 *       16     8  emitTimestampNs
 *       24     4  sourceNode
 *       28     4  leftQubit
 *       32     4  rightQubit
 *       36     4  checksum, CRC32C of the frame without these four bytes
 *       40     1  parities: bit 0 xx, bit 1 zz (set for -1)
 * </pre>
 */
public final class BellMeasurementWriter
{
    /** Length in bytes of the frames this writer writes. */
    public static final int FRAME_LENGTH = Frames.HEADER_LENGTH + BellMeasurementEncoder.BLOCK_LENGTH;

    /** Template id of the message, to tell it from a {@code SyndromeRound} on the same stream. */
    public static final int TEMPLATE_ID = BellMeasurementEncoder.TEMPLATE_ID;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BellMeasurementEncoder encoder = new BellMeasurementEncoder();

    /**
     * @param buffer          to write the frame into; needs {@link #FRAME_LENGTH} bytes from {@code offset}.
     * @param offset          at which the frame begins.
     * @param sourceNode      node whose hardware measured ({@code uint32}).
     * @param leftQubit       logical qubit of the left patch ({@code uint32}).
     * @param rightQubit      logical qubit of the right patch ({@code uint32}).
     * @param epoch           epoch the measurement ends.
     * @param emitTimestampNs hardware emit time.
     * @param xx              true when XX gave -1.
     * @param zz              true when ZZ gave -1.
     * @return the frame length in bytes.
     */
    public int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceNode,
        final long leftQubit,
        final long rightQubit,
        final long epoch,
        final long emitTimestampNs,
        final boolean xx,
        final boolean zz)
    {
        final BellMeasurementEncoder encoder = this.encoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .epoch(epoch)
            .emitTimestampNs(emitTimestampNs)
            .sourceNode(sourceNode)
            .leftQubit(leftQubit)
            .rightQubit(rightQubit);
        encoder.parities().clear().xx(xx).zz(zz);
        final int checksum = FrameChecksum.compute(buffer, offset, FRAME_LENGTH, offset + Frames.BELL_CHECKSUM_OFFSET);
        encoder.checksum(checksum & 0xFFFF_FFFFL);

        return FRAME_LENGTH;
    }
}
