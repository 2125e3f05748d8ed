package io.qecnode.node.harness;

import io.qecnode.node.measure.OneWayRun;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.timing.RoundPacer;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;

/**
 * The baseline every latency figure is printed beside: one raw Aeron hop, frames of a given size carrying only their
 * slot in the send schedule, paced at the round period.
 */
public final class RawHop
{
    private static final int STREAM_ID = 999;

    private RawHop()
    {
    }

    /**
     * Measure the hop on an embedded bus of its own.
     *
     * @param channel      the transport, as the measured pipeline uses it.
     * @param frameLength  bytes per frame, as the measured pipeline sends.
     * @param periodNs     send period.
     * @param frames       frames to send in each of two passes, the first only to warm up, as is a fifth of the
     *                     second.
     * @param sameThread   receive on the sending thread, as a pipeline composed on one thread does.
     * @return one-way latencies, ns.
     * @throws InterruptedException if interrupted.
     * @throws io.qecnode.io.transport.BusException if the embedded driver cannot start.
     */
    public static Histogram measure(
        final String channel, final int frameLength, final long periodNs, final long frames, final boolean sameThread)
        throws InterruptedException
    {
        final SystemNanoClock clock = new SystemNanoClock();
        try (MessageBus bus = MessageBus.launch(new BusContext().plan(channel, 1), Throwable::printStackTrace))
        {
            final long warmup = frames / 5;
            // A first pass compiles the sending and receiving code; frames stamped with their slot in the schedule
            // would otherwise carry the interpreter's lag well past any warm-up count.
            Histogram latencies = null;
            for (int pass = 0; pass < 2; pass++)
            {
                latencies = OneWayRun.measure(bus, channel, STREAM_ID, publisher -> sender(publisher, clock,
                    frameLength, periodNs, warmup), RawHop::sendTimeNs, frames, warmup, new BusySpinIdleStrategy(),
                    sameThread);
            }
            return latencies;
        }
    }

    /**
     * @param publisher   where frames go.
     * @param clock       the clock of the schedule and the stamps.
     * @param frameLength bytes per frame.
     * @param periodNs    send period; 0 for as fast as possible.
     * @param warmup      frames after which the schedule starts afresh, so that a cold start's lag is not measured.
     * @return a sender that, each call, sends one frame if one is due and tells how many it sent.
     */
    public static IntSupplier sender(
        final FramePublisher publisher, final NanoClock clock, final int frameLength, final long periodNs,
        final long warmup)
    {
        return new PacedSender(publisher, clock, frameLength, periodNs, warmup);
    }

    /**
     * The probe that reads what {@link #sender} wrote.
     *
     * @param buffer a received frame's buffer.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return the frame's stamp, ns.
     */
    public static long sendTimeNs(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getLong(offset);
    }

    private static final class PacedSender implements IntSupplier
    {
        private final FramePublisher publisher;
        private final NanoClock clock;
        private final UnsafeBuffer frame;
        private final int frameLength;
        private final long periodNs;
        private final long warmup;
        private final RoundPacer pacer;
        private long sent;

        PacedSender(
            final FramePublisher publisher, final NanoClock clock, final int frameLength, final long periodNs,
            final long warmup)
        {
            this.publisher = publisher;
            this.clock = clock;
            this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(frameLength));
            this.frameLength = frameLength;
            this.periodNs = periodNs;
            this.warmup = warmup;
            this.pacer = new RoundPacer(clock, periodNs);
            pacer.start(clock.nanoTime());
        }

        @Override
        public int getAsInt()
        {
            final long nowNs = clock.nanoTime();
            if (sent == warmup && pacer.roundCount() == warmup)
            {
                pacer.start(nowNs);
            }
            if (!pacer.isDue(nowNs))
            {
                return 0;
            }
            // Stamped with its slot in the schedule, as hw-sim stamps rounds, so both sides count waiting alike.
            frame.putLong(0, periodNs == 0 ? nowNs : pacer.nextDeadlineNs() - periodNs);
            publisher.send(frame, 0, frameLength);
            sent++;
            return 1;
        }
    }
}
