package io.qecnode.node.measure;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.io.transport.MessageBus;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One measurement: a sending loop on the calling thread and a receiving thread, joined by one Aeron stream. The
 * receiver records each frame's one-way latency (receive time minus the send time the frame carries) after a
 * warm-up count, into a histogram.
 */
public final class OneWayRun
{
    /** What the receiving side does with each frame: returns the send time it carries, or -1 to skip the frame. */
    public interface Probe
    {
        /**
         * @param buffer holding the frame.
         * @param offset where it starts.
         * @param length its length.
         * @return the send time the frame carries, or -1 to skip the frame.
         */
        long sendTimeNs(org.agrona.DirectBuffer buffer, int offset, int length);
    }

    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    private OneWayRun()
    {
    }

    /**
     * @param bus          the bus.
     * @param channel      channel for this run.
     * @param streamId     stream id for this run.
     * @param sender       sends one frame through the publisher it was built with when called; returns frames sent.
     * @param publisherFor builds the sender's publisher.
     * @param probe        reads the send time of a frame.
     * @param frames       frames to send.
     * @param warmup       frames not recorded.
     * @param receiverIdle idle strategy of the receiving thread.
     * @param sameThread   poll on the sending thread after each send instead of on a thread of its own: measures
     *                     the software path without two threads competing for two cores.
     * @return the latencies.
     * @throws InterruptedException if interrupted waiting for the receiver.
     */
    public static Histogram measure(
        final MessageBus bus,
        final String channel,
        final int streamId,
        final java.util.function.Function<FramePublisher, IntSupplier> sender,
        final Probe probe,
        final long frames,
        final long warmup,
        final IdleStrategy receiverIdle,
        final boolean sameThread) throws InterruptedException
    {
        final Histogram histogram = new Histogram(HotRecorders.HIGHEST_NS, 3);
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(4096)));
        try (Subscription subscription = bus.subscription(channel, streamId);
            ExclusivePublication publication = bus.publication(channel, streamId))
        {
            final AtomicCounter notSent = counters.newCounter("not sent");
            final FramePublisher publisher = new FramePublisher(publication, new NoOpIdleStrategy(), 1_000_000,
                counters.newCounter("sent"), counters.newCounter("back pressured"), notSent);
            final long[] received = new long[1];
            final FrameHandler handler = (buffer, offset, length) ->
            {
                final long sentNs = probe.sendTimeNs(buffer, offset, length);
                if (sentNs >= 0)
                {
                    final long n = received[0]++;
                    if (n >= warmup)
                    {
                        histogram.recordValue(HotRecorders.clamp(System.nanoTime() - sentNs));
                    }
                }
            };
            final FrameSubscriber subscriber = new FrameSubscriber(subscription, handler);
            final long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publisher.isConnected())
            {
                if (System.nanoTime() > connectDeadline)
                {
                    throw new IllegalStateException("publication never connected: channel=" + channel);
                }
                Thread.yield();
            }
            final Thread receiver = new Thread(() ->
            {
                final long deadline = System.nanoTime() + TIMEOUT_NS;
                while (received[0] < frames && System.nanoTime() < deadline)
                {
                    receiverIdle.idle(subscriber.poll(64));
                }
            }, "one-way-receiver");
            if (!sameThread)
            {
                receiver.start();
            }
            final IntSupplier send = sender.apply(publisher);
            long sent = 0;
            while (sent < frames)
            {
                final int justSent = send.getAsInt();
                sent += justSent;
                if (sameThread && justSent > 0)
                {
                    while (received[0] < sent && subscriber.poll(64) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            if (sameThread)
            {
                receiver.start();
            }
            receiver.join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NS));
            if (received[0] < frames || notSent.get() > 0)
            {
                throw new IllegalStateException("frames lost: sent=" + sent + ", received=" + received[0] +
                    ", notSent=" + notSent.get() + " (the latency would be misleading)");
            }
        }
        return histogram;
    }
}
