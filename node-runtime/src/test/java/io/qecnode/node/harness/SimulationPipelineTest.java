package io.qecnode.node.harness;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain in one process, checked block by block against an offline decode of the same seeded rounds.
 */
class SimulationPipelineTest
{
    private static final int DISTANCE = 5;
    private static final double P = 0.01;
    private static final long SEED = 21;
    private final CodeDescription code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, DISTANCE, DISTANCE, P);
    private final int roundsPerBlock = code.rounds().roundCount();

    @Test
    @Timeout(120)
    void shouldForwardExactlyWhatAnOfflineBatchDecodeGivesForEveryBlock()
    {
        final int blocks = 100_000 / roundsPerBlock + 1;
        final PipelineProbe probe = new PipelineProbe();
        final long[] forwarded = perBlock(run("none", blocks, null, probe));
        final long[] truth = new long[blocks];
        final long[] offline = offlineDecode(blocks, truth);
        assertArrayEquals(offline, forwarded);

        // The logical error count a user reads is the sink's: it must be a recount against the same seed's truth.
        long recount = 0;
        for (int b = 0; b < blocks; b++)
        {
            recount += (forwarded[b] & 3) != (truth[b] & 3) ? 1 : 0;
        }
        assertEquals(blocks, probe.sinkBlocks, "states checked by the sink");
        assertEquals(0, probe.unknownTruth, "the truth of every block was still known");
        assertEquals(recount, probe.logicalErrors);
        assertTrue(recount > 0, "d=5 at p=0.01 makes logical errors in " + blocks + " blocks");
    }

    @Test
    @Timeout(120)
    void shouldSkipBadFramesAndKeepTheGoodBlocksBitForBit()
    {
        final int blocks = 20_000;
        final int[] flags = new int[blocks];
        final long[] clean = perBlock(run("none", blocks, null));
        final PipelineProbe probe = new PipelineProbe();
        final long[] faulty = perBlock(run("duplicate=0.002,corrupt=0.002,truncate=0.001,reorder=0.001", blocks,
            flags, probe));

        assertTrue(probe.rejected > 0, "faults were injected and rejected");
        int complete = 0;
        for (int b = 0; b < blocks; b++)
        {
            if ((flags[b] & LogicalStateFlags.INCOMPLETE) == 0 && faulty[b] != -1)
            {
                complete++;
                assertEquals(clean[b], faulty[b], "block " + b + " had every round but decoded differently");
            }
        }
        assertTrue(complete > 0.9 * blocks, "complete blocks " + complete + " of " + blocks);
        assertTrue(probe.incompleteBlocks > 0, "rounds lost to corruption leave blocks incomplete and flagged");
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnTheHotThread() throws Exception
    {
        assertNoAllocationOnTheHotThread(config("none", 0, SinkAgent.StateListener.NONE, true));
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnTheHotThreadNorTheDecodeThreads() throws Exception
    {
        final PipelineConfig config = config("none", 0, SinkAgent.StateListener.NONE, true);
        config.node().decodeThreads(2).backlogLimit(0);
        assertNoAllocationOnTheHotThread(config);
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnTheHotThreadWithTheRawTwoHopProbeInterleaved() throws Exception
    {
        final PipelineConfig config = config("none", 0, SinkAgent.StateListener.NONE, true).withProbeEvery(10);
        assertNoAllocationOnTheHotThread(config, pipeline ->
        {
            // Every tenth round sent a probe frame that came back over both hops on the same thread.
            final long frames = pipeline.probe().latencyNs().getIntervalHistogram().getTotalCount();
            final long rounds = pipeline.simulator().roundsSent();
            assertTrue(frames > rounds / 10 - 1_000 && frames <= rounds / 10 + 1, frames + " frames in " + rounds +
                " rounds");
            assertEquals(0, pipeline.probe().lost());
        });
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnTheHotThreadWithTheJournalOn(@TempDir final Path dir) throws Exception
    {
        final JournalConfig journal = new JournalConfig(dir.resolve("journal"), JournalConfig.Roll.MINUTELY,
            JournalConfig.RETAIN_BYTES_DEFAULT, 0, JournalConfig.HAND_OFF_BYTES_DEFAULT, 100);
        final PipelineConfig config = config("none", 0, SinkAgent.StateListener.NONE, true);
        config.node().journal(journal);
        assertNoAllocationOnTheHotThread(config);
    }

    private static void assertNoAllocationOnTheHotThread(final PipelineConfig config) throws Exception
    {
        assertNoAllocationOnTheHotThread(config, pipeline ->
        {
        });
    }

    private static void assertNoAllocationOnTheHotThread(
        final PipelineConfig config, final Consumer<SimulationPipeline> andThen) throws Exception
    {
        try (SimulationPipeline pipeline = SimulationPipeline.start(config, Throwable::printStackTrace))
        {
            final long hotThread = awaitHotThread();
            final long[] decodeThreads = decodeThreads(config.node().decodeThreads());
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            while (pipeline.simulator().roundsSent() < 300_000)
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            // A window of 100,000 rounds is measured until one allocates nothing: a hot path that allocates per round
            // (or per block) never gets there, while the JIT's one-off allocations while it is still compiling and
            // deoptimizing on a slow, shared CI machine (seen: a few kB in the first seconds) are left behind.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long least = Long.MAX_VALUE;
            int windows = 0;
            while (least != 0 && System.nanoTime() < deadline)
            {
                final long rounds = pipeline.simulator().roundsSent();
                final long before = threads.getThreadAllocatedBytes(hotThread) + allocated(threads, decodeThreads);
                while (pipeline.simulator().roundsSent() < rounds + 100_000)
                {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                least = Math.min(least, threads.getThreadAllocatedBytes(hotThread) +
                    allocated(threads, decodeThreads) - before);
                windows++;
            }
            assertEquals(0, least, "least bytes allocated by the hot (and decode) threads over 100,000 rounds, in " +
                windows +
                " windows");
            pipeline.stopAndDrain(TimeUnit.SECONDS.toNanos(10));
            andThen.accept(pipeline);
        }
    }

    private static long allocated(final com.sun.management.ThreadMXBean threads, final long[] ids)
    {
        long bytes = 0;
        for (final long id : ids)
        {
            bytes += threads.getThreadAllocatedBytes(id);
        }
        return bytes;
    }

    // The node's decode threads, by their agents' names.
    private static long[] decodeThreads(final int count)
    {
        final long[] ids = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("qec-decode-")).mapToLong(Thread::getId).toArray();
        assertEquals(count, ids.length, "decode threads running");
        return ids;
    }

    private static long awaitHotThread() throws InterruptedException
    {
        for (int i = 0; i < 500; i++)
        {
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (thread.getName().contains("qec-node-1") || thread.getName().contains("hw-sim"))
                {
                    return thread.getId();
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IllegalStateException("hot thread not found");
    }

    private long[] run(final String faults, final int blocks, final int[] flags)
    {
        return run(faults, blocks, flags, new PipelineProbe());
    }

    private long[] run(final String faults, final int blocks, final int[] flags, final PipelineProbe probe)
    {
        final long[] frameBits = new long[blocks];
        Arrays.fill(frameBits, -1);
        final SinkAgent.StateListener listener = (block, bits, stateFlags) ->
        {
            if (block < blocks)
            {
                frameBits[(int)block] = bits;
                if (flags != null)
                {
                    flags[(int)block] = stateFlags;
                }
            }
        };
        final PipelineConfig config = config(faults, (long)blocks * roundsPerBlock, listener, true);
        try (SimulationPipeline pipeline = SimulationPipeline.start(config, Throwable::printStackTrace))
        {
            assertTrue(pipeline.drain(TimeUnit.SECONDS.toNanos(90)), "the chain drained");
            long rejected = 0;
            for (final FrameCounter counter : FrameCounter.values())
            {
                rejected += counter.isRejection() ? pipeline.frameCounters().counter(counter).get() : 0;
            }
            probe.rejected = rejected;
            probe.incompleteBlocks = pipeline.nodeCounters().blocksIncomplete();
            probe.sinkBlocks = pipeline.sink().blocks();
            probe.logicalErrors = pipeline.sink().logicalErrors();
            probe.unknownTruth = pipeline.sink().unknownTruth();
        }
        return frameBits;
    }

    // The states carry the frame accumulated over blocks: each block's own flips are the change from the state
    // before (-1 where either state is missing).
    private static long[] perBlock(final long[] frameBits)
    {
        final long[] flips = new long[frameBits.length];
        for (int b = 0; b < frameBits.length; b++)
        {
            final long before = b == 0 ? 0 : frameBits[b - 1];
            flips[b] = frameBits[b] == -1 || before == -1 ? -1 : frameBits[b] ^ before;
        }
        return flips;
    }

    private PipelineConfig config(
        final String faults, final long roundLimit, final SinkAgent.StateListener listener, final boolean shared)
    {
        // The production decoder, with a window as long as the block: what "the window covers the block" means.
        final SimulatorContext hardware = new SimulatorContext().code(code).periodNs(0).faults(FaultPlan.parse(faults))
            .seed(SEED).roundLimit(roundLimit);
        final NodeContext node = new NodeContext().code(code).growth(DecoderMode.WEIGHTED)
            // Unpaced hardware: no round rate to hold, so no block is shed and every one is decoded in full.
            .window(roundsPerBlock + "," + roundsPerBlock).backlogLimit(0);
        return new PipelineConfig(hardware, node, 2, new YieldingIdleStrategy(), shared, listener, 0);
    }

    private long[] offlineDecode(final int blocks, final long[] truth)
    {
        final SyndromeSource source = SyndromeSource.forCode(code, SEED, FaultPlan.none().burstFactor());
        final UnionFindDecoder decoder = new UnionFindDecoder(code.graph(), DecoderMode.WEIGHTED);
        final DecodeResult result = new DecodeResult(code.graph());
        final long[] flips = new long[blocks];
        final RoundSink recordTruth = new RoundSink()
        {
            @Override
            public void onRound(final long blockIndex, final int roundIndex, final boolean endOfBlock,
                final long[] detectorWords, final int detectorCount)
            {
            }

            @Override
            public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
            {
                truth[(int)blockIndex] = trueObservableFlips;
            }
        };
        for (int b = 0; b < blocks; b++)
        {
            source.emitBlock(recordTruth);
            final SampledShot shot = source.currentShot();
            // The node sees the defects round by round, each round's in detector order: ascending overall. Union-find
            // breaks ties by the order defects come in, so the offline decode takes them in the same order.
            final int[] defects = Arrays.copyOf(shot.defects(), shot.defectCount());
            Arrays.sort(defects);
            flips[b] = decoder.decode(defects, defects.length, result) & 3;
        }
        return flips;
    }

    /** Counts read from a finished run. */
    private static final class PipelineProbe
    {
        long rejected;
        long incompleteBlocks;
        long sinkBlocks;
        long logicalErrors;
        long unknownTruth;
    }
}
