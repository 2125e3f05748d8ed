package io.qecnode.node.pipeline;

import io.qecnode.io.frame.FrameChecksum;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * States as a node built before schema version 2 sends them. Version 2 only appended fields, so a version 1 frame is
 * the first {@link LogicalStateWriter#V1_FRAME_LENGTH} bytes of a version 2 one with the header saying so and the
 * checksum taken over those bytes alone (syndrome-io's LogicalStateVersionTest checks this against the real version 1
 * codecs).
 */
public final class VersionOneStates
{
    private static final int HEADER_LENGTH = 8;
    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int VERSION_OFFSET = 6;
    private static final int CHECKSUM_OFFSET = 52;

    private VersionOneStates()
    {
    }

    /**
     * Turn the version 2 state at {@code offset} into the version 1 state a version 1 node would have sent.
     *
     * @param buffer holding a state written by {@link LogicalStateWriter}.
     * @param offset at which it begins.
     * @return the version 1 frame length.
     */
    public static int downgrade(final MutableDirectBuffer buffer, final int offset)
    {
        final int length = LogicalStateWriter.V1_FRAME_LENGTH;
        buffer.putShort(offset + BLOCK_LENGTH_OFFSET, (short)(length - HEADER_LENGTH), ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + VERSION_OFFSET, (short)1, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + CHECKSUM_OFFSET,
            FrameChecksum.compute(buffer, offset, length, offset + CHECKSUM_OFFSET), ByteOrder.LITTLE_ENDIAN);

        return length;
    }
}
