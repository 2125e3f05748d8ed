package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks {@link ChainCorrection} against a state-vector simulation of a repeater chain: Bell pairs on every link,
 * Pauli errors on every patch tracked in the nodes' frames as a decoder would report them, a Bell-state measurement
 * at every repeater, the correction streamed A to B, and A's and B's frames applied physically at the end.
 * <p>
 * Qubit layout for n repeaters: A = 0, L_i = 2i - 1, R_i = 2i, B = 2n + 1; link i pairs qubits 2i and 2i + 1.
 * A and B hold a one-patch frame each, repeater i a two-patch frame ({@link #LEFT}, {@link #RIGHT}).
 */
class RepeaterChainTest
{
    private static final int A = 0;
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int PATCH = 0;
    private static final double EPSILON = 1e-9;

    /** What one repeater does with the correction it receives; the right one and deliberately wrong ones. */
    @FunctionalInterface
    private interface Repeater
    {
        long swap(long accumulated, LogicalFrame frame, boolean xxRaw, boolean zzRaw);
    }

    private static final Repeater CORRECT =
        (accumulated, frame, xx, zz) -> ChainCorrection.swap(accumulated, frame, LEFT, RIGHT, xx, zz);

    @Test
    void shouldLeaveEndNodesInBellStateAfterTwoSwapsForEveryOutcomeAndTrackedError()
    {
        final int repeaters = 2;
        for (int outcomes = 0; outcomes < 1 << (2 * repeaters); outcomes++)
        {
            for (long errors = 0; errors < 1L << (2 * qubits(repeaters)); errors++)
            {
                final StateVector state = runChain(repeaters, outcomes, errors, CORRECT);

                assertTrue(isPhiPlus(state, repeaters), context(outcomes, errors));
            }
        }
    }

    @Test
    void shouldRejectEveryOtherCorrectionOnBAfterTwoSwaps()
    {
        final int repeaters = 2;
        final int b = qubits(repeaters) - 1;
        for (int outcomes = 0; outcomes < 1 << (2 * repeaters); outcomes++)
        {
            for (long errors = 0; errors < 1L << (2 * qubits(repeaters)); errors++)
            {
                final StateVector state = runChain(repeaters, outcomes, errors, CORRECT);
                for (long extra = 1; extra < 4; extra++)
                {
                    final StateVector wrong = state.copy();
                    wrong.applyFlips(b, extra);

                    assertFalse(isPhiPlus(wrong, repeaters), context(outcomes, errors) + ", extra=" + extra);
                }
            }
        }
    }

    @Test
    void shouldCatchMirroredConventionWhereZzDrivesZ()
    {
        final Repeater mirrored = (accumulated, frame, xx, zz) ->
            accumulated ^ mirror(ChainCorrection.swap(ChainCorrection.NONE, frame, LEFT, RIGHT, xx, zz));

        assertFalse(isPhiPlus(runChain(2, zzOutcome(1), 0L, mirrored), 2), "zz1 = 1, no errors");
        assertTrue(failures(2, mirrored) > 0);
    }

    @Test
    void shouldCatchForgottenFrameOfRightPatch()
    {
        final Repeater forgetful = (accumulated, frame, xx, zz) ->
        {
            frame.reset(RIGHT);
            return ChainCorrection.swap(accumulated, frame, LEFT, RIGHT, xx, zz);
        };
        final long xOnR1 = LogicalFrame.X_FLIP << (2 * 2);

        assertTrue(isPhiPlus(runChain(2, 0, xOnR1, CORRECT), 2));
        assertFalse(isPhiPlus(runChain(2, 0, xOnR1, forgetful), 2), "X on R1, all parities +1");
        assertTrue(failures(2, forgetful) > 0);
    }

    @Test
    void shouldCatchCorrectionNotAccumulatedAlongTheChain()
    {
        final Repeater lastOnly = (accumulated, frame, xx, zz) ->
            ChainCorrection.swap(ChainCorrection.NONE, frame, LEFT, RIGHT, xx, zz);

        assertFalse(isPhiPlus(runChain(2, zzOutcome(1), 0L, lastOnly), 2), "zz1 = 1, no errors");
        assertTrue(failures(2, lastOnly) > 0);
    }

    @Test
    void shouldMatchSwapEntanglementPathForOneSwap()
    {
        for (int outcomes = 0; outcomes < 4; outcomes++)
        {
            final boolean xx = (outcomes & 1) != 0;
            final boolean zz = (outcomes & 2) != 0;
            for (int errors = 0; errors < 256; errors++)
            {
                final LogicalFrame single = new LogicalFrame(4);
                for (int q = 0; q < 4; q++)
                {
                    single.foldObservableFlips(q, (errors >>> (2 * q)) & 3L);
                }
                single.foldObservableFlips(3, single.swapEntanglement(1, 2, xx, zz));

                final LogicalFrame repeater = new LogicalFrame(2);
                final LogicalFrame b = new LogicalFrame(1);
                repeater.foldObservableFlips(LEFT, (errors >>> 2) & 3L);
                repeater.foldObservableFlips(RIGHT, (errors >>> 4) & 3L);
                b.foldObservableFlips(PATCH, (errors >>> 6) & 3L);
                final long accumulated = ChainCorrection.swap(ChainCorrection.NONE, repeater, LEFT, RIGHT, xx, zz);
                ChainCorrection.complete(accumulated, b, PATCH);

                final String context = context(outcomes, errors);
                assertEquals(single.observableFlips(3), b.observableFlips(PATCH), context);
                assertTrue(isPhiPlus(runChain(1, outcomes, errors, CORRECT), 1), context);
            }
        }
    }

    @Test
    void shouldMatchCircuitPropagatedReferenceForThreeAndFiveSwaps()
    {
        final SplittableRandom random = new SplittableRandom(12);
        for (final int repeaters : new int[] {3, 5})
        {
            for (int run = 0; run < 20_000; run++)
            {
                final int outcomes = random.nextInt(1 << (2 * repeaters));
                final long errors = random.nextLong() & ((1L << (2 * qubits(repeaters))) - 1);
                final LogicalFrame[] frames = frames(repeaters, errors);

                long accumulated = ChainCorrection.NONE;
                for (int i = 1; i <= repeaters; i++)
                {
                    accumulated = CORRECT.swap(accumulated, frames[i], xx(outcomes, i), zz(outcomes, i));
                }
                ChainCorrection.complete(accumulated, frames[repeaters + 1], PATCH);

                final String context = "repeaters=" + repeaters + ", " + context(outcomes, errors);
                assertEquals(errors & 3L, frames[0].observableFlips(PATCH), context);
                final long b = frames[repeaters + 1].observableFlips(PATCH);
                assertEquals(referenceB(repeaters, outcomes, errors), b, context);
                for (int i = 1; i <= repeaters; i++)
                {
                    assertEquals(0L, frames[i].observableFlips(LEFT) | frames[i].observableFlips(RIGHT), context);
                }
            }
        }
    }

    @Test
    void shouldLeaveEndNodesInBellStateAfterThreeAndFiveSwapsForRandomOutcomesAndErrors()
    {
        final SplittableRandom random = new SplittableRandom(13);
        for (final int repeaters : new int[] {3, 5})
        {
            for (int run = 0; run < 1000; run++)
            {
                final int outcomes = random.nextInt(1 << (2 * repeaters));
                final long errors = random.nextLong() & ((1L << (2 * qubits(repeaters))) - 1);

                assertTrue(isPhiPlus(runChain(repeaters, outcomes, errors, CORRECT), repeaters),
                    "repeaters=" + repeaters + ", " + context(outcomes, errors));
            }
        }
    }

    @Test
    void shouldFoldCorrectedParitiesAndReadThemBack()
    {
        final long afterFirst = ChainCorrection.fold(ChainCorrection.NONE, false, true);
        final long afterSecond = ChainCorrection.fold(afterFirst, true, true);

        assertEquals(LogicalFrame.X_FLIP, afterFirst);
        assertTrue(ChainCorrection.zzParity(afterFirst));
        assertFalse(ChainCorrection.xxParity(afterFirst));
        assertEquals(LogicalFrame.Z_FLIP, afterSecond);
        assertFalse(ChainCorrection.zzParity(afterSecond));
        assertTrue(ChainCorrection.xxParity(afterSecond));
    }

    @Test
    void shouldRejectMaskWithBitsOtherThanXAndZ()
    {
        final LogicalFrame frame = new LogicalFrame(2);

        assertThrows(IllegalArgumentException.class, () -> ChainCorrection.fold(4L, false, false));
        assertThrows(IllegalArgumentException.class, () -> ChainCorrection.swap(-1L, frame, LEFT, RIGHT, false, false));
        assertThrows(IllegalArgumentException.class, () -> ChainCorrection.complete(8L, frame, LEFT));
    }

    /**
     * Build the chain, put the errors on every qubit (2 bits each, qubit 0 lowest) and in the owning node's frame,
     * measure ZZ then XX at each repeater in turn with the outcomes (xx_i at bit 2(i-1), zz_i at bit 2(i-1)+1),
     * stream the correction A to B, and apply A's and B's frames to the state.
     */
    private static StateVector runChain(final int repeaters, final int outcomes, final long errors, final Repeater hop)
    {
        final int qubits = qubits(repeaters);
        final StateVector state = new StateVector(qubits);
        for (int link = 0; link <= repeaters; link++)
        {
            state.h(2 * link);
            state.cnot(2 * link, 2 * link + 1);
        }
        for (int q = 0; q < qubits; q++)
        {
            state.applyFlips(q, (errors >>> (2 * q)) & 3L);
        }
        final LogicalFrame[] frames = frames(repeaters, errors);

        long accumulated = ChainCorrection.NONE;
        for (int i = 1; i <= repeaters; i++)
        {
            final String context = "repeater=" + i + ", " + context(outcomes, errors);
            assertEquals(0.5, state.measureParity('Z', 2 * i - 1, 2 * i, zz(outcomes, i)), EPSILON, context);
            assertEquals(0.5, state.measureParity('X', 2 * i - 1, 2 * i, xx(outcomes, i)), EPSILON, context);
            accumulated = hop.swap(accumulated, frames[i], xx(outcomes, i), zz(outcomes, i));
        }
        ChainCorrection.complete(accumulated, frames[repeaters + 1], PATCH);

        state.applyFlips(A, frames[0].observableFlips(PATCH));
        state.applyFlips(qubits - 1, frames[repeaters + 1].observableFlips(PATCH));
        return state;
    }

    // Node i's frame with the errors of its patches folded in, as its decoder would report them.
    private static LogicalFrame[] frames(final int repeaters, final long errors)
    {
        final LogicalFrame[] frames = new LogicalFrame[repeaters + 2];
        frames[0] = new LogicalFrame(1);
        frames[repeaters + 1] = new LogicalFrame(1);
        for (int i = 1; i <= repeaters; i++)
        {
            frames[i] = new LogicalFrame(2);
        }
        for (int q = 0; q < qubits(repeaters); q++)
        {
            final int node = (q + 1) / 2;
            final int patch = node == 0 || node == repeaters + 1 ? PATCH : (q % 2 == 1 ? LEFT : RIGHT);
            frames[node].foldObservableFlips(patch, (errors >>> (2 * q)) & 3L);
        }
        return frames;
    }

    /**
     * B's frame computed without LogicalFrame: the errors pushed through each repeater's Bell-measurement circuit
     * (CNOT L to R, H on L, measure both in Z: L reads XX, R reads ZZ) give the flips of the raw parities, and the
     * chain correction X^(XOR zz') Z^(XOR xx') lands on top of B's own error.
     */
    private static long referenceB(final int repeaters, final int outcomes, final long errors)
    {
        final int qubits = qubits(repeaters);
        final ReferenceFrame frame = new ReferenceFrame(qubits);
        for (int q = 0; q < qubits; q++)
        {
            frame.x[q] = ((errors >>> (2 * q)) & LogicalFrame.X_FLIP) != 0;
            frame.z[q] = ((errors >>> (2 * q)) & LogicalFrame.Z_FLIP) != 0;
        }
        boolean xOnB = frame.x[qubits - 1];
        boolean zOnB = frame.z[qubits - 1];
        for (int i = 1; i <= repeaters; i++)
        {
            frame.cnot(2 * i - 1, 2 * i);
            frame.h(2 * i - 1);
            zOnB ^= xx(outcomes, i) ^ frame.measureZ(2 * i - 1);
            xOnB ^= zz(outcomes, i) ^ frame.measureZ(2 * i);
        }
        return (xOnB ? LogicalFrame.X_FLIP : 0L) | (zOnB ? LogicalFrame.Z_FLIP : 0L);
    }

    private static int failures(final int repeaters, final Repeater hop)
    {
        int failures = 0;
        for (int outcomes = 0; outcomes < 1 << (2 * repeaters); outcomes++)
        {
            for (long errors = 0; errors < 1L << (2 * qubits(repeaters)); errors++)
            {
                failures += isPhiPlus(runChain(repeaters, outcomes, errors, hop), repeaters) ? 0 : 1;
            }
        }
        return failures;
    }

    // Phi+ is the only state with +1 for both Z_A Z_B and X_A X_B.
    private static boolean isPhiPlus(final StateVector state, final int repeaters)
    {
        final int b = qubits(repeaters) - 1;
        return Math.abs(state.expectation('Z', A, b) - 1.0) < EPSILON &&
            Math.abs(state.expectation('X', A, b) - 1.0) < EPSILON;
    }

    private static long mirror(final long mask)
    {
        return ((mask & LogicalFrame.X_FLIP) << 1) | ((mask & LogicalFrame.Z_FLIP) >>> 1);
    }

    private static int zzOutcome(final int repeater)
    {
        return 1 << (2 * (repeater - 1) + 1);
    }

    private static boolean xx(final int outcomes, final int repeater)
    {
        return ((outcomes >>> (2 * (repeater - 1))) & 1) != 0;
    }

    private static boolean zz(final int outcomes, final int repeater)
    {
        return ((outcomes >>> (2 * (repeater - 1) + 1)) & 1) != 0;
    }

    private static int qubits(final int repeaters)
    {
        return 2 * repeaters + 2;
    }

    private static String context(final int outcomes, final long errors)
    {
        return "outcomes=0x" + Integer.toHexString(outcomes) + ", errors=0x" + Long.toHexString(errors);
    }
}
