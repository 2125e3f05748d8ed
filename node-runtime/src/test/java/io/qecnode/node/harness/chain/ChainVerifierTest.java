package io.qecnode.node.harness.chain;

import io.qecnode.decoder.experiment.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier against a state-vector simulation of the chain (every truth, every raw outcome, every delivered frame,
 * for one and two repeaters), against the residual rule for a faithful chain, and against a chain that streams a
 * wrong correction.
 */
class ChainVerifierTest
{
    private final SyntheticChain chain = new SyntheticChain();

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldJudgeEveryDeliveredFrameAsTheStateVectorDoes(final int repeaters)
    {
        final ChainVerifier verifier = new ChainVerifier(repeaters);
        final ChainEpoch epoch = new ChainEpoch(repeaters);
        final int b = epoch.patchB();
        long cases = 0;
        long right = 0;
        for (long truth = 0; truth < 1L << (2 * epoch.patchCount()); truth++)
        {
            for (int raw = 0; raw < 1 << (2 * repeaters); raw++)
            {
                final ChainStateVector measured = physicalChain(repeaters, truth, raw);
                for (int delivered = 0; delivered < 64; delivered++)
                {
                    final long frameA = delivered & 3L;
                    final long correction = (delivered >>> 2) & 3L;
                    final long decodedB = (delivered >>> 4) & 3L;
                    chain.fill(epoch, truth, 0L, raw, SyntheticChain.FAITHFUL);
                    epoch.decodedFlips(ChainEpoch.PATCH_A, frameA).decodedFlips(b, decodedB).accumulated(correction);

                    final ChainStateVector corrected = measured.copy();
                    corrected.apply(0, frameA);
                    corrected.apply(b, decodedB);
                    corrected.apply(b, correction);
                    final EpochVerdict verdict = verifier.verify(epoch);

                    final long t = truth;
                    final int r = raw;
                    assertEquals(corrected.endsInPhiPlus(), verdict.isRight(),
                        () -> "truth=0x" + Long.toHexString(t) + ", raw=" + r + ", frameA=" + frameA +
                        ", correction=" + correction + ", decodedB=" + decodedB);
                    cases++;
                    right += verdict.isRight() ? 1 : 0;
                }
            }
        }
        // For every frame of A and decoded frame of B exactly one of the four corrections is right.
        assertEquals(cases / 4, right);
    }

    @Test
    void shouldJudgeRightExactlyWhenResidualsCancelForEveryTruthDecodedAndOutcomeOfOneSwap()
    {
        final ChainVerifier verifier = new ChainVerifier(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        for (long truth = 0; truth < 256; truth++)
        {
            for (long decoded = 0; decoded < 256; decoded++)
            {
                for (int raw = 0; raw < 4; raw++)
                {
                    chain.fill(epoch, truth, decoded, raw, SyntheticChain.FAITHFUL);

                    assertResidualRule(verifier, epoch);
                }
            }
        }
    }

    @Test
    void shouldJudgeRightExactlyWhenResidualsCancelForEveryTruthAndDecodedOfTwoSwaps()
    {
        final ChainVerifier verifier = new ChainVerifier(2);
        final ChainEpoch epoch = new ChainEpoch(2);
        final SplittableRandom random = new SplittableRandom(42);
        long right = 0;
        for (long truth = 0; truth < 4096; truth++)
        {
            for (long decoded = 0; decoded < 4096; decoded++)
            {
                chain.fill(epoch, truth, decoded, random.nextInt(16), SyntheticChain.FAITHFUL);

                right += assertResidualRule(verifier, epoch) ? 1 : 0;
            }
        }
        // The residual XOR is uniform over the four Paulis when truth and decoded run over everything.
        assertEquals(4096L * 4096L / 4, right);
    }

    @Test
    void shouldCatchStreamedCorrectionMissingAnX()
    {
        final ChainVerifier verifier = new ChainVerifier(1);
        final ChainEpoch epoch = new ChainEpoch(1);
        final int zzMinusOne = 2;

        chain.fill(epoch, 0L, 0L, zzMinusOne, SyntheticChain.FAITHFUL);
        assertEquals(EpochVerdict.RIGHT, verifier.verify(epoch), "no error, ZZ read -1, X streamed to B");
        chain.fill(epoch, 0L, 0L, zzMinusOne, SyntheticChain.DROPS_X);
        assertEquals(EpochVerdict.WRONG, verifier.verify(epoch), "no error, ZZ read -1, X dropped on the way");
        assertEquals(0L, ChainVerifier.residualParity(epoch), "perfect decoders: the residual rule alone says right");
    }

    @Test
    void shouldJudgeEveryEpochOfAChainDroppingXAsTheStateVectorDoesWithPerfectDecoders()
    {
        final ChainVerifier verifier = new ChainVerifier(2);
        final ChainEpoch epoch = new ChainEpoch(2);
        long wrong = 0;
        for (long truth = 0; truth < 4096; truth++)
        {
            for (int raw = 0; raw < 16; raw++)
            {
                chain.fill(epoch, truth, truth, raw, SyntheticChain.DROPS_X);
                final ChainStateVector corrected = physicalChain(2, truth, raw);
                corrected.apply(0, epoch.decodedFlips(ChainEpoch.PATCH_A));
                corrected.apply(epoch.patchB(), epoch.decodedFlips(epoch.patchB()));
                corrected.apply(epoch.patchB(), epoch.accumulated());

                final EpochVerdict verdict = verifier.verify(epoch);
                assertEquals(corrected.endsInPhiPlus(), verdict.isRight(), "truth=" + truth + ", raw=" + raw);
                wrong += verdict == EpochVerdict.WRONG ? 1 : 0;
            }
        }
        // The dropped X matters when the corrected ZZ parities XOR to 1: half of the outcomes.
        assertEquals(4096L * 16 / 2, wrong);
    }

    @Test
    void shouldNeverCallAnIncompleteOrFailedEpochRight()
    {
        final ChainVerifier verifier = new ChainVerifier(2);
        final ChainEpoch epoch = new ChainEpoch(2);

        chain.fill(epoch, 0x5a5L, 0x5a5L, 9, SyntheticChain.FAITHFUL);
        assertEquals(EpochVerdict.RIGHT, verifier.verify(epoch));
        assertEquals(EpochVerdict.INCOMPLETE, verifier.verify(epoch.markIncomplete()));
        assertEquals(EpochVerdict.FAILED, verifier.verify(epoch.markFailed()), "failed wins over incomplete");
        chain.fill(epoch, 0x5a5L, 0x5a5L, 9, SyntheticChain.FAITHFUL);
        assertEquals(EpochVerdict.FAILED, verifier.verify(epoch.markFailed()));
        assertFalse(EpochVerdict.INCOMPLETE.isRight() || EpochVerdict.FAILED.isRight() || EpochVerdict.WRONG.isRight());
    }

    @Test
    void shouldJudgeAndCountEpochsWithoutAllocating()
    {
        final int repeaters = 3;
        final ChainVerifier verifier = new ChainVerifier(repeaters);
        final ChainEpoch epoch = new ChainEpoch(repeaters);
        final FidelityCounter counter = new FidelityCounter(repeaters);
        final SplittableRandom random = new SplittableRandom(7);
        final long[] truths = new long[1024];
        final long[] decodeds = new long[1024];
        for (int k = 0; k < truths.length; k++)
        {
            truths[k] = random.nextLong() & 0xffffL;
            decodeds[k] = truths[k] ^ (random.nextInt(8) == 0 ? 1L << random.nextInt(16) : 0L);
        }
        final Runnable epochs = () ->
        {
            for (int k = 0; k < 100_000; k++)
            {
                final int slot = k & (truths.length - 1);
                chain.fill(epoch, truths[slot], decodeds[slot], slot & 63, SyntheticChain.FAITHFUL);
                if (slot == 5)
                {
                    epoch.markFailed();
                }
                counter.record(epoch, verifier.verify(epoch));
            }
        };
        epochs.run();

        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(epochs, 3));
        assertTrue(counter.right() > 0 && counter.wrong() > 0 && counter.failed() > 0, counter.summary());
    }

