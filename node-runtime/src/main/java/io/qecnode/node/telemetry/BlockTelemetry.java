package io.qecnode.node.telemetry;

import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;

/**
 * The hand-off of per-block telemetry from the hot thread to a cold one: a bounded single-producer,
 * single-consumer ring (Agrona's {@link OneToOneRingBuffer}). The hot thread claims a slot, writes the block's
 * figures in place and commits; when the ring is full the event is counted as an overflow and dropped, never waited
 * for.
 * <pre>
 *   0               8               16              24              32      36
 *   +---------------+---------------+---------------+---------------+-------+
 *   | block         | reaction ns   | decode ns     | last window ns| flags |
 *   +---------------+---------------+---------------+---------------+-------+
 * </pre>
 * <b>Note:</b> one producer thread and one consumer thread; allocation-free on both sides.
 */
public final class BlockTelemetry
{
    /** Receives each block's figures on the consumer's thread. */
    @FunctionalInterface
    public interface BlockHandler
    {
        /**
         * @param block      the block.
         * @param reactionNs last round in to state offered.
         * @param decodeNs     the block's decode, summed over its windows.
         * @param lastWindowNs the decode after the block's last round arrived (its final window).
         * @param flags        the state's flags.
         */
        void onBlock(long block, long reactionNs, long decodeNs, long lastWindowNs, int flags);
    }

    private static final int MESSAGE_TYPE = 1;
    private static final int BLOCK_OFFSET = 0;
    private static final int REACTION_OFFSET = 8;
    private static final int DECODE_OFFSET = 16;
    private static final int LAST_WINDOW_OFFSET = 24;
    private static final int FLAGS_OFFSET = 32;
    private static final int RECORD_LENGTH = 36;

    private final OneToOneRingBuffer ring;
    private final AtomicCounter overflow;
    private BlockHandler handler;
    private final org.agrona.concurrent.MessageHandler reader = this::onMessage;

    /**
     * @param capacityBytes ring capacity in bytes, a power of two (records take 48 bytes with their header and alignment).
     * @param overflow      counts events dropped because the ring was full.
     */
    public BlockTelemetry(final int capacityBytes, final AtomicCounter overflow)
    {
        if (!BitUtil.isPowerOfTwo(capacityBytes))
        {
            throw new IllegalArgumentException("capacity must be a power of two: capacityBytes=" + capacityBytes);
        }
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.overflow = overflow;
    }

    /**
     * Producer side: hand over one block's figures.
     *
     * @param block        the block.
     * @param reactionNs   last round in to state offered.
     * @param decodeNs     the block's decode, summed over its windows.
     * @param lastWindowNs the decode after the block's last round arrived.
     * @param flags        the state's flags.
     * @return true if the event went in; false if the ring was full and the event was counted as an overflow.
     */
    public boolean offer(
        final long block, final long reactionNs, final long decodeNs, final long lastWindowNs, final int flags)
    {
        final int index = ring.tryClaim(MESSAGE_TYPE, RECORD_LENGTH);
        if (index <= 0)
        {
            overflow.incrementOrdered();
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + BLOCK_OFFSET, block);
        buffer.putLong(index + REACTION_OFFSET, reactionNs);
        buffer.putLong(index + DECODE_OFFSET, decodeNs);
        buffer.putLong(index + LAST_WINDOW_OFFSET, lastWindowNs);
        buffer.putInt(index + FLAGS_OFFSET, flags);
        ring.commit(index);
        return true;
    }

    /**
     * Consumer side: hand the waiting events to a handler.
     *
     * @param handler receives each event.
     * @param limit   most events to hand over.
     * @return events handed over.
     */
    public int drain(final BlockHandler handler, final int limit)
    {
        this.handler = handler;
        return ring.read(reader, limit);
    }

    /** @return events dropped because the ring was full. */
    public long overflows()
    {
        return overflow.get();
    }

    private void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        handler.onBlock(buffer.getLong(index + BLOCK_OFFSET), buffer.getLong(index + REACTION_OFFSET),
            buffer.getLong(index + DECODE_OFFSET), buffer.getLong(index + LAST_WINDOW_OFFSET),
            buffer.getInt(index + FLAGS_OFFSET));
    }
}
