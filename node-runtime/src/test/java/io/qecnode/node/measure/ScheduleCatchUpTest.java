package io.qecnode.node.measure;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleCatchUpTest
{
    private static final long LONG_GRACE_NS = TimeUnit.MINUTES.toNanos(10);

    @Test
    void shouldReturnAsSoonAsTheLagFallsBelowOneUnitOfTheSchedule()
    {
        final long[] lags = { 5_000, 2_000, 1_000, 999, 0 };
        final int[] reads = new int[1];

        ScheduleCatchUp.await((nowNs) -> lags[reads[0]++], 1_000, LONG_GRACE_NS);

        assertEquals(4, reads[0], "read until the lag was below the tolerance, then no more");
    }

    @Test
    void shouldGiveUpAfterTheGraceWhenTheSimulatorStaysBehind()
    {
        final int[] reads = new int[1];

        ScheduleCatchUp.await((nowNs) ->
        {
            reads[0]++;
            return Long.MAX_VALUE;
        }, 1_000, TimeUnit.MILLISECONDS.toNanos(20));

        assertTrue(reads[0] >= 1, "reads=" + reads[0]);
    }

    @Test
    void shouldStopWaitingWhenInterruptedAndKeepTheInterrupt()
    {
        final int[] reads = new int[1];
        Thread.currentThread().interrupt();
        try
        {
            ScheduleCatchUp.await((nowNs) ->
            {
                reads[0]++;
                return Long.MAX_VALUE;
            }, 1_000, LONG_GRACE_NS);

            assertEquals(1, reads[0]);
            assertTrue(Thread.currentThread().isInterrupted());
        }
        finally
        {
            Thread.interrupted();
        }
    }
}
