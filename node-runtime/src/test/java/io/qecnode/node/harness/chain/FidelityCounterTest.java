package io.qecnode.node.harness.chain;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fidelity counted from the verifier's verdicts against the one predicted from the patches' residuals: exactly
 * equal when the patches are exactly independent, inside the interval for sampled independent patches, outside for a
 * chain that streams a wrong correction.
 */
class FidelityCounterTest
{
    /** Residual weights per patch over I, X, Z, Y; each sums to 10. */
    private static final int[][] WEIGHTS = {{6, 2, 1, 1}, {7, 1, 2, 0}, {5, 1, 1, 3}, {8, 0, 1, 1}};

    /** Residual probabilities of I, X, Z, Y per patch of a two-repeater chain: unlike, and X and Z correlated. */
    private static final double[][] PATCHES = {
        {0.90, 0.05, 0.03, 0.02}, {0.85, 0.02, 0.08, 0.05}, {0.93, 0.04, 0.01, 0.02},
        {0.80, 0.10, 0.06, 0.04}, {0.95, 0.01, 0.01, 0.03}, {0.88, 0.03, 0.05, 0.04}};

    private final SyntheticChain chain = new SyntheticChain();

    @Test
    void shouldPredictExactlyTheMeasuredFidelityOfExactlyIndependentPatches()
    {
        final ChainVerifier verifier = new ChainVerifier(1);
        final FidelityCounter counter = new FidelityCounter(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        final SplittableRandom random = new SplittableRandom(3);
        // Every combination of residuals as often as the product of its weights: the patches' joint distribution is
        // exactly the product of theirs, so the XOR-convolution is exactly the share of right epochs.
        for (long residuals = 0; residuals < 256; residuals++)
        {
            long multiplicity = 1;
            for (int p = 0; p < 4; p++)
            {
                multiplicity *= WEIGHTS[p][(int)((residuals >>> (2 * p)) & 3)];
            }
            for (long k = 0; k < multiplicity; k++)
            {
                final long truth = random.nextLong() & 0xffL;
                chain.fill(epoch, truth, truth ^ residuals, random.nextInt(4), SyntheticChain.FAITHFUL);
                counter.record(epoch, verifier.verify(epoch));
            }
        }

        assertEquals(10_000, counter.epochs());
        double allClean = 1.0;
        for (int p = 0; p < 4; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                assertEquals(WEIGHTS[p][r] / 10.0, counter.residualProbability(p, r), 1e-12, "patch " + p);
            }
            allClean *= counter.residualProbability(p, 0);
        }
        assertEquals(counter.measured(), counter.predicted(), 1e-12);
        assertTrue(counter.predicted() > allClean + 0.05, "errors that cancel between patches count as right");
        assertTrue(counter.predictedInside(), counter.summary());
    }

