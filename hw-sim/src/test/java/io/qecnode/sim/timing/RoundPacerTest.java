package io.qecnode.sim.timing;

import io.qecnode.decoder.experiment.AllocationMeter;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundPacerTest
{
    private static final long PERIOD_NS = 1_000_000;

    // Agrona's settable NanoClock: the test moves time by hand.
    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void shouldKeepExactDeadlinesWhenEachRoundIsServedLateByAVaryingAmount()
    {
        final int rounds = 100_000;
        final long startNs = 1_234_567_891L;
        final SplittableRandom random = new SplittableRandom(42);
        final RoundPacer pacer = new RoundPacer(clock, PERIOD_NS);
        clock.update(startNs);
        pacer.start();

        for (int round = 0; round < rounds; round++)
        {
            final long deadlineNs = startNs + round * PERIOD_NS;
            final long latenessNs = random.nextLong(PERIOD_NS);
            clock.update(deadlineNs + latenessNs);

            assertTrue(pacer.isDue(), "round " + round);
            assertEquals(latenessNs, pacer.lastLatenessNs());
            // Had the pacer scheduled from the serving time, this would be off by latenessNs and drift each round.
            assertEquals(deadlineNs + PERIOD_NS, pacer.nextDeadlineNs());
            assertFalse(pacer.isDue(), "round " + (round + 1) + " due early");
        }

        assertEquals(rounds, pacer.roundCount());
        assertEquals(0, pacer.lateRoundCount());
        assertEquals(startNs + rounds * PERIOD_NS, pacer.nextDeadlineNs());
    }

    @Test
    void shouldBeDueExactlyAtTheDeadlineAndNotBefore()
    {
        final RoundPacer pacer = new RoundPacer(clock, PERIOD_NS);
        pacer.start(0);

        assertTrue(pacer.isDue(0));
        assertFalse(pacer.isDue(PERIOD_NS - 1));
        assertTrue(pacer.isDue(PERIOD_NS));
        assertEquals(0, pacer.lastLatenessNs());
        assertEquals(2 * PERIOD_NS, pacer.nextDeadlineNs());
    }

    @Test
    void shouldCompareDeadlinesWrapSafelyNearLongMaxValue()
    {
        final long startNs = Long.MAX_VALUE - 2 * PERIOD_NS - PERIOD_NS / 2;
        final RoundPacer pacer = new RoundPacer(clock, PERIOD_NS);
        pacer.start(startNs);
        for (int round = 0; round < 3; round++)
        {
            assertTrue(pacer.isDue(startNs + round * PERIOD_NS), "round " + round);
        }

        // The deadline has wrapped to a negative value while the clock has not yet.
        final long wrappedDeadlineNs = startNs + 3 * PERIOD_NS;
        assertTrue(wrappedDeadlineNs < 0);
        assertEquals(wrappedDeadlineNs, pacer.nextDeadlineNs());
        assertFalse(pacer.isDue(Long.MAX_VALUE), "a plain nowNs >= deadlineNs would call this due");
        assertTrue(pacer.isDue(wrappedDeadlineNs + 5));
        assertEquals(5, pacer.lastLatenessNs());
        assertEquals(wrappedDeadlineNs + PERIOD_NS, pacer.nextDeadlineNs());

        pacer.start(Long.MAX_VALUE - 10);
        assertTrue(pacer.isDue(Long.MIN_VALUE + 9));
        assertEquals(20, pacer.lastLatenessNs());
    }

    @Test
    void shouldAlwaysBeDueWhenUnpaced()
    {
        final int rounds = 1_000;
        final RoundPacer pacer = new RoundPacer(clock, 0);
        clock.update(123);
        pacer.start();

        for (int round = 0; round < rounds; round++)
        {
            assertTrue(pacer.isDue(), "round " + round);
            clock.advance(round % 3);
        }

        assertEquals(rounds, pacer.roundCount());
        assertEquals(0, pacer.lastLatenessNs());
        assertEquals(0, pacer.lateRoundCount());
        assertEquals(123, pacer.nextDeadlineNs());
    }

    @Test
    void shouldCountOnlyRoundsMoreThanOnePeriodLate()
    {
        final long periodNs = 100;
        final RoundPacer pacer = new RoundPacer(clock, periodNs);
        pacer.start(0);

        assertTrue(pacer.isDue(30));
        assertEquals(30, pacer.lastLatenessNs());
        assertTrue(pacer.isDue(200));
        assertEquals(periodNs, pacer.lastLatenessNs());
        assertEquals(0, pacer.lateRoundCount(), "exactly one period late is not more than one period late");
        assertTrue(pacer.isDue(200));
        assertEquals(0, pacer.lastLatenessNs());

        // A stall until 650 leaves the rounds due at 300, 400, 500 and 600 to be served back to back.
        int caughtUp = 0;
        while (pacer.isDue(650))
        {
            caughtUp++;
        }
        assertEquals(4, caughtUp);
        assertEquals(3, pacer.lateRoundCount());
        assertEquals(50, pacer.lastLatenessNs());
        assertEquals(7, pacer.roundCount());
        assertEquals(700, pacer.nextDeadlineNs());

        pacer.start(1_000);
        assertEquals(0, pacer.lateRoundCount());
        assertEquals(0, pacer.lastLatenessNs());
        assertEquals(0, pacer.roundCount());
        assertEquals(1_000, pacer.nextDeadlineNs());
    }

    @Test
    void shouldRejectANegativePeriod()
    {
        assertThrows(IllegalArgumentException.class, () -> new RoundPacer(clock, -1));
    }

    @Test
    void shouldNotAllocateWhilePacing()
    {
        final RoundPacer pacer = new RoundPacer(clock, PERIOD_NS);
        pacer.start(0);
        final long bytes = AllocationMeter.leastBytesAllocatedBy(
            () ->
            {
                for (long nowNs = 0; nowNs < 1_000 * PERIOD_NS; nowNs += PERIOD_NS / 3)
                {
                    pacer.isDue(nowNs);
                }
            }, 3);

        assertEquals(0, bytes);
        assertTrue(pacer.roundCount() > 0);
    }
}
