package io.qecnode.node.decode;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * The messages between the hot thread and a worker, in Agrona one-to-one ring buffers over preallocated direct
 * buffers: a round (index, shed flag, fired detectors), the end of a block, a block abandoned; and back, a block's
 * result.
 */
final class DecodeMessages
{
    /** A round: int round, int shed (1: the block this round 0 starts is shed), int count, then count ints. */
    static final int ROUND = 1;
    /** The block in hand ended: decode what is left and send its result. */
    static final int FINISH = 2;
    /** The block in hand will not be finished: forget it. */
    static final int ABANDON = 3;
    /** A block's result: see the offsets below. */
    static final int RESULT = 4;

    static final int ROUND_INDEX_OFFSET = 0;
    static final int SHED_OFFSET = BitUtil.SIZE_OF_INT;
    static final int COUNT_OFFSET = 2 * BitUtil.SIZE_OF_INT;
    static final int FIRED_OFFSET = 3 * BitUtil.SIZE_OF_INT;

    static final int FLIPS_OFFSET = 0;
    static final int DECODE_NS_OFFSET = BitUtil.SIZE_OF_LONG;
    static final int LAST_WINDOW_NS_OFFSET = 2 * BitUtil.SIZE_OF_LONG;
    static final int FALLBACK_OFFSET = 3 * BitUtil.SIZE_OF_LONG;
    static final int RESULT_LENGTH = FALLBACK_OFFSET + BitUtil.SIZE_OF_INT;

    private DecodeMessages()
    {
    }

    /**
     * @param bytes data capacity, a power of two.
     * @return a direct buffer for a ring of that capacity, its trailer included.
     */
    static UnsafeBuffer ringBuffer(final int bytes)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(bytes + RingBufferDescriptor.TRAILER_LENGTH));
    }

    /**
     * @param detectors most detectors of a round.
     * @return bytes of the longest round message.
     */
    static int roundLength(final int detectors)
    {
        return FIRED_OFFSET + detectors * BitUtil.SIZE_OF_INT;
    }
}
