package io.qecnode.io.frame;

import io.qecnode.io.codec.BellMeasurementDecoder;
import io.qecnode.io.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Reusable read-only view of a {@code BellMeasurement} frame (layout in {@link BellMeasurementWriter}), without
 * copying or allocating.
 * <p>
 * <b>Note:</b> act on a frame from another process only after {@link #wrapAndVerify} said yes.
 */
public final class BellMeasurementView
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final BellMeasurementDecoder decoder = new BellMeasurementDecoder();

    /**
     * @param buffer containing a frame.
     * @param offset at which the frame's message header begins; at least a header's bytes must follow.
     * @return true if the frame's header names a {@code BellMeasurement} of this schema.
     */
    public static boolean isBellMeasurement(final DirectBuffer buffer, final int offset)
    {
        final int templateId =
            buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER);
        final int schemaId =
            buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER);
        return (templateId & 0xFFFF) == BellMeasurementDecoder.TEMPLATE_ID &&
            (schemaId & 0xFFFF) == BellMeasurementDecoder.SCHEMA_ID;
    }

    /**
     * Wrap a frame as it arrived and check that it is whole: a {@code BellMeasurement} of this schema, of the length
     * its header declares (at least this version's), with a valid checksum.
     *
     * @param buffer containing the frame.
     * @param offset at which the frame begins.
     * @param length of the frame in bytes, as received.
     * @return true if the frame may be read.
     */
    public boolean wrapAndVerify(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < BellMeasurementWriter.FRAME_LENGTH || !isBellMeasurement(buffer, offset))
        {
            return false;
        }
        headerDecoder.wrap(buffer, offset);
        final int blockLength = headerDecoder.blockLength();
        if (length != Frames.HEADER_LENGTH + blockLength)
        {
            return false;
        }
        decoder.wrap(buffer, offset + Frames.HEADER_LENGTH, blockLength, headerDecoder.version());

        return (int)decoder.checksum() ==
            FrameChecksum.compute(buffer, offset, length, offset + Frames.BELL_CHECKSUM_OFFSET);
    }

    /** @return the epoch the measurement ends. */
    public long epoch()
    {
        return decoder.epoch();
    }

    /** @return the hardware's emit time, ns. */
    public long emitTimestampNs()
    {
        return decoder.emitTimestampNs();
    }

    /** @return the node whose hardware measured. */
    public long sourceNode()
    {
        return decoder.sourceNode();
    }

    /** @return logical qubit of the left patch. */
    public long leftQubit()
    {
        return decoder.leftQubit();
    }

    /** @return logical qubit of the right patch. */
    public long rightQubit()
    {
        return decoder.rightQubit();
    }

    /** @return true when XX gave -1. */
    public boolean xx()
    {
        return decoder.parities().xx();
    }

    /** @return true when ZZ gave -1. */
    public boolean zz()
    {
        return decoder.parities().zz();
    }
}
