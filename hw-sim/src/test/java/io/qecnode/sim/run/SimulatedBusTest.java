package io.qecnode.sim.run;

import io.qecnode.io.frame.FrameLayout;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.FrameCheck;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.faults.FaultInjector;
import io.qecnode.sim.faults.FaultKind;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.sim.source.SyndromeSource;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator publishing real rounds over Aeron to a validating receiver: complete and in order without faults,
 * and with each fault switched on, the receiver's counters account for every injected fault.
 */
class SimulatedBusTest
{
    private static final int DISTANCE = 5;
    private final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(DISTANCE, DISTANCE, 0.002);
    private final RoundStructure rounds = RoundStructure.of(model);
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aeron:ipc", "aeron:udp?endpoint=localhost:24326"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldDeliverAMillionRoundsCompleteAndInOrder(final String channel) throws Exception
    {
        final Run run = run(channel, "none", 1_000_000);
        assertEquals(1_000_000, run.counters.value(FrameCounter.ACCEPTED));
        assertEquals(0, run.counters.rejectedTotal());
        assertEquals(0, run.counters.value(FrameCounter.MISSING));
        assertEquals(0, run.notSent);
        assertEquals(1_000_000, run.lastSequence + 1, "sequence numbers arrive in order and complete");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "drop=0.002,       DROP",
        "duplicate=0.002,  DUPLICATE",
        "reorder=0.002,    REORDER",
        "corrupt=0.002,    CORRUPT",
        "truncate=0.002,   TRUNCATE",
        "restart@9973,     RESTART",
        "'drop=0.001,duplicate=0.001,reorder=0.001,corrupt=0.001,truncate=0.001,restart@9973', DROP"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldCountEveryInjectedFault(final String plan, final FaultKind headline) throws Exception
    {
        final int frames = 200_000;
        final Run run = run("aeron:ipc", plan, frames);
        final FaultInjector faults = run.injector;
        final LongArrayFrameCounters counters = run.counters;
        assertTrue(faults.injected(headline) > 0, "the plan injected no " + headline);

        final long drops = faults.injected(FaultKind.DROP);
        final long duplicates = faults.injected(FaultKind.DUPLICATE);
        final long reorders = faults.injected(FaultKind.REORDER);
        final long corrupts = faults.injected(FaultKind.CORRUPT);
        final long truncates = faults.injected(FaultKind.TRUNCATE);
        final long restarts = faults.injected(FaultKind.RESTART);
        final String facts = "plan=" + plan + ", injected drop=" + drops + " duplicate=" + duplicates + " reorder=" +
            reorders + " corrupt=" + corrupts + " truncate=" + truncates + " restart=" + restarts;

        assertEquals(duplicates, counters.value(FrameCounter.DUPLICATE), facts);
        assertEquals(reorders, counters.value(FrameCounter.OUT_OF_ORDER), facts);
        assertEquals(corrupts, counters.value(FrameCounter.BAD_CHECKSUM), facts);
        assertEquals(truncates, counters.value(FrameCounter.TOO_SHORT), facts);
        assertEquals(restarts, counters.value(FrameCounter.RESTARTS), facts);
        assertEquals(drops + reorders + corrupts + truncates, counters.value(FrameCounter.MISSING), facts);
        assertEquals(frames - drops - corrupts - truncates - reorders, counters.value(FrameCounter.ACCEPTED), facts);
        assertEquals(duplicates + reorders + corrupts + truncates, counters.rejectedTotal(), facts);
    }

    @Test
    @Timeout(60)
    void shouldPauseEmissionForAStallAndCatchUpAfterwards() throws Exception
    {
        final Run run = run("aeron:ipc", "stall@5000:20ms", 20_000);
        assertEquals(4, run.injector.injected(FaultKind.STALL));
        assertEquals(20_000, run.counters.value(FrameCounter.ACCEPTED));
        assertTrue(run.longestEmitGapNs >= 20_000_000, "longest gap between emit times " + run.longestEmitGapNs);
    }

    @Test
    @Timeout(60)
    void shouldRaiseTheDefectRateDuringBursts() throws Exception
    {
        // Every 50th block starts a 5-block burst at ten times the error probability.
        final Run run = run("aeron:ipc", "burst@50:5:10", 60_000);
        assertTrue(run.injector.injected(FaultKind.BURST) > 0);
        final double ratio = run.burstDefectsPerRound / run.normalDefectsPerRound;
        assertTrue(ratio > 7 && ratio < 12, "defects per round in bursts / outside: " + ratio);
    }

    @Test
    @Timeout(60)
    void shouldPublishAndReceiveRoundsWithoutAllocating() throws Exception
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription("aeron:ipc", 2002);
            ExclusivePublication publication = bus.publication("aeron:ipc", 2002))
        {
            final FramePublisher publisher = new FramePublisher(publication, new YieldingIdleStrategy(), 1000,
                countersManager.newCounter("sent"), countersManager.newCounter("back pressured"),
                countersManager.newCounter("not sent"));
            final FaultInjector injector = new FaultInjector(FaultPlan.none(), 7, 256, publisher::send);
            final SimulatorAgent simulator = new SimulatorAgent(SyndromeSource.forModel(model, 11, 10.0), injector,
                new RoundPacer(new SystemNanoClock(), 0), new SystemNanoClock(), TruthListener.NONE, 1, 0, DISTANCE,
                Basis.Z, 0);
            final LongArrayFrameCounters counters = new LongArrayFrameCounters();
            final Receiver receiver = new Receiver(new FrameValidator(new FrameLayout(DISTANCE, rounds.detectorCounts()), 4, counters,
                RejectionLog.NO_OP), counters, FaultPlan.none());
            final FrameSubscriber subscriber = new FrameSubscriber(subscription, receiver);
            while (!publisher.isConnected())
            {
                Thread.yield();
            }
            simulator.onStart();
            final Runnable exchange = () ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    simulator.doWork();
                    while (subscriber.poll(10) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            };
            exchange.run();
            exchange.run();
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 3 && allocated != 0; window++)
            {
                allocated = Math.min(allocated, AllocationMeter.bytesAllocatedBy(exchange));
            }
            assertEquals(0, allocated, "bytes allocated publishing and receiving 100,000 rounds");
            assertEquals(0, counters.rejectedTotal());
        }
    }

    private Run run(final String channel, final String plan, final long frames) throws Exception
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription(channel, 2001);
            ExclusivePublication publication = bus.publication(channel, 2001))
        {
            final AtomicCounter notSent = countersManager.newCounter("not sent");
            final FramePublisher publisher = new FramePublisher(publication, new YieldingIdleStrategy(), 1_000_000,
                countersManager.newCounter("sent"), countersManager.newCounter("back pressured"), notSent);
            final FaultInjector injector = new FaultInjector(FaultPlan.parse(plan), 7, 256, publisher::send);
            final SimulatorAgent simulator = new SimulatorAgent(SyndromeSource.forModel(model, 11, 10.0), injector,
                new RoundPacer(new SystemNanoClock(), 0), new SystemNanoClock(), TruthListener.NONE, 1, 0, DISTANCE,
                Basis.Z, frames);
            final LongArrayFrameCounters counters = new LongArrayFrameCounters();
            final Receiver receiver = new Receiver(new FrameValidator(new FrameLayout(DISTANCE, rounds.detectorCounts()), 4, counters,
                RejectionLog.NO_OP), counters, FaultPlan.parse(plan));
            final FrameSubscriber subscriber = new FrameSubscriber(subscription, receiver);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publisher.isConnected())
            {
                assertTrue(System.nanoTime() < deadline, "never connected");
                Thread.yield();
            }

            final Thread reader = new Thread(() ->
            {
                long idleSince = System.nanoTime();
                while (System.nanoTime() - idleSince < TimeUnit.MILLISECONDS.toNanos(500))
                {
                    if (subscriber.poll(256) > 0)
                    {
                        idleSince = System.nanoTime();
                    }
                    else
                    {
                        Thread.yield();
                    }
                }
            });
            reader.start();
            simulator.onStart();
            while (!simulator.isDone())
            {
                simulator.doWork();
            }
            simulator.onClose();
            reader.join(TimeUnit.SECONDS.toMillis(60));
            return new Run(receiver, injector, notSent.get());
        }
    }

    /** Validates every frame and keeps what the test checks. */
    private static final class Receiver implements io.qecnode.io.transport.FrameHandler
    {
        final FrameValidator validator;
        final LongArrayFrameCounters counters;
        final FaultPlan plan;
        final SyndromeRoundView view = new SyndromeRoundView();
        long lastSequence = -1;
        long lastEmitNs;
        long longestEmitGapNs;
        long burstDefects;
        long burstRounds;
        long normalDefects;
        long normalRounds;

        Receiver(final FrameValidator validator, final LongArrayFrameCounters counters, final FaultPlan plan)
        {
            this.validator = validator;
            this.counters = counters;
            this.plan = plan;
        }

        @Override
        public void onFrame(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            final FrameCheck check = validator.validate(buffer, offset, length);
            if (!check.isAccepted())
            {
                return;
            }
            view.wrap(buffer, offset);
            lastSequence = view.sequence();
            final long emitNs = view.emitTimestampNs();
            if (lastEmitNs != 0)
            {
                longestEmitGapNs = Math.max(longestEmitGapNs, emitNs - lastEmitNs);
            }
            lastEmitNs = emitNs;
            int defects = 0;
            for (int k = 0; k < view.detectorCount(); k++)
            {
                defects += view.detector(k) ? 1 : 0;
            }
            if (inBurst(view.blockIndex()))
            {
                burstDefects += defects;
                burstRounds++;
            }
            else
            {
                normalDefects += defects;
                normalRounds++;
            }
        }

        private boolean inBurst(final long block)
        {
            // Bursts start at blocks every-1, 2*every-1, ... and last burstBlocks blocks.
            final long every = plan.every(FaultKind.BURST);
            return every > 0 && block + 1 >= every && (block + 1) % every < plan.burstBlocks();
        }
    }

    private static final class Run
    {
        final LongArrayFrameCounters counters;
        final FaultInjector injector;
        final long notSent;
        final long lastSequence;
        final long longestEmitGapNs;
        final double burstDefectsPerRound;
        final double normalDefectsPerRound;

        Run(final Receiver receiver, final FaultInjector injector, final long notSent)
        {
            this.counters = receiver.counters;
            this.injector = injector;
            this.notSent = notSent;
            this.lastSequence = receiver.lastSequence;
            this.longestEmitGapNs = receiver.longestEmitGapNs;
            this.burstDefectsPerRound = (double)receiver.burstDefects / Math.max(1, receiver.burstRounds);
            this.normalDefectsPerRound = (double)receiver.normalDefects / Math.max(1, receiver.normalRounds);
        }
    }
}
