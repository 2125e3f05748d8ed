package io.qecnode.node.harness.chain;

import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.node.harness.chain.EpochAssembly.Counter;
import io.qecnode.node.pipeline.NodeConfigException;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier agent driven through stand-in subscriptions: deadlines on its context's clock, the fidelity measured
 * beside the predicted one over a chain whose patches err independently, its progress and final lines, its context's
 * checks, and no allocation per piece.
 */
class ChainVerifierAgentTest
{
    /** Residual probabilities of I, X, Z, Y per patch of a three-repeater chain: unlike, X and Z correlated. */
    private static final double[][] PATCHES = {
        {0.95, 0.02, 0.02, 0.01}, {0.90, 0.05, 0.03, 0.02}, {0.93, 0.01, 0.04, 0.02}, {0.97, 0.01, 0.01, 0.01},
        {0.88, 0.04, 0.04, 0.04}, {0.94, 0.03, 0.02, 0.01}, {0.96, 0.01, 0.02, 0.01}, {0.91, 0.03, 0.03, 0.03}};

    private final SyntheticChain chain = new SyntheticChain();
    private final FragmentQueue reports = new FragmentQueue();
    private final FragmentQueue truths = new FragmentQueue();
    private final CachedNanoClock clock = new CachedNanoClock();
    private final ChainPieces pieces = new ChainPieces(3, 0);
    private final ChainEpoch source = new ChainEpoch(3);
    private final Random random = new Random();
    private final long[] residualsSent = new long[4 * PATCHES.length];

    @Test
    void shouldFailAnEpochMissingBsReportAtTheDeadlineOnTheContextsClock()
    {
        final long deadlineNs = TimeUnit.MILLISECONDS.toNanos(20);
        final ChainVerifierAgent agent = new ChainVerifierContext().repeaters(1).deadlineNs(deadlineNs).clock(clock)
            .newAgent(reports, truths);
        final ChainPieces shortPieces = new ChainPieces(1, 0);
        final ChainEpoch shortEpoch = new ChainEpoch(1);
        chain.fill(shortEpoch, 0, 0x27L, 0x27L, 1, SyntheticChain.FAITHFUL);
        shortPieces.encode(shortEpoch, 0);
        for (int i = 0; i < shortPieces.count(); i++)
        {
            if (i != shortPieces.reportIndex(shortEpoch.patchB()))
            {
                shortPieces.deliver(i, truths, reports);
            }
        }
        chain.fill(shortEpoch, 1, 0x27L, 0x27L, 1, SyntheticChain.FAITHFUL);
        shortPieces.encode(shortEpoch, 0).deliverAll(truths, reports);

        clock.update(1_000);
        agent.doWork();
        clock.update(1_000 + deadlineNs - 1);
        agent.doWork();
        assertEquals(0, agent.epochsJudged(), "before the deadline nothing is judged, epoch 1 waits for epoch 0");

        clock.update(1_000 + deadlineNs);
        agent.doWork();
        assertEquals(2, agent.epochsJudged());
        assertEquals(1, agent.failed(), "B's report of epoch 0 never came");
        assertEquals(1, agent.right());
        assertEquals(0.5, agent.fidelity(), 1e-12);
        assertEquals(1, agent.assembly().count(Counter.CLOSED_AT_DEADLINE));
        assertEquals("verifier: 2 epochs judged, 1 right, 0 wrong, 0 incomplete, 1 failed, fidelity 0.50000",
            agent.progressLine());
    }

