package io.qecnode.io.journal;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;

/**
 * The hot thread's side of the journal: a bounded single-producer, single-consumer ring (Agrona's
 * {@link OneToOneRingBuffer}). Each offer claims a slot, copies the record in place and commits; when the ring is full
 * the record is counted as a journal gap and dropped, never waited for, and the next record that fits is preceded by
 * a {@link RecordType#GAP} record with the count. The journal thread drains the ring in order.
 * <p>
 * Ring message type = {@link RecordType#code()}; ring payload = the record's payload as the journal stores it.
 * <p>
 * <b>Note:</b> one producer thread and one consumer thread; allocation-free on both sides.
 */
public final class JournalHandOff
{
    /** Longest stretch of a rejected frame that is kept; rejected frames can be any length. */
    public static final int MAX_REJECTED_BYTES = 1024;

    /** Where a round's or rejected frame's arrival time (int64 ns) sits in its payload. */
    public static final int ARRIVED_OFFSET = 0;
    /** Where a round's frame starts in its payload. */
    public static final int ROUND_FRAME_OFFSET = 8;
    /** Where a rejected frame's reason (the {@code FrameCheck} ordinal, int32) sits in its payload. */
    public static final int REASON_OFFSET = 8;
    /** Where a rejected frame starts in its payload. */
    public static final int REJECTED_FRAME_OFFSET = 12;
    /** Where a checkpoint's last finished block (int64) sits in its payload. */
    public static final int CHECKPOINT_BLOCK_OFFSET = 0;
    /** Where a checkpoint's logical frame bits (int64) sit in its payload. */
    public static final int CHECKPOINT_FRAME_OFFSET = 8;
    static final int CHECKPOINT_LENGTH = 16;

    private final OneToOneRingBuffer ring;
    private final AtomicCounter gaps;
    private long lostSinceLastRecord;

    /**
     * @param capacityBytes ring capacity, a power of two.
     * @param gaps          counts records dropped because the ring was full.
     */
    public JournalHandOff(final int capacityBytes, final AtomicCounter gaps)
    {
        if (!BitUtil.isPowerOfTwo(capacityBytes))
        {
            throw new IllegalArgumentException("capacity must be a power of two: capacityBytes=" + capacityBytes);
        }
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.gaps = gaps;
    }

    /**
     * Hand over an accepted round.
     *
     * @return false if the ring was full and the record was counted as a gap.
     */
    public boolean offerRound(final DirectBuffer frame, final int offset, final int length, final long arrivedNs)
    {
        final int index = claim(RecordType.ROUND, ROUND_FRAME_OFFSET + length);
        if (index < 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + ARRIVED_OFFSET, arrivedNs);
        buffer.putBytes(index + ROUND_FRAME_OFFSET, frame, offset, length);
        ring.commit(index);
        return true;
    }

    /**
     * Hand over a rejected frame with its reason; frames longer than {@link #MAX_REJECTED_BYTES} are cut.
     *
     * @param reason the {@code FrameCheck} ordinal.
     * @return false if the ring was full and the record was counted as a gap.
     */
    public boolean offerRejected(
        final DirectBuffer frame, final int offset, final int length, final int reason, final long arrivedNs)
    {
        final int kept = Math.max(0, Math.min(length, MAX_REJECTED_BYTES));
        final int index = claim(RecordType.REJECTED, REJECTED_FRAME_OFFSET + kept);
        if (index < 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + ARRIVED_OFFSET, arrivedNs);
        buffer.putInt(index + REASON_OFFSET, reason);
        buffer.putBytes(index + REJECTED_FRAME_OFFSET, frame, offset, kept);
        ring.commit(index);
        return true;
    }

    /**
     * Hand over a state offered to the next hop.
     *
     * @return false if the ring was full and the record was counted as a gap.
     */
    public boolean offerState(final DirectBuffer frame, final int offset, final int length)
    {
        final int index = claim(RecordType.STATE, length);
        if (index < 0)
        {
            return false;
        }
        ring.buffer().putBytes(index, frame, offset, length);
        ring.commit(index);
        return true;
    }

    /**
     * Hand over a checkpoint, taken at a block boundary.
     *
     * @param lastBlock last block finished, -1 for none.
     * @param frameBits logical frame bits carried into the next block.
     * @return false if the ring was full and the record was counted as a gap.
     */
    public boolean offerCheckpoint(final long lastBlock, final long frameBits)
    {
        final int index = claim(RecordType.CHECKPOINT, CHECKPOINT_LENGTH);
        if (index < 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + CHECKPOINT_BLOCK_OFFSET, lastBlock);
        buffer.putLong(index + CHECKPOINT_FRAME_OFFSET, frameBits);
        ring.commit(index);
        return true;
    }

    /**
     * Producer side, when the producer stops: hand over the GAP record of a loss no later record has carried yet, so
     * that the journal ends with it rather than leave it to the counter alone.
     *
     * @return false if a loss is still unrecorded because the ring is full.
     */
    public boolean flushGap()
    {
        return lostSinceLastRecord == 0 || recordLoss();
    }

    /**
     * Journal thread's side: hand waiting records to a handler, in order.
     *
     * @param handler receives (type code, buffer, offset, length) of each record's payload.
     * @param limit   most records to hand over.
     * @return records handed over.
     */
    public int drain(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }

    /** @return records dropped so far because the ring was full. */
    public long gaps()
    {
        return gaps.get();
    }

    /** @return bytes waiting in the ring. */
    public int waitingBytes()
    {
        return ring.size();
    }

    // After a loss, the first record that fits is preceded by a GAP record with the count, so the journal marks the
    // loss exactly where it happened.
    private int claim(final RecordType type, final int length)
    {
        if (lostSinceLastRecord > 0 && !recordLoss())
        {
            return lost();
        }
        final int index = ring.tryClaim(type.code(), length);
        return index <= 0 ? lost() : index;
    }

    private boolean recordLoss()
    {
        final int gapIndex = ring.tryClaim(RecordType.GAP.code(), Long.BYTES);
        if (gapIndex <= 0)
        {
            return false;
        }
        ring.buffer().putLong(gapIndex, lostSinceLastRecord);
        ring.commit(gapIndex);
        lostSinceLastRecord = 0;
        return true;
    }

    private int lost()
    {
        gaps.incrementOrdered();
        lostSinceLastRecord++;
        return -1;
    }
}
