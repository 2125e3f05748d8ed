package io.qecnode.node.telemetry;

import io.qecnode.decoder.experiment.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockTelemetryTest
{
    private final AtomicCounter overflow = new CountersManager(new UnsafeBuffer(ByteBuffer.allocateDirect(8192)),
        new UnsafeBuffer(ByteBuffer.allocateDirect(1024))).newCounter("overflow");

    @Test
    void shouldHandOverEveryFieldInOrderAndCountWhatDidNotFit()
    {
        final BlockTelemetry telemetry = new BlockTelemetry(4096, overflow);
        int accepted = 0;
        for (int block = 0; block < 200; block++)
        {
            accepted += telemetry.offer(block, 1000 + block, 10 + block, 5 + block, block & 7) ? 1 : 0;
        }
        assertTrue(accepted > 0 && accepted < 200, "a 4 KiB ring holds some, not all: " + accepted);
        assertEquals(200 - accepted, overflow.get(), "every event that did not fit is counted");

        final long[] next = {0};
        final int drained = telemetry.drain((block, reaction, decode, lastWindow, flags) ->
        {
            assertEquals(next[0], block);
            assertEquals(1000 + block, reaction);
            assertEquals(10 + block, decode);
            assertEquals(5 + block, lastWindow);
            assertEquals(block & 7, flags);
            next[0]++;
        }, 1000);
        assertEquals(accepted, drained);
        assertTrue(telemetry.offer(999, 1, 1, 1, 0), "room again once drained");
    }

    @Test
    void shouldNotAllocateOnEitherSide()
    {
        final BlockTelemetry telemetry = new BlockTelemetry(1 << 16, overflow);
        final long[] sink = {0};
        final BlockTelemetry.BlockHandler handler = (block, reaction, decode, lastWindow, flags) ->
            sink[0] += reaction;
        final Runnable exchange = () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                telemetry.offer(i, i, i, i, 0);
                telemetry.drain(handler, 10);
            }
        };
        exchange.run();
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(exchange, 3));
        assertFalse(sink[0] == 0);
    }

    @Test
    void shouldRefuseACapacityThatIsNotAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new BlockTelemetry(5000, overflow));
    }
}
