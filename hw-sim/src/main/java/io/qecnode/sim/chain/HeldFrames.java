package io.qecnode.sim.chain;

import io.qecnode.io.transport.FrameSender;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Frames of one stream held back by a delay fault, first in first out, each with the time it may go. A frame that
 * is not delayed itself still waits behind held ones, so a delay never reorders a stream: the stream trails, as late
 * hardware would, and catches up back to back.
 * <p>
 * <b>Note:</b> fixed capacity, preallocated; allocation-free. One thread.
 */
final class HeldFrames
{
    private final int capacity;
    private final int slotLength;
    private final UnsafeBuffer frames;
    private final int[] lengths;
    private final long[] releaseNs;
    private long head;
    private long tail;

    /**
     * @param capacity       most frames held at once.
     * @param maxFrameLength longest frame of the stream.
     */
    HeldFrames(final int capacity, final int maxFrameLength)
    {
        this.capacity = capacity;
        this.slotLength = maxFrameLength;
        this.frames = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * maxFrameLength));
        this.lengths = new int[capacity];
        this.releaseNs = new long[capacity];
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    boolean isFull()
    {
        return tail - head == capacity;
    }

    /**
     * Hold a copy of a frame; the caller checks {@link #isFull()} first.
     *
     * @param buffer    holds the frame.
     * @param offset    where it starts.
     * @param length    its length, at most the stream's longest.
     * @param releaseAt the time it may go, on the agent's clock.
     */
    void hold(final DirectBuffer buffer, final int offset, final int length, final long releaseAt)
    {
        final int slot = (int)(tail % capacity);
        frames.putBytes(slot * slotLength, buffer, offset, length);
        lengths[slot] = length;
        releaseNs[slot] = releaseAt;
        tail++;
    }

    /**
     * Send the frames at the head whose time has come, in order.
     *
     * @param nowNs  the current time.
     * @param sender where they go.
     * @return frames released.
     */
    int release(final long nowNs, final FrameSender sender)
    {
        return drain(nowNs, false, sender);
    }

    /**
     * Send every frame held, due or not, for a simulator that is closing.
     *
     * @param sender where they go.
     * @return frames released.
     */
    int flush(final FrameSender sender)
    {
        return drain(0, true, sender);
    }

    /** @return frames held now. */
    int size()
    {
        return (int)(tail - head);
    }

    private int drain(final long nowNs, final boolean all, final FrameSender sender)
    {
        final long first = head;
        while (head != tail)
        {
            final int slot = (int)(head % capacity);
            if (!all && releaseNs[slot] - nowNs > 0)
            {
                break;
            }
            // The sender counts a refusal; the frame is gone either way, as on the bus.
            sender.send(frames, slot * slotLength, lengths[slot]);
            head++;
        }
        return (int)(head - first);
    }
}
