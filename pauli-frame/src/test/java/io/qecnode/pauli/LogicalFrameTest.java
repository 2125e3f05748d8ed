package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogicalFrameTest
{
    @Test
    void shouldFoldObservableFlipsIntoXAndZBits()
    {
        final LogicalFrame frame = new LogicalFrame(3);

        frame.foldObservableFlips(0, LogicalFrame.X_FLIP);
        frame.foldObservableFlips(1, LogicalFrame.Z_FLIP);
        frame.foldObservableFlips(2, LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP);
        frame.foldObservableFlips(2, LogicalFrame.X_FLIP);
        frame.foldObservableFlips(0, 0L);

        assertTrue(frame.x(0));
        assertFalse(frame.z(0));
        assertFalse(frame.x(1));
        assertTrue(frame.z(1));
        assertFalse(frame.x(2));
        assertTrue(frame.z(2));
        assertEquals("LogicalFrame{logicalCount=3, paulis=XZZ}", frame.toString());
    }

    @Test
    void shouldMatchBooleanModelOverManyLogicalQubits()
    {
        final int logicalCount = 130;
        final SplittableRandom random = new SplittableRandom(5);
        final LogicalFrame frame = new LogicalFrame(logicalCount);
        final boolean[] x = new boolean[logicalCount];
        final boolean[] z = new boolean[logicalCount];

        for (int i = 0; i < 20_000; i++)
        {
            final int logical = random.nextInt(logicalCount);
            final long flips = random.nextInt(4);
            frame.foldObservableFlips(logical, flips);
            x[logical] ^= (flips & LogicalFrame.X_FLIP) != 0;
            z[logical] ^= (flips & LogicalFrame.Z_FLIP) != 0;
            if (random.nextInt(50) == 0)
            {
                frame.reset(logical);
                x[logical] = false;
                z[logical] = false;
            }
            assertEquals(x[logical], frame.x(logical), "step=" + i);
            assertEquals(z[logical], frame.z(logical), "step=" + i);
            assertEquals((x[logical] ? 1L : 0L) | (z[logical] ? 2L : 0L), frame.observableFlips(logical));
        }
        for (int l = 0; l < logicalCount; l++)
        {
            assertEquals(x[l], frame.x(l), "logical=" + l);
            assertEquals(z[l], frame.z(l), "logical=" + l);
        }
    }

    @Test
    void shouldForwardFrameInTheEncodingItFoldsIn()
    {
        final LogicalFrame here = new LogicalFrame(2);
        final LogicalFrame there = new LogicalFrame(1);
        here.foldObservableFlips(1, LogicalFrame.Z_FLIP | LogicalFrame.X_FLIP);

        there.foldObservableFlips(0, here.observableFlips(1));

        assertTrue(there.x(0));
        assertTrue(there.z(0));
    }

    @Test
    void shouldOweXForZzParityAndZForXxParity()
    {
        assertEquals(0L, LogicalFrame.bellCorrection(false, false));
        assertEquals(LogicalFrame.Z_FLIP, LogicalFrame.bellCorrection(true, false));
        assertEquals(LogicalFrame.X_FLIP, LogicalFrame.bellCorrection(false, true));
        assertEquals(LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP, LogicalFrame.bellCorrection(true, true));
    }

    @Test
    void shouldFoldMeasuredHalvesIntoCorrectionAndClearThem()
    {
        final LogicalFrame frame = new LogicalFrame(4);
        frame.foldObservableFlips(1, LogicalFrame.X_FLIP);
        frame.foldObservableFlips(2, LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP);
        frame.foldObservableFlips(3, LogicalFrame.Z_FLIP);

        final long correction = frame.swapEntanglement(1, 2, false, true);

        // X frames on 1 and 2 cancel against each other, leaving zz; the Z frame on 2 flips xx.
        assertEquals(LogicalFrame.bellCorrection(true, true), correction);
        assertEquals(0L, frame.observableFlips(1));
        assertEquals(0L, frame.observableFlips(2));
        assertEquals(LogicalFrame.Z_FLIP, frame.observableFlips(3));
    }

    @Test
    void shouldRejectBadIndicesAndMasksWithValuesInMessage()
    {
        final LogicalFrame frame = new LogicalFrame(2);

        assertEquals("logical=2, logicalCount=2",
            assertThrows(IndexOutOfBoundsException.class, () -> frame.x(2)).getMessage());
        assertEquals("observableFlips=0x4, allowedBits=0x3, logical=0",
            assertThrows(IllegalArgumentException.class, () -> frame.foldObservableFlips(0, 4L)).getMessage());
        assertEquals("first=1, second=1", assertThrows(
            IllegalArgumentException.class, () -> frame.swapEntanglement(1, 1, false, false)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> frame.swapEntanglement(0, -1, false, false));
        assertThrows(IllegalArgumentException.class, () -> new LogicalFrame(0));
        assertEquals(0L, frame.observableFlips(0) | frame.observableFlips(1));
    }

    @Test
    void shouldCompareByContentAndResetAll()
    {
        final LogicalFrame frame = new LogicalFrame(70);
        frame.foldObservableFlips(69, LogicalFrame.Z_FLIP);

        assertNotEquals(new LogicalFrame(70), frame);
        frame.resetAll();
        assertEquals(new LogicalFrame(70), frame);
        assertEquals(new LogicalFrame(70).hashCode(), frame.hashCode());
    }
}
