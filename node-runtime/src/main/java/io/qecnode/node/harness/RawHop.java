package io.qecnode.node.harness;

import io.qecnode.io.transport.FramePublisher;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;

/**
 * One raw Aeron hop's frames, as {@code qec-bench bus} measures the bare transport: frames of a given size carrying
 * only their slot in the send schedule, paced at the round period. The baseline beside a pipeline's latency figures
 * is {@link HopProbe#interleaved}, measured throughout the run instead of once before it.
 */
public final class RawHop
{
    private RawHop()
    {
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
