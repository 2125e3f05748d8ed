package io.qecnode.node.harness;

import io.qecnode.node.measure.HotRecorders;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.timing.RoundPacer;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A light raw-hop probe that runs beside a pipeline for a whole soak, on the same bus and transport: a thread of its
 * own sends frames of the pipeline's size, each stamped with its slot in the probe's schedule, and receives them
 * itself. What it records is what the platform does to a running thread there: preemption, a slow transport. A drift
 * the pipeline shares with the probe is the host's, not ours.
 * <p>
 * Light on two cores: the thread sleeps, then for a {@link #WINDOW_NS} window in every {@link #WINDOW_PERIOD_NS} it
 * spins, sending a frame every {@link #FRAME_PERIOD_NS} and waiting for it: about 6% of one core with the
 * {@link #SPIN_LEAD_NS} it wakes early. The windows keep a fixed schedule and every frame is stamped with its slot in
 * it, so a late wake-up (the host's run queue is busy) and a preemption inside the window both delay every frame due
 * behind them, as they delay the pipeline's rounds. A thread that mostly sleeps is favoured by the scheduler over
 * one that spins all the time, so the probe sees less of a bad stretch than the pipeline: it can tell that the host
 * had one, not how much it cost us. Allocates nothing after start.
 * <p>
 * Stamped with its send time instead ({@link Stamp#SEND}), a frame times the hop alone: publication to poll through
 * the driver, without the probe thread's own lateness behind its schedule, which on a busy host is most of the slot
 * figure (the baseline of a repeater's hop cost wants the hop).
 */
public final class HopProbe implements AutoCloseable
{
    /** What a frame's latency runs from. */
    public enum Stamp
    {
        /** Its slot in the probe's schedule: the hop plus the probe thread's lateness (wake-up, preemption). */
        SLOT,
        /** The moment it is offered: the hop alone. */
        SEND
    }

    /** Spinning window. */
    public static final long WINDOW_NS = TimeUnit.MICROSECONDS.toNanos(500);

    /** Start of one window to the next. */
    public static final long WINDOW_PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Between the probe's frames inside a window: 25 a window, 2500 a second. */
    public static final long FRAME_PERIOD_NS = TimeUnit.MICROSECONDS.toNanos(20);

    /** Woken this long before a window, so that the timer's slack (50 us on Linux) does not count as the host's. */
    static final long SPIN_LEAD_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final int STREAM_ID = 998;
    private static final long RETURN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private final SingleWriterRecorder latencyNs = HotRecorders.newRecorder();
    private final SystemNanoClock clock = new SystemNanoClock();
    private final MessageBus bus;
    private final String channel;
    // Made on the probe's thread, so that starting the probe does not hold up the run it measures; closed after it.
    private ExclusivePublication publication;
    private Subscription subscription;
    private FrameSubscriber subscriber;
    private final UnsafeBuffer frame;
    private final RoundPacer pacer;
    private final Thread thread;
    private final Stamp stamp;
    private volatile boolean running = true;
    private long received;
    private volatile long lost;

    private HopProbe(final MessageBus bus, final String channel, final int frameLength, final Stamp stamp)
    {
        this.bus = bus;
        this.channel = channel;
        this.stamp = stamp;
        frame = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(Long.BYTES, frameLength)));
        pacer = new RoundPacer(clock, FRAME_PERIOD_NS);
        thread = new Thread(this::run, "hop-probe");
        thread.setDaemon(true);
    }

    /**
     * Start probing.
     *
     * @param bus         the pipeline's bus.
     * @param channel     the pipeline's channel.
     * @param frameLength bytes per frame, as the pipeline's rounds.
     * @return the running probe.
     */
    public static HopProbe start(final MessageBus bus, final String channel, final int frameLength)
    {
        return start(bus, channel, frameLength, Stamp.SLOT);
    }

    /**
     * Start probing, frames stamped as asked.
     *
     * @param bus         the pipeline's bus.
     * @param channel     the pipeline's channel.
     * @param frameLength bytes per frame, as the pipeline's.
     * @param stamp       what each frame's latency runs from.
     * @return the running probe.
     */
    public static HopProbe start(final MessageBus bus, final String channel, final int frameLength, final Stamp stamp)
    {
        final HopProbe probe = new HopProbe(bus, channel, frameLength, stamp);
        probe.thread.start();
        return probe;
    }

    /** @return one-way latencies of the probe's frames from their slot, ns; read with an interval histogram. */
    public SingleWriterRecorder latencyNs()
    {
        return latencyNs;
    }

    /** @return probe frames that could not be sent or did not come back within a second. */
    public long lost()
    {
        return lost;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        latencyNs.recordValue(HotRecorders.clamp(clock.nanoTime() - buffer.getLong(offset)));
        received++;
    }

    private void run()
    {
        publication = bus.publication(channel, STREAM_ID);
        subscription = bus.subscription(channel, STREAM_ID);
        final FrameHandler handler = this::onFrame;
        subscriber = new FrameSubscriber(subscription, handler);
        final long connectDeadline = clock.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running && !publication.isConnected() && clock.nanoTime() - connectDeadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        long sent = 0;
        long nextWindowNs = clock.nanoTime();
        while (running)
        {
            final long untilWindowNs = nextWindowNs - SPIN_LEAD_NS - clock.nanoTime();
            if (untilWindowNs > 0)
            {
                LockSupport.parkNanos(untilWindowNs);
                continue;
            }
            final long windowStartNs = nextWindowNs;
            // Late by more than a period: the windows missed are skipped, their delay is in this one's frames.
            nextWindowNs = Math.max(windowStartNs + WINDOW_PERIOD_NS, clock.nanoTime());
            pacer.start(windowStartNs);
            while (running && pacer.nextDeadlineNs() - windowStartNs < WINDOW_NS)
            {
                final long slotNs = pacer.nextDeadlineNs();
                if (!pacer.isDue(clock.nanoTime()))
                {
                    Thread.onSpinWait();
                    continue;
                }
                frame.putLong(0, stamp == Stamp.SLOT ? slotNs : clock.nanoTime());
                if (publication.offer(frame, 0, frame.capacity()) < 0)
                {
                    lost++;
                    continue;
                }
                sent++;
                final long deadline = clock.nanoTime() + RETURN_TIMEOUT_NS;
                while (received < sent && clock.nanoTime() - deadline < 0)
                {
                    if (subscriber.poll(1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                if (received < sent)
                {
                    lost++;
                    sent = received;
                }
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.closeAll(publication, subscription);
    }
}
