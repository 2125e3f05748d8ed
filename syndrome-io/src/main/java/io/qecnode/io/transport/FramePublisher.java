package io.qecnode.io.transport;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Sends frames on one publication with a stated back-pressure policy: a frame that fits goes through
 * {@code tryClaim} (one copy, straight into the term buffer); when the log is back-pressured or the driver is busy
 * the send is retried, idling between tries, at most {@code attempts} times; after that, or at once when nothing is
 * connected or the publication is closed, the frame is counted as not sent and {@code send} returns false. The hot
 * thread never spins without bound and never loses a frame without a count.
 * <p>
 * <b>Note:</b> single writer; allocation-free.
 */
public final class FramePublisher implements FrameSender, AutoCloseable
{
    /** Tries per frame unless configured otherwise. */
    public static final int ATTEMPTS_DEFAULT = 100;

    private final ExclusivePublication publication;
    private final BufferClaim claim = new BufferClaim();
    private final IdleStrategy retryIdle;
    private final int attempts;
    private final AtomicCounter sent;
    private final AtomicCounter backPressured;
    private final AtomicCounter notSent;

    /**
     * @param publication   where frames go.
     * @param retryIdle     idles between tries of one frame.
     * @param attempts      tries per frame, at least 1.
     * @param sent          counts frames sent.
     * @param backPressured counts tries refused for back pressure or driver admin work.
     * @param notSent       counts frames given up on.
     */
    public FramePublisher(
        final ExclusivePublication publication,
        final IdleStrategy retryIdle,
        final int attempts,
        final AtomicCounter sent,
        final AtomicCounter backPressured,
        final AtomicCounter notSent)
    {
        if (attempts < 1)
        {
            throw new IllegalArgumentException("attempts must be >= 1: attempts=" + attempts);
        }
        this.publication = publication;
        this.retryIdle = retryIdle;
        this.attempts = attempts;
        this.sent = sent;
        this.backPressured = backPressured;
        this.notSent = notSent;
    }

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length frame length in bytes.
     * @return true if the frame was sent; false if it was counted as not sent.
     */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean claimable = length <= publication.maxPayloadLength();
        retryIdle.reset();
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            final long result;
            if (claimable)
            {
                result = publication.tryClaim(length, claim);
                if (result > 0)
                {
                    claim.buffer().putBytes(claim.offset(), buffer, offset, length);
                    claim.commit();
                }
            }
            else
            {
                result = publication.offer(buffer, offset, length);
            }
            if (result > 0)
            {
                sent.incrementOrdered();
                return true;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                break;
            }
            backPressured.incrementOrdered();
            retryIdle.idle();
        }
        notSent.incrementOrdered();
        return false;
    }

    /** @return frames sent so far. */
    public long sentCount()
    {
        return sent.get();
    }

    /** @return send attempts refused for back pressure or driver admin work so far. */
    public long backPressuredCount()
    {
        return backPressured.get();
    }

    /** @return frames given up on so far. */
    public long notSentCount()
    {
        return notSent.get();
    }

    /** @return true while at least one subscriber is connected. */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /** @return the publication. */
    public ExclusivePublication publication()
    {
        return publication;
    }

    @Override
    public void close()
    {
        publication.close();
    }

    /**
     * Wait until every publisher has a subscriber, before anything is sent: a frame offered earlier would be lost.
     *
     * @param publishers the publishers, each waited for in turn.
     * @param timeoutNs  longest wait for all of them together.
     * @throws IllegalStateException naming the first hop that did not connect in time.
     */
    public static void awaitConnected(final Iterable<FramePublisher> publishers, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        for (final FramePublisher publisher : publishers)
        {
            while (!publisher.isConnected())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("a hop never connected: " + publisher.publication().channel() +
                        " stream=" + publisher.publication().streamId());
                }
                Thread.yield();
            }
        }
    }
}
