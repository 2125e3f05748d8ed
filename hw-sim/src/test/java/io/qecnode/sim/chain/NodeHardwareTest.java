package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.sim.source.RoundSink;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static io.qecnode.decoder.model.SurfaceCodeModel.LOGICAL_X_FLIP;
import static io.qecnode.decoder.model.SurfaceCodeModel.LOGICAL_Z_FLIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeHardwareTest
{
    private static final long SEED = 0x5EED_C4A1L;
    private static final long Y = LOGICAL_X_FLIP | LOGICAL_Z_FLIP;

    // A gap of at least 1e284 mechanisms between firings: no error fires in any run (the tests also check the truth).
    private static final CodeDescription NOISELESS = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 1e-300);
    // Logical flips in a sizeable share of blocks, so truth and parities both move.
    private static final CodeDescription NOISY = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.04);

    @Test
    void shouldReproduceRoundsAndTruthForASeedAndDifferForAnother()
    {
        final Run first = Run.repeater(NOISY, SEED, 300);
        final Run again = Run.repeater(NOISY, SEED, 300);
        final Run other = Run.repeater(NOISY, SEED + 1, 300);

        assertArrayEquals(first.truths, again.truths);
        assertArrayEquals(first.rounds[0].words(), again.rounds[0].words());
        assertArrayEquals(first.rounds[1].words(), again.rounds[1].words());
        assertFalse(Arrays.equals(first.truths, other.truths));
        assertFalse(Arrays.equals(first.rounds[0].words(), other.rounds[0].words()));
    }

    @Test
    void shouldReportTheIdealOutcomesWhenNothingFlips()
    {
        final NodeHardware repeater = NodeHardware.repeater(1, SEED, patch(NOISELESS, 10), patch(NOISELESS, 11));
        for (int k = 0; k < 500; k++)
        {
            assertEquals(k, repeater.runEpoch(EpochTruthSink.NONE));
            final EpochTruth truth = repeater.lastTruth();
            assertEquals(k, truth.epoch());
            assertEquals(1, truth.node());
            assertEquals(2, truth.patchCount());
            assertEquals(10, truth.logicalQubitId(0));
            assertEquals(11, truth.logicalQubitId(1));
            assertEquals(0, truth.trueFlips(0));
            assertEquals(0, truth.trueFlips(1));
            assertTrue(truth.measured());
            assertEquals(truth.idealXx(), truth.rawXx());
            assertEquals(truth.idealZz(), truth.rawZz());
        }

        final NodeHardware end = NodeHardware.endNode(0, SEED, patch(NOISELESS, 3));
        end.runEpoch(EpochTruthSink.NONE);
        assertEquals(1, end.lastTruth().patchCount());
        assertEquals(0, end.lastTruth().parities(), "an end node measures nothing");
        assertEquals(Y, end.lastTruth().trackedFlips(0));
    }

    @Test
    void shouldFlipExactlyTheParityAnInjectedPauliAnticommutesWith()
    {
        // patch, injected Pauli, expected flip of (xx, zz): X flips zz, Z flips xx, Y both.
        assertInjection(0, LOGICAL_X_FLIP, false, true);
        assertInjection(1, LOGICAL_X_FLIP, false, true);
        assertInjection(0, LOGICAL_Z_FLIP, true, false);
        assertInjection(1, LOGICAL_Z_FLIP, true, false);
        assertInjection(1, Y, true, true);
    }

    @Test
    void shouldCancelTheSamePauliOnBothMeasuredPatches()
    {
        final NodeHardware plain = NodeHardware.repeater(1, SEED, patch(NOISELESS, 0), patch(NOISELESS, 1));
        final NodeHardware injected = NodeHardware.repeater(1, SEED, patch(NOISELESS, 0), patch(NOISELESS, 1));
        plain.runEpoch(EpochTruthSink.NONE);
        injected.injectLogical(0, Y);
        injected.injectLogical(1, Y);
        injected.runEpoch(EpochTruthSink.NONE);

        assertEquals(Y, injected.lastTruth().trueFlips(0));
        assertEquals(Y, injected.lastTruth().trueFlips(1));
        assertEquals(plain.lastTruth().parities(), injected.lastTruth().parities());
    }

    @Test
    void shouldDeriveRawParitiesFromTheBlocksTrueFlips()
    {
        final Run run = Run.repeater(NOISY, SEED, 3_000);
        int epochsWithFlips = 0;
        int flippedParities = 0;
        for (int k = 0; k < run.epochs; k++)
        {
            final EpochTruth truth = run.truth(k);
            // The truth of each patch is what its own source handed its round sink at the block's end.
            final long left = run.rounds[0].blockTruth[k];
            final long right = run.rounds[1].blockTruth[k];
            assertEquals(left, truth.trueFlips(0));
            assertEquals(right, truth.trueFlips(1));

            final boolean xFlips = ((left ^ right) & LOGICAL_X_FLIP) != 0;
            final boolean zFlips = ((left ^ right) & LOGICAL_Z_FLIP) != 0;
            assertEquals(truth.idealZz() ^ xFlips, truth.rawZz(), "epoch " + k);
            assertEquals(truth.idealXx() ^ zFlips, truth.rawXx(), "epoch " + k);
            epochsWithFlips += (left | right) != 0 ? 1 : 0;
            flippedParities += truth.rawXx() != truth.idealXx() || truth.rawZz() != truth.idealZz() ? 1 : 0;
        }
        assertTrue(epochsWithFlips > 100, "the noise must flip patches for this test to mean anything: " +
            epochsWithFlips);
        assertTrue(flippedParities > 100, "flippedParities=" + flippedParities);
    }

    @Test
    void shouldDrawBalancedIndependentIdealOutcomes()
    {
        final int epochs = 40_000;
        final NodeHardware repeater = NodeHardware.repeater(2, SEED, patch(NOISELESS, 0), patch(NOISELESS, 1));
        final int[] counts = new int[4];
        for (int k = 0; k < epochs; k++)
        {
            repeater.runEpoch(EpochTruthSink.NONE);
            final EpochTruth truth = repeater.lastTruth();
            counts[(truth.idealXx() ? 1 : 0) | (truth.idealZz() ? 2 : 0)]++;
        }
        // Each (xx, zz) pair is binomial(n, 1/4): five standard deviations either side of n/4.
        final double bound = 5 * Math.sqrt(epochs * 0.25 * 0.75);
        for (int outcome = 0; outcome < 4; outcome++)
        {
            assertTrue(Math.abs(counts[outcome] - epochs / 4.0) < bound,
                "outcome " + outcome + ": " + counts[outcome] + " of " + epochs + ", bound=" + bound);
        }
    }

    @Test
    void shouldGiveEachPatchItsOwnStream()
    {
        final int epochs = 20_000;
        final Run run = Run.repeater(NOISY, SEED, epochs);
        assertFalse(Arrays.equals(run.rounds[0].words(), run.rounds[1].words()), "same code, different syndromes");

        // X flips of the two patches: P(both) must match P(left) P(right) within five standard deviations.
        int left = 0;
        int right = 0;
        int both = 0;
        for (int k = 0; k < epochs; k++)
        {
            final boolean l = (run.rounds[0].blockTruth[k] & LOGICAL_X_FLIP) != 0;
            final boolean r = (run.rounds[1].blockTruth[k] & LOGICAL_X_FLIP) != 0;
            left += l ? 1 : 0;
            right += r ? 1 : 0;
            both += l && r ? 1 : 0;
        }
        final double expected = (double)left * right / epochs;
        final double p = expected / epochs;
        assertTrue(expected > 50, "too few flips to test independence: expected=" + expected);
        assertTrue(Math.abs(both - expected) < 5 * Math.sqrt(epochs * p * (1 - p)),
            "both=" + both + ", expected=" + expected);

        final Set<Long> seeds = new HashSet<>();
        for (int node = 0; node < 1_000; node++)
        {
            seeds.add(ChainSeeds.patchSeed(SEED, node, 0));
            seeds.add(ChainSeeds.patchSeed(SEED, node, 1));
            seeds.add(ChainSeeds.bellSeed(SEED, node));
        }
        assertEquals(3_000, seeds.size(), "every stream of every node has its own seed");
    }

    @Test
    void shouldTrackOnlyTheDemObservablesPauli(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("memory.dem");
        Files.writeString(file, String.join("\n",
            "detector(0, 0, 0) D0", "detector(1, 0, 0) D1", "detector(0, 0, 1) D2", "detector(1, 0, 1) D3",
            "error(0.2) D0 D2 L0", "error(0.2) D1 L0", "error(0.1) D1 D3", "error(0.1) L0"));
        final CodeDescription dem = CodeDescription.fromDem(file, 3);
        final NodeHardware memoryZ = NodeHardware.endNode(0, SEED, PatchSpec.of(dem, 0, PatchSpec.DISCARD));
        final NodeHardware memoryX = NodeHardware.endNode(0, SEED,
            new PatchSpec(dem, 0, LOGICAL_Z_FLIP, PatchSpec.DISCARD));
        int flips = 0;
        for (int k = 0; k < 200; k++)
        {
            memoryZ.runEpoch(EpochTruthSink.NONE);
            memoryX.runEpoch(EpochTruthSink.NONE);
            assertEquals(LOGICAL_X_FLIP, memoryZ.lastTruth().trackedFlips(0));
            assertEquals(LOGICAL_Z_FLIP, memoryX.lastTruth().trackedFlips(0));
            // Same seed, same samples: the one observable lands on X for memory Z and on Z for memory X.
            assertEquals(memoryZ.lastTruth().trueFlips(0) << 1, memoryX.lastTruth().trueFlips(0));
            flips += (int)memoryZ.lastTruth().trueFlips(0);
        }
        assertTrue(flips > 20, "flips=" + flips);
        assertThrows(IllegalArgumentException.class, () -> memoryZ.injectLogical(0, LOGICAL_Z_FLIP));
    }

    @Test
    void shouldGiveTheSameRoundsAndTruthWhenRoundsArePulledOneAtATime()
    {
        final int epochs = 200;
        final Run whole = Run.repeater(NOISY, SEED, epochs);

        // One block more than the epochs: the test pulls the next block past the last epoch.
        final Recorder[] rounds = {new Recorder(epochs + 1), new Recorder(epochs + 1)};
        final NodeHardware pulled = NodeHardware.repeater(1, SEED,
            PatchSpec.of(NOISY, 0, rounds[0]), PatchSpec.of(NOISY, 1, rounds[1]));
        final byte[] truths = new byte[epochs * EpochTruth.LENGTH];
        for (int k = 0; k < epochs; k++)
        {
            // Right patch first, and only part of the left block before the epoch ends: runEpoch emits the rest.
            while (!pulled.emitRound(1))
            {
                pulled.emitRound(0);
            }
            final int at = k * EpochTruth.LENGTH;
            pulled.runEpoch((buffer, offset, length) -> buffer.getBytes(offset, truths, at, length));
        }
        assertArrayEquals(whole.truths, truths);
        assertArrayEquals(whole.rounds[0].words(), rounds[0].words());
        assertArrayEquals(whole.rounds[1].words(), rounds[1].words());

        while (!pulled.emitRound(0))
        {
            assertEquals(epochs, pulled.nextEpoch());
        }
        assertThrows(IllegalStateException.class, () -> pulled.emitRound(0), "block complete: end the epoch first");
    }

    @Test
    void shouldAllocateNothingPerEpochAfterWarmUp()
    {
        final NodeHardware repeater = NodeHardware.repeater(1, SEED, patch(NOISY, 0), patch(NOISY, 1));
        final long[] sum = new long[1];
        final EpochTruth reader = new EpochTruth();
        final EpochTruthSink sink = (buffer, offset, length) -> sum[0] += reader.wrap(buffer, offset).parities();
        for (int k = 0; k < 5_000; k++)
        {
            repeater.runEpoch(sink);
        }
        final long allocated = AllocationMeter.leastBytesAllocatedBy(() ->
        {
            for (int k = 0; k < 1_000; k++)
            {
                repeater.injectLogical(k & 1, LOGICAL_X_FLIP);
                repeater.runEpoch(sink);
            }
        }, 5);
        assertEquals(0, allocated);
        assertTrue(sum[0] > 0);
    }

    private static void assertInjection(final int patch, final long pauli, final boolean xxFlips, final boolean zzFlips)
    {
        final NodeHardware plain = NodeHardware.repeater(1, SEED, patch(NOISELESS, 0), patch(NOISELESS, 1));
        final NodeHardware injected = NodeHardware.repeater(1, SEED, patch(NOISELESS, 0), patch(NOISELESS, 1));
        for (int k = 0; k < 3; k++)
        {
            if (k == 1)
            {
                injected.injectLogical(patch, pauli);
            }
            plain.runEpoch(EpochTruthSink.NONE);
            injected.runEpoch(EpochTruthSink.NONE);
            final EpochTruth expected = plain.lastTruth();
            final EpochTruth actual = injected.lastTruth();
            final boolean now = k == 1;
            assertEquals(now ? pauli : 0, actual.trueFlips(patch), "epoch " + k);
            assertEquals(0, actual.trueFlips(1 - patch));
            assertEquals(expected.idealXx(), actual.idealXx());
            assertEquals(expected.idealZz(), actual.idealZz());
            // Only the injected epoch is flipped: the measured patches start the next epoch fresh.
            assertEquals(expected.rawXx() ^ (now && xxFlips), actual.rawXx(), "xx, epoch " + k);
            assertEquals(expected.rawZz() ^ (now && zzFlips), actual.rawZz(), "zz, epoch " + k);
        }
    }

    private static PatchSpec patch(final CodeDescription code, final int logicalQubitId)
    {
        return PatchSpec.of(code, logicalQubitId, PatchSpec.DISCARD);
    }

    /** A repeater run for a number of epochs, keeping every record and what each patch's rounds carried. */
    private static final class Run
    {
        final int epochs;
        final byte[] truths;
        final Recorder[] rounds;

        private Run(final int epochs, final byte[] truths, final Recorder[] rounds)
        {
            this.epochs = epochs;
            this.truths = truths;
            this.rounds = rounds;
        }

        static Run repeater(final CodeDescription code, final long seed, final int epochs)
        {
            final Recorder[] rounds = {new Recorder(epochs), new Recorder(epochs)};
            final NodeHardware hardware = NodeHardware.repeater(1, seed,
                PatchSpec.of(code, 0, rounds[0]), PatchSpec.of(code, 1, rounds[1]));
            final byte[] truths = new byte[epochs * EpochTruth.LENGTH];
            for (int k = 0; k < epochs; k++)
            {
                final int at = k * EpochTruth.LENGTH;
                hardware.runEpoch((buffer, offset, length) -> buffer.getBytes(offset, truths, at, length));
            }
            return new Run(epochs, truths, rounds);
        }

        EpochTruth truth(final int epoch)
        {
            return new EpochTruth().wrap(new UnsafeBuffer(truths), epoch * EpochTruth.LENGTH);
        }
    }

    /** Keeps every detector word and each block's truth. */
    private static final class Recorder implements RoundSink
    {
        final long[] blockTruth;
        private final ByteArrayOutputStream words = new ByteArrayOutputStream();

        Recorder(final int blocks)
        {
            blockTruth = new long[blocks];
        }

        public void onRound(
            final long blockIndex,
            final int roundIndex,
            final boolean endOfBlock,
            final long[] detectorWords,
            final int detectorCount)
        {
            for (final long word : detectorWords)
            {
                for (int b = 0; b < Long.BYTES; b++)
                {
                    words.write((int)(word >>> (8 * b)));
                }
            }
        }

        public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
        {
            blockTruth[(int)blockIndex] = trueObservableFlips;
        }

        byte[] words()
        {
            return words.toByteArray();
        }
    }
}
