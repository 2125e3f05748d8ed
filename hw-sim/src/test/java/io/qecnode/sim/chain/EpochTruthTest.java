package io.qecnode.sim.chain;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochTruthTest
{
    @Test
    void shouldReadBackEveryFieldAtAnOffsetAndTouchNothingOutsideTheRecord()
    {
        final int offset = 12;
        final byte[] bytes = new byte[offset + EpochTruth.LENGTH + 8];
        java.util.Arrays.fill(bytes, (byte)0x5A);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final EpochTruth truth = new EpochTruth().wrap(buffer, offset);

        truth.header(1L << 40, 7, 2, EpochTruth.MEASURED | EpochTruth.RAW_ZZ | EpochTruth.IDEAL_XX)
            .patch(0, 70, 3, 3, true)
            .patch(1, 71, 1, 1, false);

        final EpochTruth reader = new EpochTruth().wrap(new UnsafeBuffer(bytes), offset);
        assertEquals(1L << 40, reader.epoch());
        assertEquals(7, reader.node());
        assertEquals(2, reader.patchCount());
        assertTrue(reader.measured());
        assertFalse(reader.rawXx());
        assertTrue(reader.rawZz());
        assertTrue(reader.idealXx());
        assertFalse(reader.idealZz());
        assertEquals(70, reader.logicalQubitId(0));
        assertEquals(3, reader.trueFlips(0));
        assertEquals(3, reader.trackedFlips(0));
        assertTrue(reader.burst(0));
        assertEquals(71, reader.logicalQubitId(1));
        assertEquals(1, reader.trueFlips(1));
        assertFalse(reader.burst(1));
        assertEquals(0, buffer.getShort(offset + 14), "reserved bytes are cleared");
        for (int i = 0; i < offset; i++)
        {
            assertEquals(0x5A, bytes[i]);
        }
        for (int i = offset + EpochTruth.LENGTH; i < bytes.length; i++)
        {
            assertEquals(0x5A, bytes[i]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> reader.trueFlips(2));
    }
}
