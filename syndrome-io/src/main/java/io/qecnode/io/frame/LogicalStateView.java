package io.qecnode.io.frame;

import io.qecnode.io.codec.LogicalStateDecoder;
import io.qecnode.io.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Reusable read-only view of a {@code LogicalState} frame: wraps the frame where it lies, through the generated
 * decoders, without copying or allocating.
 * <p>
 * <b>Note:</b> the view trusts the frame's header; check {@link #isChecksumValid()} (and the header, see
 * {@link FrameValidator} for the order) before acting on a frame from another process. The layout is drawn in
 * {@link LogicalStateWriter}.
 */
public final class LogicalStateView
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final LogicalStateDecoder decoder = new LogicalStateDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int frameLength;

    /**
     * Wrap a frame; the header's block length and version are honoured.
     *
     * @param buffer containing the frame.
     * @param offset at which the frame (its message header) begins.
     * @return this view.
     */
    public LogicalStateView wrap(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder headerDecoder = this.headerDecoder;
        headerDecoder.wrap(buffer, offset);
        final int blockLength = headerDecoder.blockLength();
        decoder.wrap(buffer, offset + Frames.HEADER_LENGTH, blockLength, headerDecoder.version());

        this.buffer = buffer;
        this.offset = offset;
        frameLength = Frames.HEADER_LENGTH + blockLength;

        return this;
    }

    /**
     * @return length of the wrapped frame in bytes, as its header declares.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * @return node that decoded the block.
     */
    public long nodeId()
    {
        return decoder.nodeId();
    }

    /**
     * @return logical qubit the block belongs to.
     */
    public long logicalQubit()
    {
        return decoder.logicalQubit();
    }

    /**
     * @return per node and logical qubit block sequence number.
     */
    public long blockSequence()
    {
        return decoder.blockSequence();
    }

    /**
     * @return the qubit's logical Pauli frame after this block, accumulated over its blocks, as an observable mask:
     * bit 0 logical X flip, bit 1 logical Z flip.
     */
    public long frameBits()
    {
        return decoder.frameBits();
    }

    /**
     * @return rounds that went into the decode.
     */
    public long roundsDecoded()
    {
        return decoder.roundsDecoded();
    }

    /**
     * @return emit time of the block's last round, ns.
     */
    public long originTimestampNs()
    {
        return decoder.originTimestampNs();
    }

    /**
     * @return time spent decoding the block, ns, summed over its decode windows (those decoded while its rounds
     * arrived and the final one after the last round).
     */
    public long decodeTimeNs()
    {
        return decoder.decodeTimeNs();
    }

    /**
     * @return the raw {@link LogicalStateFlags} bits, reserved bits included.
     */
    public int flags()
    {
        return decoder.flags().getRaw();
    }

    /**
     * @return true if the block was decoded by the bounded fallback decoder.
     */
    public boolean fallback()
    {
        return decoder.flags().fallback();
    }

    /**
     * @return true if rounds of the block were missing when it was decoded.
     */
    public boolean incomplete()
    {
        return decoder.flags().incomplete();
    }

    /**
     * @return true if no detector fired in any round of the block.
     */
    public boolean cleanBlock()
    {
        return decoder.flags().cleanBlock();
    }

    /**
     * @return the checksum the frame carries, CRC32C bits in an int.
     */
    public int checksum()
    {
        return (int)decoder.checksum();
    }

    /**
     * Recompute the checksum over the wrapped frame and compare it with the one carried.
     *
     * @return true if they match.
     */
    public boolean isChecksumValid()
    {
        return checksum() ==
            FrameChecksum.compute(buffer, offset, frameLength, offset + Frames.STATE_CHECKSUM_OFFSET);
    }
}
