package io.qecnode.node.pipeline;

import io.qecnode.sim.source.SyndromeSource;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.sim.faults.FaultInjector;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.sim.run.SimulatorAgent;
import io.qecnode.sim.run.TruthListener;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A next hop that stops reading: the node counts the states it could not send, keeps decoding without blocking,
 * and sends again once the reader is back.
 */
class NodeAgentBackPressureTest
{
    @Test
    @Timeout(60)
    void shouldCountBackPressureKeepDecodingAndRecover()
    {
        final CodeDescription code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.01);
        final CountersManager countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
        final SystemNanoClock clock = new SystemNanoClock();
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription roundsIn = bus.subscription("aeron:ipc", 5001);
            ExclusivePublication roundsOut = bus.publication("aeron:ipc", 5001);
            Subscription statesIn = bus.subscription("aeron:ipc?term-length=64k", 5002);
            ExclusivePublication statesOut = bus.publication("aeron:ipc?term-length=64k", 5002))
        {
            final FramePublisher hardware = new FramePublisher(roundsOut, new NoOpIdleStrategy(), 1000,
                countersManager.newCounter("a"), countersManager.newCounter("b"), countersManager.newCounter("c"));
            final FramePublisher nextHop = new FramePublisher(statesOut, new NoOpIdleStrategy(), 3,
                countersManager.newCounter("sent"), countersManager.newCounter("back pressured"),
                countersManager.newCounter("not sent"));
            final SimulatorAgent simulator = new SimulatorAgent(SyndromeSource.forCode(code, 3, 1.0),
                new FaultInjector(FaultPlan.none(), 0, SyndromeRoundWriter.frameLength(8), hardware::send),
                new RoundPacer(clock, 0), clock, TruthListener.NONE, 1, 0, 3, Basis.Z, 0);
            final NodeCounters counters = NodeCounters.allocate(countersManager, "1");
            final NodeAgent node = NodeFactory.newNodeAgent(new NodeContext().code(code).window(BlockDecoders.BATCH)
                .subscription(roundsIn).sender(nextHop).counters(counters).telemetryCapacity(1 << 16).clock(clock));
            while (!hardware.isConnected() || !nextHop.isConnected())
            {
                Thread.yield();
            }
            simulator.onStart();

            // Nobody reads the states: the 64 KiB term fills, and then every state is counted as not sent.
            final long blocks = 5_000;
            while (counters.blocksOut() < blocks)
            {
                simulator.doWork();
                node.doWork();
            }
            assertTrue(nextHop.notSentCount() > 0, "states refused while the next hop did not read");
            assertTrue(nextHop.backPressuredCount() >= 3 * nextHop.notSentCount());
            assertEquals(blocks, nextHop.sentCount() + nextHop.notSentCount(), "every state sent or counted");

            // The reader returns: states flow again (once the driver has moved the publication's limit on).
            final long sentBefore = nextHop.sentCount();
            for (int i = 0; i < 2_000_000 && nextHop.sentCount() < sentBefore + 1000; i++)
            {
                statesIn.poll((buffer, offset, length, header) -> { }, 256);
                simulator.doWork();
                node.doWork();
            }
            assertTrue(nextHop.sentCount() >= sentBefore + 1000, "the node sends again once the reader is back");
            assertEquals(counters.blocksOut(), nextHop.sentCount() + nextHop.notSentCount(),
                "every state still sent or counted");
        }
    }
}