    @Test
    void shouldMeasureTheFidelityInsideTheIntervalOfThePredictedOneForIndependentPatches()
    {
        int inside = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            final ChainVerifierAgent agent = new ChainVerifierContext().repeaters(3).newAgent(reports, truths);
            final int epochs = 3000;
            Arrays.fill(residualsSent, 0);
            final int right = run(agent, seed, epochs);
            agent.doWork();
            final FidelityCounter counter = agent.fidelityCounter();

            assertEquals(epochs, agent.epochsJudged());
            assertEquals(right, agent.right(), "the agent judges what the residuals say");
            assertEquals(epochs - right, agent.wrong());
            assertEquals(epochs, counter.residualEpochs());
            for (int p = 0; p < PATCHES.length; p++)
            {
                for (int r = 0; r < 4; r++)
                {
                    assertEquals(residualsSent[4 * p + r] / (double)epochs, counter.residualProbability(p, r),
                        1e-12, "patch " + p + ", residual " + r);
                }
            }
            inside += counter.predictedInside() ? 1 : 0;
        }
        assertTrue(inside >= 9, "predicted inside the 95% interval for " + inside + " of 10 seeds");
    }

    @Test
    void shouldPrintTheFidelityEachPatchAndThePiecesAtTheEnd()
    {
        final ChainVerifierAgent agent = new ChainVerifierContext().repeaters(3).newAgent(reports, truths);
        run(agent, 42, 500);
        chain.fill(source, 500, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        pieces.encode(source, 0);
        pieces.deliver(pieces.truthIndex(0), truths, reports);
        agent.doWork();

        assertEquals(500, agent.epochsJudged());
        assertEquals(1, agent.closeOpenEpochs(), "epoch 500 had a piece");
        final List<String> lines = agent.summaryLines();

        assertEquals(8 + 2, lines.size());
        assertEquals(agent.fidelityCounter().summary(), lines.get(0));
        assertTrue(lines.get(0).contains("over 501 epochs") && lines.get(0).contains("1 failed"), lines.get(0));
        assertTrue(lines.get(1).startsWith("patch A: logical error rate"), lines.get(1));
        assertTrue(lines.get(2).startsWith("patch L1: ") && lines.get(8).startsWith("patch B: "), lines.toString());
        assertTrue(lines.get(9).startsWith("verifier pieces: 2501 truths, 4000 reports; refused 0 late"),
            lines.get(9));
        assertTrue(lines.get(9).contains("epochs closed 500 complete, 1 at deadline, 0 by window (1 failed"),
            lines.get(9));
    }

    @Test
    void shouldTakePiecesWithoutAllocatingAfterWarmUp()
    {
        final ChainVerifierAgent agent = new ChainVerifierContext().repeaters(3).clock(SystemNanoClock.INSTANCE)
            .newAgent(reports, truths);
        final long[] next = {0};
        final Runnable epochs = () ->
        {
            run(agent, next[0], 2000, next[0]);
            next[0] += 2000;
        };
        epochs.run();

        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(epochs, 3));
        assertEquals(next[0], agent.epochsJudged());
        assertTrue(agent.right() > 0 && agent.wrong() > 0, agent.progressLine());
    }

    @Test
    void shouldConcludeWithDefaultsAndRefuseBadSettingsNamingThem()
    {
        final ChainVerifierContext context = new ChainVerifierContext();
        assertNull(context.clock());
        assertSame(context, context.conclude());
        assertEquals(ChainVerifierContext.REPEATERS_DEFAULT, context.repeaters());
        assertEquals(256, context.window());
        assertEquals(TimeUnit.SECONDS.toNanos(1), context.deadlineNs());
        assertSame(SystemNanoClock.INSTANCE, context.clock());
        assertEquals(1301, context.reportsStream());
        assertEquals(1302, context.truthStream());

        assertEquals("must be a power of two in [2, 16384], --verifier-window=100", assertThrows(
            NodeConfigException.class, () -> new ChainVerifierContext().window(100).conclude()).getMessage());
        assertEquals("must be in [0, 64], --repeaters=-1", assertThrows(
            NodeConfigException.class, () -> new ChainVerifierContext().repeaters(-1).conclude()).getMessage());
        assertEquals("must be in (0, 1h], --verifier-deadline=0ns", assertThrows(
            NodeConfigException.class, () -> new ChainVerifierContext().deadlineNs(0).conclude()).getMessage());
        assertEquals("verifier-window", assertThrows(NodeConfigException.class,
            () -> new ChainVerifierContext().window(1 << 15).conclude()).setting());
        assertEquals("first-epoch", assertThrows(NodeConfigException.class,
            () -> new ChainVerifierContext().firstEpoch(-1).conclude()).setting());
        assertEquals("path", assertThrows(NodeConfigException.class,
            () -> new ChainVerifierContext().pathId(1L << 32).conclude()).setting());
        assertEquals("truth-stream", assertThrows(NodeConfigException.class,
            () -> new ChainVerifierContext().streams(7, 7).conclude()).setting());
    }

    private int run(final ChainVerifierAgent agent, final long seed, final int epochs)
    {
        return run(agent, 0, epochs, seed);
    }

    /**
     * Epochs {@code first..first + epochs - 1} of a faithful three-repeater chain whose patches err independently as
     * {@link #PATCHES}, each epoch's pieces queued in order, then polled by the agent; the number of epochs whose
     * residuals cancel.
     */
    private int run(final ChainVerifierAgent agent, final long first, final int epochs, final long seed)
    {
        random.setSeed(seed);
        int cancel = 0;
        for (int k = 0; k < epochs; k++)
        {
            long residuals = 0;
            for (int p = 0; p < PATCHES.length; p++)
            {
                final int residual = SyntheticChain.sample(PATCHES[p], random.nextDouble());
                residualsSent[4 * p + residual]++;
                residuals |= (long)residual << (2 * p);
            }
            final long truth = random.nextLong() & 0xffffL;
            chain.fill(source, first + k, truth, truth ^ residuals, random.nextInt(64), SyntheticChain.FAITHFUL);
            cancel += ChainVerifier.residualParity(source) == 0 ? 1 : 0;
            pieces.encode(source, 0).deliverAll(truths, reports);
            while (truths.size() + reports.size() > 0)
            {
                agent.doWork();
            }
        }
        return cancel;
    }

}