    @Test
    void shouldRefuseMalformedInput()
    {
        final ChainEpoch epoch = new ChainEpoch(1);

        assertThrows(IllegalArgumentException.class, () -> epoch.accumulated(4L));
        assertThrows(IllegalArgumentException.class, () -> epoch.trueFlips(0, 8L));
        assertThrows(IllegalArgumentException.class, () -> epoch.decodedFlips(0, -1L));
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.rawParities(0, true, true));
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.rawParities(2, true, true));
        assertThrows(IllegalArgumentException.class, () -> new ChainVerifier(2).verify(epoch));
        assertThrows(IllegalArgumentException.class, () -> new FidelityCounter(2).record(epoch, EpochVerdict.RIGHT));
        assertThrows(IllegalArgumentException.class, () -> new ChainEpoch(-1));
    }

    private static boolean assertResidualRule(final ChainVerifier verifier, final ChainEpoch epoch)
    {
        final boolean right = verifier.verify(epoch).isRight();
        if (right != (ChainVerifier.residualParity(epoch) == 0))
        {
            final StringBuilder context = new StringBuilder("residualParity=" + ChainVerifier.residualParity(epoch));
            for (int p = 0; p < epoch.patchCount(); p++)
            {
                context.append(", patch ").append(p).append(": true=").append(epoch.trueFlips(p))
                    .append(" decoded=").append(epoch.decodedFlips(p));
            }
            assertEquals(ChainVerifier.residualParity(epoch) == 0, right, context.toString());
        }
        return right;
    }

    /** Bell pairs on every link, the true Paulis on every patch, then every repeater's parities as read. */
    private static ChainStateVector physicalChain(final int repeaters, final long truth, final int raw)
    {
        final ChainStateVector state = new ChainStateVector(repeaters);
        for (int p = 0; p < 2 * repeaters + 2; p++)
        {
            state.apply(p, (truth >>> (2 * p)) & 3L);
        }
        for (int i = 1; i <= repeaters; i++)
        {
            final boolean xx = ((raw >>> (2 * (i - 1))) & 1) != 0;
            final boolean zz = ((raw >>> (2 * (i - 1) + 1)) & 1) != 0;
            state.measure(true, ChainEpoch.leftPatch(i), ChainEpoch.rightPatch(i), xx);
            state.measure(false, ChainEpoch.leftPatch(i), ChainEpoch.rightPatch(i), zz);
        }
        return state;
    }
}