    @Test
    void shouldHoldThePredictionInsideTheIntervalForSampledIndependentPatches()
    {
        int inside = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            final FidelityCounter counter = sampledRun(seed, SyntheticChain.FAITHFUL);
            inside += counter.predictedInside() ? 1 : 0;
        }
        assertTrue(inside >= 19, "predicted inside the 95% interval in " + inside + " of 20 seeds");
    }

    @Test
    void shouldPutThePredictionOutsideTheIntervalWhenTheChainDropsAnX()
    {
        final FidelityCounter faithful = sampledRun(1, SyntheticChain.FAITHFUL);
        final FidelityCounter dropsX = sampledRun(1, SyntheticChain.DROPS_X);

        assertEquals(faithful.predicted(), dropsX.predicted(), 1e-12, "the patches err alike in both runs");
        assertFalse(dropsX.predictedInside(), dropsX.summary());
        assertTrue(dropsX.summary().contains("OUTSIDE the interval"), dropsX.summary());
        assertTrue(dropsX.upper() < faithful.lower(), dropsX.summary() + " / " + faithful.summary());
    }

    @Test
    void shouldCountUnfinishedEpochsAsNotRightAndLeaveThemOutOfThePatchStatistics()
    {
        final ChainVerifier verifier = new ChainVerifier(1);
        final FidelityCounter counter = new FidelityCounter(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        for (int k = 0; k < 12; k++)
        {
            chain.fill(epoch, 0x1bL, k < 10 ? 0x1bL : 0x1bL ^ 0x40L, k & 3, SyntheticChain.FAITHFUL);
            if (k == 10)
            {
                epoch.markIncomplete();
            }
            if (k == 11)
            {
                epoch.markFailed();
            }
            counter.record(epoch, verifier.verify(epoch));
        }

        assertEquals(12, counter.epochs());
        assertEquals(10, counter.right());
        assertEquals(1, counter.incomplete());
        assertEquals(1, counter.failed());
        assertEquals(10.0 / 12.0, counter.measured(), 1e-12);
        assertEquals(0.0, counter.logicalErrorRate(3), "the unfinished epochs' errors on B are not B's statistics");
        assertEquals(1.0, counter.predicted(), 1e-12);
        assertTrue(counter.summary().contains("whole epochs 1.00000"), counter.summary());
    }

    @Test
    void shouldCountAVerdictWithoutResidualsTowardsTheFidelityOnly()
    {
        final ChainVerifier verifier = new ChainVerifier(1);
        final FidelityCounter counter = new FidelityCounter(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        for (int k = 0; k < 4; k++)
        {
            chain.fill(epoch, 0x1bL, k == 0 ? 0x1bL ^ 0x04L : 0x1bL, 1, SyntheticChain.FAITHFUL);
            counter.record(epoch, verifier.verify(epoch));
        }
        chain.fill(epoch, 0x1bL, 0x1bL ^ 0x40L, 1, SyntheticChain.FAITHFUL);
        counter.recordVerdict(verifier.verify(epoch));
        counter.recordVerdict(EpochVerdict.RIGHT);

        assertEquals(6, counter.epochs());
        assertEquals(4, counter.right());
        assertEquals(2, counter.wrong());
        assertEquals(4, counter.residualEpochs());
        assertEquals(0.25, counter.logicalErrorRate(1), 1e-12, "only the recorded epochs' residuals");
        assertEquals(0.0, counter.logicalErrorRate(3), 1e-12, "B's error of the unrecorded epoch is not counted");
        assertEquals(0.75, counter.predicted(), 1e-12);
        assertTrue(counter.summary().contains("predicted 0.75000 from 4 patches over 4 epochs"), counter.summary());
    }

    @Test
    void shouldHoldAPerfectPredictionInsideWhenEveryEpochWasRight()
    {
        // No residual anywhere: predicted exactly 1, measured every epoch right, the interval's upper end 1.
        final FidelityCounter counter = new FidelityCounter(1);
        final ChainVerifier verifier = new ChainVerifier(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        for (int k = 0; k < 60_000; k++)
        {
            chain.fill(epoch, 0L, 0L, k & 3, SyntheticChain.FAITHFUL);
            counter.record(epoch, verifier.verify(epoch));
        }
        assertEquals(1.0, counter.predicted());
        assertEquals(60_000, counter.right());
        assertTrue(counter.predictedInside(), counter.summary());
    }

    @Test
    void shouldSummariseOnOneLine()
    {
        final FidelityCounter counter = new FidelityCounter(1);
        assertEquals("fidelity: no epochs", counter.summary());
        assertFalse(counter.predictedInside());

        final ChainVerifier verifier = new ChainVerifier(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        for (int k = 0; k < 4; k++)
        {
            chain.fill(epoch, 0L, k == 0 ? 0x10L : 0L, 0, SyntheticChain.FAITHFUL);
            counter.record(epoch, verifier.verify(epoch));
        }
        final String summary = counter.summary();

        assertTrue(summary.startsWith("fidelity 0.75000 ["), summary);
        assertTrue(summary.contains("over 4 epochs: 3 right, 1 wrong, 0 incomplete, 0 failed; predicted 0.75000"),
            summary);
        assertFalse(summary.contains("\n"), summary);
        assertTrue(counter.lower() < 0.75 && 0.75 < counter.upper());
        assertTrue(counter.patchSummary(2).startsWith("patch R1: logical error rate 0.250000 (X 0.250000,"),
            counter.patchSummary(2));
        assertTrue(counter.patchSummary(0).startsWith("patch A:") && counter.patchSummary(3).startsWith("patch B:"));
    }

    /** 20 000 epochs of a two-repeater chain whose patches err independently as {@link #PATCHES}. */
    private FidelityCounter sampledRun(final int seed, final SyntheticChain.Repeater repeater)
    {
        final ChainVerifier verifier = new ChainVerifier(2);
        final FidelityCounter counter = new FidelityCounter(2);
        final ChainEpoch epoch = new ChainEpoch(2);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < 20_000; k++)
        {
            long residuals = 0;
            for (int p = 0; p < PATCHES.length; p++)
            {
                residuals |= (long)SyntheticChain.sample(PATCHES[p], random.nextDouble()) << (2 * p);
            }
            final long truth = random.nextLong() & 0xfffL;
            chain.fill(epoch, truth, truth ^ residuals, random.nextInt(16), repeater);
            counter.record(epoch, verifier.verify(epoch));
        }
        return counter;
    }
}
