package io.qecnode.io.transport;

import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * Polls one subscription and hands each frame to a {@link FrameHandler} in place, from the term buffer, without
 * copying. Frames are far smaller than the MTU, so every frame arrives as one fragment.
 * <p>
 * <b>Note:</b> single reader; allocation-free: the fragment handler is created once.
 */
public final class FrameSubscriber implements FragmentHandler, AutoCloseable
{
    private final Subscription subscription;
    private final FrameHandler handler;

    /**
     * @param subscription where frames come from.
     * @param handler      receives each frame.
     */
    public FrameSubscriber(final Subscription subscription, final FrameHandler handler)
    {
        this.subscription = subscription;
        this.handler = handler;
    }

    /**
     * @param fragmentLimit most frames to hand over in this call.
     * @return frames handed over.
     */
    public int poll(final int fragmentLimit)
    {
        return subscription.poll(this, fragmentLimit);
    }

    /** @return true while at least one publisher is connected. */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        handler.onFrame(buffer, offset, length);
    }

    @Override
    public void close()
    {
        subscription.close();
    }
}
