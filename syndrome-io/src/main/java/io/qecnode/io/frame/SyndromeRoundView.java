package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.codec.MessageHeaderDecoder;
import io.qecnode.io.codec.SyndromeRoundDecoder;
import org.agrona.DirectBuffer;

/**
 * Reusable read-only view of a {@code SyndromeRound} frame: wraps the frame where it lies, through the generated
 * decoders, and reads fields and detector bits without copying the frame or allocating.
 * <p>
 * <b>Note:</b> the view trusts the frame. Wrap only frames that {@link FrameValidator} accepted (or that this process
 * wrote): on other bytes it may read garbage, throw on an unknown basis, or read out of bounds. The frame layout is
 * drawn in {@link SyndromeRoundWriter}.
 */
public final class SyndromeRoundView
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SyndromeRoundDecoder decoder = new SyndromeRoundDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int dataOffset;
    private int frameLength;

    /**
     * Wrap a frame; the header's block length and version are honoured, so longer root blocks of later versions are
     * skipped.
     *
     * @param buffer containing the frame.
     * @param offset at which the frame (its message header) begins.
     * @return this view.
     */
    public SyndromeRoundView wrap(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder headerDecoder = this.headerDecoder;
        headerDecoder.wrap(buffer, offset);
        decoder.wrap(buffer, offset + Frames.HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        this.buffer = buffer;
        this.offset = offset;
        dataOffset = decoder.limit() + SyndromeRoundDecoder.detectorsHeaderLength();
        frameLength = dataOffset + decoder.detectorsLength() - offset;

        return this;
    }

    /**
     * @return length of the wrapped frame in bytes, as its header and var data length declare.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * @return node whose hardware produced the round.
     */
    public long sourceNode()
    {
        return decoder.sourceNode();
    }

    /**
     * @return logical qubit the round measures.
     */
    public long logicalQubit()
    {
        return decoder.logicalQubit();
    }

    /**
     * @return per-source frame sequence number.
     */
    public long sequence()
    {
        return decoder.sequence();
    }

    /**
     * @return logical block the round belongs to.
     */
    public long blockIndex()
    {
        return decoder.blockIndex();
    }

    /**
     * @return round within its block, from 0.
     */
    public int roundIndex()
    {
        return decoder.roundIndex();
    }

    /**
     * @return true if this is the last round of its block.
     */
    public boolean endOfBlock()
    {
        return decoder.flags().endOfBlock();
    }

    /**
     * @return code distance.
     */
    public int distance()
    {
        return decoder.distance();
    }

    /**
     * @return stabilizer type measured; throws on a value outside the schema, which validated frames never carry.
     */
    public Basis basis()
    {
        return decoder.basis();
    }

    /**
     * @return hardware emit time, ns.
     */
    public long emitTimestampNs()
    {
        return decoder.emitTimestampNs();
    }

    /**
     * @return number of detector bits in the round.
     */
    public int detectorCount()
    {
        return decoder.detectorCount();
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
            FrameChecksum.compute(buffer, offset, frameLength, offset + Frames.ROUND_CHECKSUM_OFFSET);
    }

    /**
     * Read one detector bit.
     *
     * @param index of the detector, less than {@link #detectorCount()}.
     * @return true if the detector fired.
     */
    public boolean detector(final int index)
    {
        return DetectorBits.isSet(buffer, dataOffset, index);
    }

    /**
     * Copy the detector bits into words, detector {@code k} into bit {@code k % 64} of word {@code k / 64}.
     *
     * @param words to fill, at least {@code ceil(detectorCount() / 64)} long; bits above the count are zero.
     * @return number of words filled.
     */
    public int copyDetectorsTo(final long[] words)
    {
        return DetectorBits.unpack(buffer, dataOffset, decoder.detectorCount(), words);
    }

    /**
     * List the fired detectors (the defects of the round) in ascending order.
     *
     * @param indices to fill from index 0; {@link #detectorCount()} entries always suffice.
     * @return number of fired detectors, the count of entries filled.
     */
    public int firedDetectors(final int[] indices)
    {
        return DetectorBits.setBitIndices(buffer, dataOffset, decoder.detectorCount(), indices);
    }
}
