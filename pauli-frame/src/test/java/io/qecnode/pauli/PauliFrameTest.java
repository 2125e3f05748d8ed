package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauliFrameTest
{
    @Test
    void shouldConjugateSingleQubitPaulisThroughHadamard()
    {
        assertEquals("Z", afterGate("X", 'H'));
        assertEquals("X", afterGate("Z", 'H'));
        assertEquals("Y", afterGate("Y", 'H'));
        assertEquals("I", afterGate("I", 'H'));
    }

    @Test
    void shouldConjugateSingleQubitPaulisThroughPhaseAndItsInverse()
    {
        for (final char gate : new char[]{ 'S', 'D' })
        {
            assertEquals("Y", afterGate("X", gate));
            assertEquals("X", afterGate("Y", gate));
            assertEquals("Z", afterGate("Z", gate));
        }
    }

    @Test
    void shouldSpreadXFromControlAndZFromTargetThroughCnot()
    {
        assertEquals("XX", afterCnot("XI"));
        assertEquals("IX", afterCnot("IX"));
        assertEquals("ZI", afterCnot("ZI"));
        assertEquals("ZZ", afterCnot("IZ"));
        assertEquals("YX", afterCnot("YI"));
        assertEquals("ZY", afterCnot("IY"));
    }

    @Test
    void shouldAttachZToTheOtherQubitThroughCz()
    {
        assertEquals("XZ", afterCz("XI"));
        assertEquals("ZX", afterCz("IX"));
        assertEquals("YY", afterCz("XX"));
        assertEquals("ZI", afterCz("ZI"));
    }

    @Test
    void shouldFlipOutcomeOnlyWhenFrameAnticommutesWithMeasuredBasis()
    {
        final PauliFrame frame = frameOf("IXYZ");

        assertFalse(frame.measureZ(0));
        assertTrue(frame.measureZ(1));
        assertTrue(frame.measureZ(2));
        assertFalse(frame.measureZ(3));
        assertFalse(frame.measureX(0));
        assertFalse(frame.measureX(1));
        assertTrue(frame.measureX(2));
        assertTrue(frame.measureX(3));
        assertEquals(frameOf("IXYZ"), frame);
    }

    @Test
    void shouldClearOnlyTheMeasuredQubitWhenMeasuringAndResetting()
    {
        final PauliFrame frame = frameOf("YYY");

        assertTrue(frame.measureZAndReset(0));
        assertTrue(frame.measureXAndReset(2));
        assertFalse(frame.measureZAndReset(0));

        assertEquals(frameOf("IYI"), frame);
    }

    @Test
    void shouldResetOneQubitOrTheWholeFrame()
    {
        final PauliFrame frame = frameOf("XYZX");

        frame.reset(1);
        assertEquals(frameOf("XIZX"), frame);
        frame.resetAll();
        assertTrue(frame.isIdentity());
    }

    @Test
    void shouldApplyCorrectionListsAcrossWordsAndCancelRepeats()
    {
        final PauliFrame frame = new PauliFrame(130);

        frame.applyX(new int[]{ 0, 63, 64, 129, 64 }, 5);
        frame.applyZ(new int[]{ 63, 129 }, 2);

        assertTrue(frame.x(0) && frame.x(63) && frame.x(129));
        assertFalse(frame.x(64));
        assertTrue(frame.z(63) && frame.z(129));
        assertFalse(frame.z(0));
    }

    @Test
    void shouldReadOnlyCountEntriesOfCorrectionList()
    {
        final PauliFrame frame = new PauliFrame(4);

        frame.applyX(new int[]{ 2, -7, 99 }, 1);

        assertEquals(frameOf("IIXI"), frame);
    }

    @Test
    void shouldLeaveFrameUnchangedWhenCorrectionListHoldsBadQubit()
    {
        final PauliFrame frame = frameOf("ZZZ");

        final IndexOutOfBoundsException e =
            assertThrows(IndexOutOfBoundsException.class, () -> frame.applyX(new int[]{ 0, 1, 3 }, 3));

        assertEquals("qubit=3, position=2, qubitCount=3", e.getMessage());
        assertEquals(frameOf("ZZZ"), frame);
    }

    @Test
    void shouldRejectCountOutsideCorrectionList()
    {
        final PauliFrame frame = new PauliFrame(3);

        assertEquals("count=3, length=2", assertThrows(
            IllegalArgumentException.class, () -> frame.applyZ(new int[]{ 0, 1 }, 3)).getMessage());
        assertEquals("count=-1, length=2", assertThrows(
            IllegalArgumentException.class, () -> frame.applyZ(new int[]{ 0, 1 }, -1)).getMessage());
    }

    @Test
    void shouldRejectQubitOutsideFrameWithValueInMessage()
    {
        final PauliFrame frame = new PauliFrame(65);

        assertEquals("qubit=65, qubitCount=65",
            assertThrows(IndexOutOfBoundsException.class, () -> frame.applyX(65)).getMessage());
        assertEquals("qubit=-1, qubitCount=65",
            assertThrows(IndexOutOfBoundsException.class, () -> frame.measureZ(-1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> frame.h(127));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.cnot(0, 65));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.cz(70, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.reset(65));
        assertTrue(frame.isIdentity());
    }

    @Test
    void shouldRejectTwoQubitGateOnOneQubit()
    {
        final PauliFrame frame = new PauliFrame(3);

        assertEquals("control=2, target=2",
            assertThrows(IllegalArgumentException.class, () -> frame.cnot(2, 2)).getMessage());
        assertEquals("a=1, b=1", assertThrows(IllegalArgumentException.class, () -> frame.cz(1, 1)).getMessage());
    }

    @Test
    void shouldRejectFramesOfDifferentSizes()
    {
        final PauliFrame frame = new PauliFrame(64);

        assertEquals("qubitCount=64, otherQubitCount=65",
            assertThrows(IllegalArgumentException.class, () -> frame.xor(new PauliFrame(65))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> frame.copyFrom(new PauliFrame(63)));
    }

    @Test
    void shouldRejectEmptyFrame()
    {
        assertEquals("qubitCount=0, minimum=1",
            assertThrows(IllegalArgumentException.class, () -> new PauliFrame(0)).getMessage());
    }

    @Test
    void shouldMultiplyAndCopyFrames()
    {
        final PauliFrame frame = frameOf("XZYI");

        frame.xor(frameOf("ZZXY"));
        assertEquals(frameOf("YIZY"), frame);

        frame.copyFrom(frameOf("IIIX"));
        assertEquals(frameOf("IIIX"), frame);
    }

    @Test
    void shouldCompareByContentAndPrintOneLetterPerQubit()
    {
        final PauliFrame frame = frameOf("IXYZ");

        assertEquals("PauliFrame{qubitCount=4, paulis=IXYZ}", frame.toString());
        assertEquals(frameOf("IXYZ").hashCode(), frame.hashCode());
        assertNotEquals(frameOf("IXYI"), frame);
        assertNotEquals(new PauliFrame(5), new PauliFrame(4));
    }

    private static String afterGate(final String pauli, final char gate)
    {
        final PauliFrame frame = frameOf(pauli);
        switch (gate)
        {
            case 'H':
                frame.h(0);
                break;
            case 'S':
                frame.s(0);
                break;
            default:
                frame.sDagger(0);
                break;
        }
        return letters(frame);
    }

    private static String afterCnot(final String paulis)
    {
        final PauliFrame frame = frameOf(paulis);
        frame.cnot(0, 1);
        return letters(frame);
    }

    private static String afterCz(final String paulis)
    {
        final PauliFrame frame = frameOf(paulis);
        frame.cz(0, 1);
        return letters(frame);
    }

    static PauliFrame frameOf(final String paulis)
    {
        final PauliFrame frame = new PauliFrame(paulis.length());
        for (int q = 0; q < paulis.length(); q++)
        {
            final char pauli = paulis.charAt(q);
            if (pauli == 'X' || pauli == 'Y')
            {
                frame.applyX(q);
            }
            if (pauli == 'Z' || pauli == 'Y')
            {
                frame.applyZ(q);
            }
        }
        return frame;
    }

    private static String letters(final PauliFrame frame)
    {
        final String text = frame.toString();
        return text.substring(text.indexOf("paulis=") + "paulis=".length(), text.length() - 1);
    }
}
