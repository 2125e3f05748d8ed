package io.qecnode.sim.source;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.ErrorMechanisms;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyndromeSourceTest
{
    // Three rounds of a toy model with decomposed errors, a two-round error and an undetectable one.
    private static final String SMALL_DEM = String.join("\n",
        "detector(0, 0, 0) D0",
        "detector(1, 0, 0) D1",
        "detector(0, 0, 1) D2",
        "detector(1, 0, 1) D3",
        "detector(2, 0, 1) D4",
        "detector(0, 0, 2) D5",
        "error(0.1) D0 D2",
        "error(0.05) D0 D2 ^ D1 L0",
        "error(0.2) D1",
        "error(0.1) D3 D5 ^ D4",
        "error(0.15) D2 D3",
        "error(0.1) D5 L0",
        "error(0.02) L0");

    @Test
    void shouldEmitExactlyTheSampledDefectsRoundByRound()
    {
        // 168 detectors a round: three words, the last one partly used.
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(13, 3, 0.02);
        final SyndromeSource source = SyndromeSource.forModel(model, 11, SyndromeSource.BURST_FACTOR_DEFAULT);
        final ErrorSampler reference = new ErrorSampler(model.graph(), 11);

        assertSameShots(source, reference, 2_000);
    }

    @Test
    void shouldEmitExactlyTheSampledDefectsOfAStimModel()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(SMALL_DEM);
        final SyndromeSource source = SyndromeSource.forDem(model, 5, SyndromeSource.BURST_FACTOR_DEFAULT);
        final ErrorSampler reference = new ErrorSampler(model.errorMechanisms(), 5);

        assertEquals(3, source.rounds().roundCount());
        assertSameShots(source, reference, 20_000);
    }

    @Test
    void shouldMarkOnlyTheLastRoundAsEndOfBlockAndGiveTheTruthAfterIt()
    {
        final SyndromeSource source = sourceOf(SurfaceCodeModel.phenomenological(3, 2, 0.1), 1);
        final List<String> events = new ArrayList<>();
        final RoundSink recorder = new RoundSink()
        {
            public void onRound(
                final long blockIndex, final int roundIndex, final boolean endOfBlock, final long[] detectorWords,
                final int detectorCount)
            {
                events.add(
                    "round " + blockIndex + "." + roundIndex + (endOfBlock ? " end" : "") + " n=" + detectorCount);
            }

            public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
            {
                events.add("truth " + blockIndex);
            }
        };

        assertFalse(source.nextRound(recorder));
        assertFalse(source.nextRound(recorder));
        assertTrue(source.nextRound(recorder));
        assertEquals(3, source.emitBlock(recorder));

        assertEquals(List.of(
            "round 0.0 n=8", "round 0.1 n=8", "round 0.2 end n=8", "truth 0",
            "round 1.0 n=8", "round 1.1 n=8", "round 1.2 end n=8", "truth 1"), events);
        assertEquals(6, source.roundsEmitted());
        assertEquals(2, source.blocksSampled());
    }

    @Test
    void shouldFinishAPartlyEmittedBlock()
    {
        final SyndromeSource source = sourceOf(SurfaceCodeModel.phenomenological(3, 3, 0.1), 1);
        final DefectCollector collector = new DefectCollector(source.rounds());

        source.nextRound(collector);
        assertEquals(1, source.roundIndex());

        assertEquals(3, source.emitBlock(collector));
        assertEquals(1, source.blockIndex());
        assertEquals(0, source.roundIndex());
        assertEquals(1, collector.blocksEnded());
        assertEquals(4, source.emitBlock(collector));
    }

    @Test
    void shouldFireEachMechanismWithItsProbability()
    {
        final SyndromeSource graphSource = sourceOf(SurfaceCodeModel.codeCapacity(3, 0.1), 21);
        final SyndromeSource demSource = SyndromeSource.forDem(
            DetectorErrorModel.parseText(SMALL_DEM), 22, SyndromeSource.BURST_FACTOR_DEFAULT);

        assertFiringFrequencies(graphSource, 100_000);
        assertFiringFrequencies(demSource, 100_000);
    }

    @Test
    void shouldRaiseTheDefectRateOfBurstBlocksByTheExpectedFactor()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 5, 0.002);
        final SyndromeSource source = SyndromeSource.forModel(model, 31, 10.0);
        final DefectCollector collector = new DefectCollector(source.rounds());
        source.burst(10_000, 10_000);
        final double[] sums = new double[2];
        final double[] squares = new double[2];
        final long[] blocks = new long[2];
        for (int block = 0; block < 30_000; block++)
        {
            source.emitBlock(collector);
            final int mode = source.currentBlockInBurst() ? 1 : 0;
            assertEquals(source.isBurstBlock(block), mode == 1, "block=" + block);
            sums[mode] += collector.defectCount();
            squares[mode] += (double)collector.defectCount() * collector.defectCount();
            blocks[mode]++;
        }

        assertEquals(10_000, source.burstBlocksSampled());
        assertEquals(30_000, source.blocksSampled());
        final double expectedNormal = expectedDefects(source.mechanisms());
        final double expectedBurst = expectedDefects(source.burstMechanisms());
        final double meanNormal = sums[0] / blocks[0];
        final double meanBurst = sums[1] / blocks[1];
        final double errorNormal = standardError(sums[0], squares[0], blocks[0]);
        final double errorBurst = standardError(sums[1], squares[1], blocks[1]);
        final double ratio = meanBurst / meanNormal;
        final double ratioError = ratio * Math.hypot(errorNormal / meanNormal, errorBurst / meanBurst);
        System.out.printf("burst x10, phenomenological d=5 p=0.002: defects/block %.3f (expected %.3f) -> %.3f " +
            "(expected %.3f), ratio %.3f +- %.3f (expected %.3f)%n", meanNormal, expectedNormal, meanBurst,
            expectedBurst, ratio, ratioError, expectedBurst / expectedNormal);
        assertWithin(expectedNormal, meanNormal, 4 * errorNormal, "normal defects/block");
        assertWithin(expectedBurst, meanBurst, 4 * errorBurst, "burst defects/block");
        assertWithin(expectedBurst / expectedNormal, ratio, 4 * ratioError, "ratio");
        assertTrue(ratio > 8.0, "ratio=" + ratio);
    }

    @Test
    void shouldBurstTheBlocksAfterTheOneBeingEmitted()
    {
        final SyndromeSource source = sourceOf(SurfaceCodeModel.phenomenological(3, 3, 0.01), 1);
        final DefectCollector collector = new DefectCollector(source.rounds());

        source.nextRound(collector);
        source.burstNext(2);
        source.emitBlock(collector);
        final boolean firstInBurst = source.currentBlockInBurst();
        source.emitBlock(collector);
        source.emitBlock(collector);
        final boolean thirdInBurst = source.currentBlockInBurst();
        source.emitBlock(collector);

        assertFalse(firstInBurst);
        assertTrue(thirdInBurst);
        assertFalse(source.currentBlockInBurst());
        assertEquals(2, source.burstBlocksSampled());
        source.burstNext(0);
        assertFalse(source.isBurstBlock(1));
    }

    @Test
    void shouldRepeatTheSameStreamForTheSameSeedAndBurstSchedule()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(SMALL_DEM);
        final long first = fingerprint(SyndromeSource.forDem(model, 77, 3.0), 20_000);
        final long again = fingerprint(SyndromeSource.forDem(model, 77, 3.0), 20_000);
        final long otherSeed = fingerprint(SyndromeSource.forDem(model, 78, 3.0), 20_000);
        final long phenomenological = fingerprint(
            SyndromeSource.forModel(SurfaceCodeModel.phenomenological(9, 9, 0.01), 5, 3.0), 2_000);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertEquals(phenomenological, fingerprint(
            SyndromeSource.forModel(SurfaceCodeModel.phenomenological(9, 9, 0.01), 5, 3.0), 2_000));
    }

    @Test
    void shouldNotAllocatePerRound()
    {
        final SyndromeSource phenomenological = sourceOf(SurfaceCodeModel.phenomenological(9, 9, 0.01), 3);
        final SyndromeSource dem =
            SyndromeSource.forDem(DetectorErrorModel.parseText(SMALL_DEM), 3, SyndromeSource.BURST_FACTOR_DEFAULT);

        assertNoAllocation(phenomenological);
        assertNoAllocation(dem);
    }

    @Test
    void shouldRejectRoundsThatDoNotCoverTheModelAndBadBursts()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(3, 3, 0.01);
        final ErrorMechanisms mechanisms = ErrorMechanisms.of(model.graph());
        final SyndromeSource source = SyndromeSource.forModel(model, 1, 2.0);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new SyndromeSource(mechanisms, RoundStructure.uniform(3, 8), 1, 2.0));
        assertEquals("rounds must cover the model's detectors: roundDetectors=24, modelDetectors=32, rounds=3",
            error.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new SyndromeSource(mechanisms, RoundStructure.of(model), 1, 0.5));
        assertThrows(IllegalArgumentException.class,
            () -> new SyndromeSource(mechanisms, RoundStructure.of(model), 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> source.burst(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> source.burst(0, -3));
    }

    private static SyndromeSource sourceOf(final SurfaceCodeModel model, final long seed)
    {
        return SyndromeSource.forModel(model, seed, SyndromeSource.BURST_FACTOR_DEFAULT);
    }

    private static void assertSameShots(final SyndromeSource source, final ErrorSampler reference, final int blocks)
    {
        final DefectCollector collector = new DefectCollector(source.rounds());
        final SampledShot shot = new SampledShot(reference.mechanisms());
        for (int block = 0; block < blocks; block++)
        {
            assertEquals(source.rounds().roundCount(), source.emitBlock(collector));
            reference.sample(shot);
            final int[] expected = Arrays.copyOf(shot.defects(), shot.defectCount());
            Arrays.sort(expected);
            assertArrayEquals(expected, Arrays.copyOf(collector.defects(), collector.defectCount()), "block=" + block);
            assertEquals(shot.observableFlips(), collector.trueObservableFlips(), "block=" + block);
            assertTrue(collector.blockEnded());
        }
        assertEquals(blocks, collector.blocksEnded());
    }

    private static void assertFiringFrequencies(final SyndromeSource source, final int blocks)
    {
        final ErrorMechanisms mechanisms = source.mechanisms();
        final DefectCollector collector = new DefectCollector(source.rounds());
        final long[] fired = new long[mechanisms.mechanismCount()];
        for (int block = 0; block < blocks; block++)
        {
            source.emitBlock(collector);
            final SampledShot shot = source.currentShot();
            for (int i = 0; i < shot.firedEdgeCount(); i++)
            {
                fired[shot.firedEdges()[i]]++;
            }
        }
        for (int m = 0; m < fired.length; m++)
        {
            final double p = mechanisms.probability(m);
            assertWithin(blocks * p, fired[m], 4 * Math.sqrt(blocks * p * (1 - p)), "mechanism " + m + " fired");
        }
    }

    private static void assertNoAllocation(final SyndromeSource source)
    {
        final DefectCollector collector = new DefectCollector(source.rounds());
        // Bursts in the warm-up and inside the measured stretch, so both samplers run in each. A short warm-up can
        // leave a JIT tier change inside the measured stretch, which shows as a one-off allocation of ~100 bytes.
        source.burst(source.blockIndex() + 100, 100);
        for (int i = 0; i < 200_000; i++)
        {
            source.nextRound(collector);
        }
        source.burst(source.blockIndex() + 1_000, 1_000);
        final long burstsBefore = source.burstBlocksSampled();
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(() ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                source.nextRound(collector);
            }
        }, 3));
        assertTrue(source.burstBlocksSampled() > burstsBefore);
    }

    private static long fingerprint(final SyndromeSource source, final int blocks)
    {
        final long[] hash = {17};
        final RoundSink hasher = new RoundSink()
        {
            public void onRound(
                final long blockIndex, final int roundIndex, final boolean endOfBlock, final long[] detectorWords,
                final int detectorCount)
            {
                for (final long word : detectorWords)
                {
                    hash[0] = 31 * hash[0] + word;
                }
            }

            public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
            {
                hash[0] = 31 * hash[0] + trueObservableFlips;
            }
        };
        source.burst(blocks / 4, blocks / 4);
        for (int block = 0; block < blocks; block++)
        {
            source.emitBlock(hasher);
        }
        return hash[0];
    }

    // A detector lights when an odd number of its mechanisms fire: P = (1 - prod(1 - 2p)) / 2.
    private static double expectedDefects(final ErrorMechanisms mechanisms)
    {
        final double[] unlit = new double[mechanisms.detectorCount()];
        Arrays.fill(unlit, 1.0);
        for (int m = 0; m < mechanisms.mechanismCount(); m++)
        {
            for (int k = mechanisms.detectorStart(m); k < mechanisms.detectorEnd(m); k++)
            {
                unlit[mechanisms.detectorAt(k)] *= 1.0 - 2.0 * mechanisms.probability(m);
            }
        }
        double expected = 0;
        for (final double product : unlit)
        {
            expected += (1.0 - product) / 2.0;
        }
        return expected;
    }

    private static double standardError(final double sum, final double squares, final long count)
    {
        final double mean = sum / count;
        return Math.sqrt((squares / count - mean * mean) / count);
    }

    private static void assertWithin(final double expected, final double actual, final double tolerance,
        final String what)
    {
        assertTrue(Math.abs(actual - expected) < tolerance,
            what + ": actual=" + actual + ", expected=" + expected + ", tolerance=" + tolerance);
    }
}
