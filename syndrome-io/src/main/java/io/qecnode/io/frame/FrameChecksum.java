package io.qecnode.io.frame;

import org.agrona.DirectBuffer;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * The checksum a frame carries: CRC32C over every byte of the frame (message header, root block and var data) except
 * the four bytes of the checksum field itself, so the field can be filled in after the rest is written.
 */
public final class FrameChecksum
{
    /**
     * Length in bytes of a checksum field (a {@code uint32}).
     */
    public static final int CHECKSUM_LENGTH = SIZE_OF_INT;

    private FrameChecksum()
    {
    }

    /**
     * Compute the checksum of a frame.
     *
     * @param buffer         containing the frame.
     * @param frameOffset    at which the frame (its message header) begins.
     * @param frameLength    of the whole frame in bytes.
     * @param checksumOffset at which the checksum field begins, as an offset into the buffer, not into the frame.
     * @return the CRC32C of the frame without its checksum field.
     */
    public static int compute(
        final DirectBuffer buffer, final int frameOffset, final int frameLength, final int checksumOffset)
    {
        final int crcBefore = Crc32c.update(0, buffer, frameOffset, checksumOffset - frameOffset);
        final int afterOffset = checksumOffset + CHECKSUM_LENGTH;

        return Crc32c.update(crcBefore, buffer, afterOffset, frameOffset + frameLength - afterOffset);
    }
}
