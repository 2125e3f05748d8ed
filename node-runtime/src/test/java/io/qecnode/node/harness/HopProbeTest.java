package io.qecnode.node.harness;

import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw two-hop probe interleaved with a pipeline's rounds: driven by the caller's duty cycle, a frame every k
 * rounds, each timed over both hops, nothing allocated once warm.
 */
class HopProbeTest
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int FRAME_LENGTH = 120;

    private long rounds;

    @Test
    @Timeout(60)
    void shouldTimeOneFrameOverBothHopsEveryKRoundsOnTheCallersThread() throws Exception
    {
        try (MessageBus bus = MessageBus.launch(new BusContext().plan(CHANNEL, 2), Throwable::printStackTrace);
            HopProbe probe = HopProbe.interleaved(bus, CHANNEL, FRAME_LENGTH, 10, () -> rounds))
        {
            final Agent agent = probe.agent();
            for (int cycle = 0; cycle < 9; cycle++)
            {
                rounds++;
                agent.doWork();
            }
            assertEquals(0, probe.latencyNs().getIntervalHistogram().getTotalCount(), "no frame before 10 rounds");

            // 10,000 rounds, one duty cycle each, as the pipeline's thread runs them: 1,000 frames.
            for (int cycle = 0; cycle < 10_000; cycle++)
            {
                rounds++;
                agent.doWork();
            }
            final Histogram timed = probe.latencyNs().getIntervalHistogram();
            assertEquals(1_000, timed.getTotalCount());
            assertEquals(0, probe.lost());
            assertTrue(timed.getMinValue() > 0, "each frame timed from its send: " + timed.getMinValue());
        }
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnceWarm() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (MessageBus bus = MessageBus.launch(new BusContext().plan(CHANNEL, 2), Throwable::printStackTrace);
            HopProbe probe = HopProbe.interleaved(bus, CHANNEL, FRAME_LENGTH, 1, () -> rounds))
        {
            final Agent agent = probe.agent();
            for (int frame = 0; frame < 200_000; frame++)
            {
                rounds++;
                agent.doWork();
            }
            // Windows of 50,000 frames until one allocates nothing: the JIT's one-off allocations while it still
            // compiles are left behind, a probe that allocates per frame never gets there.
            long least = Long.MAX_VALUE;
            for (int window = 0; window < 20 && least != 0; window++)
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (int frame = 0; frame < 50_000; frame++)
                {
                    rounds++;
                    agent.doWork();
                }
                least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertEquals(0, least, "least bytes allocated over 50,000 probe frames");
            // Every round sent a frame, timed or counted lost (back pressure while the driver lags, at a frame a
            // call); a frame crossing a term's end arrives a call later and the round it spans sends none.
            final long timed = probe.latencyNs().getIntervalHistogram().getTotalCount();
            assertTrue(timed >= 100_000 && timed + probe.lost() >= 245_000, "frames timed: " + timed + ", lost: " +
                probe.lost());
        }
    }

    @Test
    void shouldRefuseNoRoundsBetweenFrames()
    {
        try (MessageBus bus = MessageBus.launch(new BusContext().plan(CHANNEL, 2), Throwable::printStackTrace))
        {
            assertThrows(IllegalArgumentException.class, () -> HopProbe.interleaved(bus, CHANNEL, FRAME_LENGTH, 0,
                () -> rounds).close());
        }
    }
}
