package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks the Bell-measurement convention of {@link LogicalFrame} against a state-vector simulation of entanglement
 * swapping: Bell pairs (A, B1) and (B2, C), a Bell-state measurement on B1 B2, and the correction on C.
 */
class EntanglementSwapTest
{
    private static final int A = 0;
    private static final int B1 = 1;
    private static final int B2 = 2;
    private static final int C = 3;
    private static final double EPSILON = 1e-12;

    @Test
    void shouldLeaveOuterQubitsInBellStateForEveryOutcomeAndTrackedFrame()
    {
        for (int outcome = 0; outcome < 4; outcome++)
        {
            final boolean xxParity = (outcome & 1) != 0;
            final boolean zzParity = (outcome & 2) != 0;
            for (int paulis = 0; paulis < 256; paulis++)
            {
                final String context = "xxParity=" + xxParity + ", zzParity=" + zzParity + ", paulis=" + paulis;
                final StateVector state = twoBellPairs();
                final LogicalFrame frame = new LogicalFrame(4);
                for (int q = 0; q < 4; q++)
                {
                    final long flips = (paulis >>> (2 * q)) & 3L;
                    frame.foldObservableFlips(q, flips);
                    state.applyFlips(q, flips);
                }

                assertEquals(0.5, state.measureParity('Z', B1, B2, zzParity), EPSILON, context);
                assertEquals(0.5, state.measureParity('X', B1, B2, xxParity), EPSILON, context);
                frame.foldObservableFlips(C, frame.swapEntanglement(B1, B2, xxParity, zzParity));
                state.applyFlips(A, frame.observableFlips(A));
                state.applyFlips(C, frame.observableFlips(C));

                assertBellPairOnOuterQubits(state, context);
                assertEquals(0L, frame.observableFlips(B1) | frame.observableFlips(B2), context);
            }
        }
    }

    @Test
    void shouldReadXxParityOnFirstAndZzParityOnSecondQubitOfCnotHadamardCircuit()
    {
        for (int outcome = 0; outcome < 4; outcome++)
        {
            final boolean m1 = (outcome & 1) != 0;
            final boolean m2 = (outcome & 2) != 0;
            final StateVector state = twoBellPairs();
            state.cnot(B1, B2);
            state.h(B1);

            assertEquals(0.5, state.measureZ(B1, m1), EPSILON);
            assertEquals(0.5, state.measureZ(B2, m2), EPSILON);
            state.applyFlips(C, LogicalFrame.bellCorrection(m1, m2));

            assertBellPairOnOuterQubits(state, "m1=" + m1 + ", m2=" + m2);
        }
    }

    @Test
    void shouldTellTheConventionFromItsMirrorImage()
    {
        final StateVector state = twoBellPairs();
        state.measureParity('Z', B1, B2, true);
        state.measureParity('X', B1, B2, false);

        // The mirrored convention, X^xx Z^zz, would put a Z on C here instead of the X that is needed.
        state.applyFlips(C, LogicalFrame.Z_FLIP);

        assertEquals(-1.0, state.expectation('Z', A, C), EPSILON);
        assertEquals(-1.0, state.expectation('X', A, C), EPSILON);
    }

    @Test
    void shouldAgreeWithPhysicalFramePushedThroughBellMeasurementCircuit()
    {
        for (int paulis = 0; paulis < 16; paulis++)
        {
            final PauliFrame physical = new PauliFrame(4);
            final LogicalFrame logical = new LogicalFrame(4);
            for (int q = B1; q <= B2; q++)
            {
                final long flips = (paulis >>> (2 * (q - B1))) & 3L;
                logical.foldObservableFlips(q, flips);
                if ((flips & LogicalFrame.X_FLIP) != 0)
                {
                    physical.applyX(q);
                }
                if ((flips & LogicalFrame.Z_FLIP) != 0)
                {
                    physical.applyZ(q);
                }
            }

            physical.cnot(B1, B2);
            physical.h(B1);
            final boolean xxFlip = physical.measureZ(B1);
            final boolean zzFlip = physical.measureZ(B2);

            assertEquals(LogicalFrame.bellCorrection(xxFlip, zzFlip), logical.swapEntanglement(B1, B2, false, false),
                "paulis=" + paulis);
        }
    }

    private static StateVector twoBellPairs()
    {
        final StateVector state = new StateVector(4);
        state.h(A);
        state.cnot(A, B1);
        state.h(B2);
        state.cnot(B2, C);
        return state;
    }

    // Phi+ is the only state with +1 for both Z_A Z_C and X_A X_C.
    private static void assertBellPairOnOuterQubits(final StateVector state, final String context)
    {
        assertEquals(1.0, state.expectation('Z', A, C), EPSILON, context);
        assertEquals(1.0, state.expectation('X', A, C), EPSILON, context);
    }
}
