package io.qecnode.io.frame;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BellMeasurementTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final BellMeasurementWriter writer = new BellMeasurementWriter();
    private final BellMeasurementView view = new BellMeasurementView();

    @Test
    void readsBackEveryFieldForEachParityPair()
    {
        for (int parities = 0; parities < 4; parities++)
        {
            final boolean xx = (parities & 1) != 0;
            final boolean zz = (parities & 2) != 0;
            final int length = writer.encode(buffer, 16, 7, 14, 15, 123_456_789_012L, -5L, xx, zz);
            assertEquals(41, length);
            assertTrue(view.wrapAndVerify(buffer, 16, length));
            assertEquals(123_456_789_012L, view.epoch());
            assertEquals(-5L, view.emitTimestampNs());
            assertEquals(7, view.sourceNode());
            assertEquals(14, view.leftQubit());
            assertEquals(15, view.rightQubit());
            assertEquals(xx, view.xx());
            assertEquals(zz, view.zz());
        }
    }

    @Test
    void refusesACorruptTruncatedOrForeignFrame()
    {
        final int length = writer.encode(buffer, 0, 1, 2, 3, 4, 5, true, false);
        buffer.putByte(40, (byte)(buffer.getByte(40) ^ 2));
        assertFalse(view.wrapAndVerify(buffer, 0, length), "flipped parity bit");
        writer.encode(buffer, 0, 1, 2, 3, 4, 5, true, false);
        assertTrue(view.wrapAndVerify(buffer, 0, length));
        assertFalse(view.wrapAndVerify(buffer, 0, length - 1), "truncated");
        assertFalse(view.wrapAndVerify(buffer, 0, length + 1), "trailing byte");

        final int stateLength = new LogicalStateWriter().encode(buffer, 0, 1, 2, 3, 0, 4, 5, 6, 0);
        assertFalse(BellMeasurementView.isBellMeasurement(buffer, 0));
        assertFalse(view.wrapAndVerify(buffer, 0, stateLength), "a LogicalState is not a Bell measurement");
    }
}
