package io.qecnode.sim.chain;

import io.qecnode.io.transport.FrameSender;
import org.agrona.DirectBuffer;

/**
 * One hardware stream of a node (a patch's rounds, or a repeater's Bell measurements) on its way to its sender: the
 * epoch's fault, if any, applied to each frame, frames held by a delay, and counts of what happened to every frame.
 * <p>
 * <b>Note:</b> one thread; allocation-free.
 */
final class HardwareStream implements FrameSender
{
    private final FrameSender sender;
    private final HeldFrames held;
    private long faultNs;
    private long sent;
    private long refused;
    private long dropped;
    private long delayed;

    /**
     * @param sender         where the stream's frames go.
     * @param heldCapacity   most frames a delay holds back at once.
     * @param maxFrameLength longest frame of the stream.
     */
    HardwareStream(final FrameSender sender, final int heldCapacity, final int maxFrameLength)
    {
        this.sender = sender;
        this.held = new HeldFrames(heldCapacity, maxFrameLength);
    }

    /**
     * @param faultNs the fault of the frames that follow: 0 for none, {@link ChainFaultPlan#DROP}, or a delay.
     */
    void fault(final long faultNs)
    {
        this.faultNs = faultNs;
    }

    /**
     * Hand a frame on, as the current fault says: now, after its delay, or never.
     *
     * @param buffer holds the frame.
     * @param offset where it starts.
     * @param length its length.
     * @param slotNs its schedule slot, the time a delay counts from.
     */
    void offer(final DirectBuffer buffer, final int offset, final int length, final long slotNs)
    {
        final long faultNs = this.faultNs;
        if (faultNs == ChainFaultPlan.DROP)
        {
            dropped++;
        }
        else if (faultNs > 0)
        {
            delayed++;
            held.hold(buffer, offset, length, slotNs + faultNs);
        }
        else if (!held.isEmpty())
        {
            held.hold(buffer, offset, length, slotNs);
        }
        else
        {
            send(buffer, offset, length);
        }
    }

    /**
     * @param nowNs the current time.
     * @return frames released from the hold.
     */
    int release(final long nowNs)
    {
        return held.isEmpty() ? 0 : held.release(nowNs, this);
    }

    /** Send whatever is still held, due or not. */
    void flush()
    {
        held.flush(this);
    }

    /** @return true when the next frame could not be held: the stream must wait. */
    boolean isBlocked()
    {
        return held.isFull();
    }

    /** @return true when nothing is held back. */
    boolean isIdle()
    {
        return held.isEmpty();
    }

    /** Counts the frame's fate; used for frames sent now and frames released from the hold. */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean ok = sender.send(buffer, offset, length);
        if (ok)
        {
            sent++;
        }
        else
        {
            refused++;
        }
        return ok;
    }

    long sent()
    {
        return sent;
    }

    long refused()
    {
        return refused;
    }

    long dropped()
    {
        return dropped;
    }

    long delayed()
    {
        return delayed;
    }
}
