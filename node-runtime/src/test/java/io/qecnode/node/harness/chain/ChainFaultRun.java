package io.qecnode.node.harness.chain;

import io.qecnode.io.transport.BusContext;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One one-process chain run of the fault tests: A, two repeaters, B on d=3 links, one thread, every epoch's verdict
 * logged ({@link VerdictLog}), each node's outgoing states through a {@link StateTap} if the test gives one.
 */
final class ChainFaultRun implements AutoCloseable
{
    static final int REPEATERS = 2;
    static final long EPOCHS = 3000;
    static final long SEED = 11;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(120);

    final VerdictLog log = new VerdictLog();
    final ChainPipeline pipeline;
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /**
     * @param config the chain.
     * @param taps   each node's tap, or null for none.
     */
    ChainFaultRun(final ChainPipelineConfig config, final IntFunction<StateTap> taps)
    {
        pipeline = ChainPipeline.start(config, new BusContext(), error::set, new ChainPipeline.Taps()
        {
            @Override
            public FrameSender stateSender(final int node, final FrameSender sender)
            {
                final StateTap tap = taps.apply(node);
                return tap == null ? sender : tap.wrap(node, sender);
            }

            @Override
            public ChainVerifierAgent.VerdictListener verdicts()
            {
                return log;
            }
        });
    }

    /**
     * @param basePort   first UDP port of the run.
     * @param deadlineNs the nodes' neighbour deadline.
     * @return d=3, 3 rounds, phenomenological p=0.01 on every link, a round every 200 us, no fault. A node waits for
     * an epoch's pieces until its deadline or until its window of 4096 open epochs is full, whichever comes first:
     * at 600 us an epoch the window holds 2.4 s, so a stall of the busy machine or a retransmit does not close an
     * epoch before its pieces arrive.
     */
    static ChainPipelineConfig config(final int basePort, final long deadlineNs)
    {
        final CodeDescription[] links = new CodeDescription[REPEATERS + 1];
        Arrays.fill(links, CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.01));
        return new ChainPipelineConfig(links, link -> new NodeContext().code(links[link]), SEED,
            TimeUnit.MICROSECONDS.toNanos(200), ChainFaultPlan.NONE, deadlineNs, "localhost", basePort,
            new YieldingIdleStrategy(), new YieldingIdleStrategy(), true);
    }

    void awaitJudged(final long epochs) throws InterruptedException
    {
        await(() -> pipeline.verifier().epochsJudged() >= epochs, epochs + " epochs judged");
    }

    void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertNull(error.get());
            if (System.nanoTime() - deadline > 0)
            {
                fail("never reached: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Stop the hardware at an epoch's end and wait until the verifier judged every epoch it ran. */
    void stopAndDrain() throws InterruptedException
    {
        assertTrue(pipeline.stopAndDrain(TimeUnit.SECONDS.toNanos(30)), pipeline.verifier().progressLine());
        assertNull(error.get());
    }

    /** Stop every agent, then check each epoch the hardware ran was judged once, in order: none missing. */
    void stopAndCheckWhole()
    {
        pipeline.stop();
        assertNull(error.get());
        assertEquals(0, log.outOfOrder());
        assertEquals(pipeline.simulator().epochsCompleted(), log.judged());
        for (long e = 0; e < log.judged(); e++)
        {
            assertEquals(1, log.times(e), "epoch " + e);
        }
    }

    @Override
    public void close()
    {
        pipeline.close();
    }
}
