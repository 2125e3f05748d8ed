package io.qecnode.node.harness;

import io.qecnode.node.measure.HotRecorders;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.timing.RoundPacer;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

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
 * <p>
 * {@link #interleaved Interleaved}, the probe has no thread: its {@link #agent()} runs in the pipeline's own duty
 * cycle, beside the simulator and the node, and every {@code k} rounds sends one frame of a round's size stamped with
 * its send time, relays it once to a second hop as the node forwards a round's outcome (without the work) and times
 * it on arrival: the raw two-hop path the node's own path (hardware to node, node to sink) is compared against, seen
 * by the same thread at the same moments as the rounds. One frame is in flight at a time.
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
    private static final int FIRST_HOP_STREAM_ID = 996;
    private static final int SECOND_HOP_STREAM_ID = 997;
    private static final long RETURN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int OFFER_TRIES = 3;

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
    private final Stamp stamp;
    private Thread thread;
    private volatile boolean running = true;
    private long received;
    private volatile long lost;
    // Interleaved only: the second hop, the round count that paces the probe and the frame in flight.
    private ExclusivePublication secondHop;
    private Subscription secondHopSubscription;
    private FrameSubscriber arrivals;
    private LongSupplier rounds;
    private long everyRounds;
    private long lastProbeRound;
    private long inFlightSinceNs;
    private boolean inFlight;
    private final Agent agent = new Interleaved();

    private HopProbe(final MessageBus bus, final String channel, final int frameLength, final Stamp stamp)
    {
        this.bus = bus;
        this.channel = channel;
        this.stamp = stamp;
        frame = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(Long.BYTES, frameLength)));
        pacer = new RoundPacer(clock, FRAME_PERIOD_NS);
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
        probe.thread = new Thread(probe::run, "hop-probe");
        probe.thread.setDaemon(true);
        probe.thread.start();
        return probe;
    }

    /**
     * A raw two-hop probe without a thread of its own, run by the caller's duty cycle through {@link #agent()}; both
     * hops are connected, publications and subscriptions, when it returns.
     *
     * @param bus         the pipeline's bus.
     * @param channel     the pipeline's channel.
     * @param frameLength bytes per frame, as the pipeline's rounds.
     * @param everyRounds rounds between probe frames, at least 1.
     * @param rounds      rounds the pipeline has sent so far, read on the duty cycle's thread.
     * @return the probe, its agent not yet running.
     * @throws IllegalArgumentException if everyRounds is below 1.
     * @throws IllegalStateException    if a hop does not connect within 10 s.
     */
    public static HopProbe interleaved(
        final MessageBus bus, final String channel, final int frameLength, final long everyRounds,
        final LongSupplier rounds)
    {
        if (everyRounds < 1)
        {
            throw new IllegalArgumentException("rounds between probe frames must be >= 1: " + everyRounds);
        }
        final HopProbe probe = new HopProbe(bus, channel, frameLength, Stamp.SEND);
        probe.everyRounds = everyRounds;
        probe.rounds = rounds;
        probe.publication = bus.publication(channel, FIRST_HOP_STREAM_ID);
        probe.subscription = bus.subscription(channel, FIRST_HOP_STREAM_ID);
        probe.subscriber = new FrameSubscriber(probe.subscription, probe::relay);
        probe.secondHop = bus.publication(channel, SECOND_HOP_STREAM_ID);
        probe.secondHopSubscription = bus.subscription(channel, SECOND_HOP_STREAM_ID);
        probe.arrivals = new FrameSubscriber(probe.secondHopSubscription, probe::onFrame);
        final long deadline = probe.clock.nanoTime() + CONNECT_TIMEOUT_NS;
        // Each subscription must hold its image too: a frame offered before it did would never arrive.
        while (!(probe.publication.isConnected() && probe.secondHop.isConnected() &&
            probe.subscription.isConnected() && probe.secondHopSubscription.isConnected()))
        {
            if (probe.clock.nanoTime() - deadline > 0)
            {
                probe.close();
                throw new IllegalStateException("the raw two-hop probe did not connect on " + channel);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return probe;
    }

    /** @return the interleaved probe's work, for the pipeline's duty cycle; closing it leaves the probe open. */
    public Agent agent()
    {
        return agent;
    }

    /**
     * @return latencies of the probe's frames, ns: one-way from their slot or send time, or over both hops when
     * interleaved; read with an interval histogram.
     */
    public SingleWriterRecorder latencyNs()
    {
        return latencyNs;
    }

    /** @return probe frames that could not be sent or relayed, or did not arrive within a second. */
    public long lost()
    {
        return lost;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        latencyNs.recordValue(HotRecorders.clamp(clock.nanoTime() - buffer.getLong(offset)));
        received++;
    }

    // Hop 1's end: forwarded untouched, as the node forwards a round's outcome; a term's rotation is retried.
    private void relay(final DirectBuffer buffer, final int offset, final int length)
    {
        long result;
        int tries = 0;
        do
        {
            result = secondHop.offer(buffer, offset, length);
        }
        while (result == Publication.ADMIN_ACTION && ++tries < OFFER_TRIES);
        if (result < 0)
        {
            lost++;
            inFlight = false;
        }
    }

    private int probeWork()
    {
        int work = 0;
        if (!inFlight)
        {
            final long round = rounds.getAsLong();
            if (round - lastProbeRound < everyRounds)
            {
                return 0;
            }
            final long nowNs = clock.nanoTime();
            frame.putLong(0, nowNs);
            final long result = publication.offer(frame, 0, frame.capacity());
            if (result == Publication.ADMIN_ACTION)
            {
                return 0;
            }
            lastProbeRound = round;
            if (result < 0)
            {
                lost++;
                return 0;
            }
            inFlight = true;
            inFlightSinceNs = nowNs;
            work = 1;
        }
        // Both hops are polled only while a frame is in flight, so the rounds between probes pay nothing.
        final long arrivedBefore = received;
        work += subscriber.poll(1) + arrivals.poll(1);
        if (received != arrivedBefore)
        {
            inFlight = false;
        }
        else if (inFlight && clock.nanoTime() - inFlightSinceNs > RETURN_TIMEOUT_NS)
        {
            lost++;
            inFlight = false;
        }
        return work;
    }

    private final class Interleaved implements Agent
    {
        @Override
        public int doWork()
        {
            return probeWork();
        }

        @Override
        public String roleName()
        {
            return "raw-two-hop-probe";
        }
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
        if (thread != null)
        {
            LockSupport.unpark(thread);
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        CloseHelper.closeAll(publication, subscription, secondHop, secondHopSubscription);
    }
}
