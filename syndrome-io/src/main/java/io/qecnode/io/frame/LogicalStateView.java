package io.qecnode.io.frame;

import io.qecnode.io.codec.LogicalStateDecoder;
import io.qecnode.io.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Reusable read-only view of a {@code LogicalState} frame: wraps the frame where it lies, through the generated
 * decoders, without copying or allocating.
 * <p>
 * Reads frames of version 1 and 2: the chain fields of version 2 read as none for a version 1 frame
 * ({@link LogicalStateWriter#NO_EPOCH}, {@link LogicalStateWriter#NO_NODE}, {@link LogicalStateWriter#NO_PATH}, hop
 * count 0, correction 0, no chain flags), the values a version 2 frame written without a chain carries.
 * <p>
 * <b>Note:</b> {@link #wrap(DirectBuffer, int)} trusts the frame's header; a frame from another process goes through
 * {@link #wrapAndVerify(DirectBuffer, int, int)} before anything acts on it. The layout is drawn in
 * {@link LogicalStateWriter}.
 */
public final class LogicalStateView
{
    private static final int CHAIN_VERSION = 2;

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
     * Wrap a frame as it arrived and check that it is whole: long enough for the version its header declares
     * ({@link LogicalStateWriter#V1_FRAME_LENGTH} for version 1, {@link LogicalStateWriter#FRAME_LENGTH} from version
     * 2 on), exactly as long as its header declares, and with a valid checksum. Later versions, longer, pass too.
     *
     * @param buffer containing the frame.
     * @param offset at which the frame (its message header) begins.
     * @param length of the frame in bytes, as received.
     * @return true if the frame may be read; the view is left wrapped either way when long enough for a header.
     */
    public boolean wrapAndVerify(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < LogicalStateWriter.V1_FRAME_LENGTH)
        {
            return false;
        }
        wrap(buffer, offset);
        final int required = hasChainFields() ? LogicalStateWriter.FRAME_LENGTH : LogicalStateWriter.V1_FRAME_LENGTH;

        return length == frameLength && length >= required && isChecksumValid();
    }

    /**
     * @return schema version of the wrapped frame, as its header declares.
     */
    public int version()
    {
        return decoder.actingVersion();
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
     * @return true if the frame carries the chain fields (version 2 or later), false for a version 1 frame.
     */
    public boolean hasChainFields()
    {
        return decoder.actingVersion() >= CHAIN_VERSION;
    }

    /**
     * @return epoch of the chain whose swaps the correction accumulates, {@link LogicalStateWriter#NO_EPOCH} if none.
     */
    public long epoch()
    {
        return hasChainFields() ? decoder.epoch() : LogicalStateWriter.NO_EPOCH;
    }

    /**
     * @return node that sent this hop, {@link LogicalStateWriter#NO_NODE} if none.
     */
    public long sourceNode()
    {
        return hasChainFields() ? decoder.sourceNode() : LogicalStateWriter.NO_NODE;
    }

    /**
     * @return node this hop is addressed to, {@link LogicalStateWriter#NO_NODE} if none.
     */
    public long destinationNode()
    {
        return hasChainFields() ? decoder.destinationNode() : LogicalStateWriter.NO_NODE;
    }

    /**
     * @return link of the chain this hop crosses, 1 from the first node; 0 off a chain.
     */
    public int hopCount()
    {
        return hasChainFields() ? decoder.hopCount() : 0;
    }

    /**
     * @return end-to-end path the correction is for, {@link LogicalStateWriter#NO_PATH} if none.
     */
    public long pathId()
    {
        return hasChainFields() ? decoder.pathId() : LogicalStateWriter.NO_PATH;
    }

    /**
     * @return Pauli correction accumulated along the chain this epoch, as an observable mask: bit 0 X, bit 1 Z; 0
     * off a chain.
     */
    public long chainCorrection()
    {
        return hasChainFields() ? decoder.chainCorrection() : 0L;
    }

    /**
     * @return the raw {@link ChainFlags} bits, reserved bits included; 0 off a chain.
     */
    public int chainFlags()
    {
        return hasChainFields() ? decoder.chainFlags().getRaw() : 0;
    }

    /**
     * @return true if a neighbour stayed silent past its deadline, so the correction misses its swaps.
     */
    public boolean epochIncomplete()
    {
        return (chainFlags() & ChainFlags.EPOCH_INCOMPLETE) != 0;
    }

    /**
     * @return true if a node of the chain could not finish the epoch.
     */
    public boolean epochFailed()
    {
        return (chainFlags() & ChainFlags.EPOCH_FAILED) != 0;
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
