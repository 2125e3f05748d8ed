package io.qecnode.node.measure;

import io.qecnode.io.frame.FrameCounter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunVerdictTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldPassARunThatHeldItsScheduleAndLostNothing()
    {
        final RunVerdict verdict = new RunVerdict().schedule(1000, 995_000, SECOND_NS, 3, 2, 5000)
            .accounting(0, true, 199_000).fallback(10, 199_000);
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertTrue(verdict.warnings().isEmpty(), verdict.warnings().toString());
        assertEquals("achieved 995000 rounds/s of 1000000 requested (99.5%), backlog 2 blocks (0.0 ms) at the end, " +
            "3 at the start", verdict.scheduleLine());
        assertEquals("simulate: PASSED", verdict.line("simulate"));
    }

    @Test
    void shouldFailARunBelowTheRequestedRateAndSayTheAchievedRate()
    {
        // The d=25 case of issue 10: 548,000 rounds a second of 1,000,000, the backlog seconds long.
        final RunVerdict verdict = new RunVerdict().schedule(1000, 10_960_000, 20 * SECOND_NS, 20_000, 360_000,
            26_000).accounting(0, true, 400_000).fallback(0, 400_000);
        assertFalse(verdict.passed());
        assertEquals("the hardware schedule was not held: achieved 548000 rounds/s of 1000000 requested (54.8%, " +
            "below 99%)", verdict.failures().get(0));
        assertTrue(verdict.failures().get(1).startsWith("the node fell behind: backlog 360000 blocks (9360.0 ms) at " +
            "the end, 20000 at the start"), verdict.failures().toString());
        assertTrue(verdict.line("simulate").startsWith("simulate: FAILED: the hardware schedule was not held"));
    }

    @Test
    void shouldFailABacklogThatGrewButNotOneThatShrankOrStayedSmall()
    {
        // The rate is held exactly, so the one failure must be the backlog's, not the schedule's.
        final RunVerdict grew = new RunVerdict().schedule(1000, SECOND_NS / 1000, SECOND_NS, 500, 5000, 5000);
        assertFalse(grew.passed());
        assertEquals(1, grew.failures().size(), grew.failures().toString());
        assertTrue(grew.failures().get(0).startsWith("the node fell behind: backlog 5000 blocks"),
            grew.failures().toString());
        assertTrue(new RunVerdict().schedule(1000, SECOND_NS / 1000, SECOND_NS, 9000, 5000, 5000).passed());
        assertTrue(new RunVerdict().schedule(1000, SECOND_NS / 1000, SECOND_NS, 0, 900, 5000).passed());
    }

    @Test
    void shouldFailANothingMeasuredOrUnaccountedOrUndrainedRun()
    {
        assertTrue(new RunVerdict().schedule(1000, 0, 0, 0, 0, 5000).failures().get(0)
            .startsWith("nothing was measured after the warm-up"));
        final RunVerdict lost = new RunVerdict().accounting(3, false, 0);
        assertEquals(3, lost.failures().size(), lost.failures().toString());
        assertEquals("3 frame(s) or block(s) lost unaccounted", lost.failures().get(0));
    }

    @Test
    void shouldWarnAboveATenthOfAPercentOfFallbackBlocksAndFailAboveOnePercent()
    {
        final RunVerdict fine = new RunVerdict().fallback(10, 100_000);
        assertTrue(fine.passed() && fine.warnings().isEmpty());
        assertEquals("fallback 10 blocks (0.010%)", fine.fallbackLine());

        final RunVerdict warned = new RunVerdict().fallback(1362, 438_000);
        assertTrue(warned.passed());
        assertEquals("1362 blocks (0.311%) went to the fallback decoder, more than 0.1%", warned.warnings().get(0));
        assertEquals("latency: PASSED; warning: 1362 blocks (0.311%) went to the fallback decoder, more than 0.1%",
            warned.line("latency"));

        final RunVerdict failed = new RunVerdict().fallback(2000, 100_000);
        assertFalse(failed.passed());
        assertTrue(failed.failures().get(0).contains("2000 blocks (2.000%)"), failed.failures().toString());
    }

    @Test
    void shouldSayHowManyBlocksTheNodeShedAndNothingWhenItShedNone()
    {
        final RunVerdict shed = new RunVerdict().shed(12, 3400);
        assertTrue(shed.passed());
        assertEquals("simulate: PASSED; warning: the node fell behind (backlog up to 3400 rounds) and shed 12 blocks " +
            "to the fallback", shed.line("simulate"));
        assertTrue(new RunVerdict().shed(0, 3400).warnings().isEmpty());
    }

    @Test
    void shouldFailARunWhereNothingReachedTheNodeAndSayWhy()
    {
        assertTrue(new RunVerdict().arrivals(1000, 0, 1000).failures().get(0)
            .contains("every round was dropped (--faults drop), 1000 of 1000"));
        assertTrue(new RunVerdict().arrivals(1000, 0, 0).failures().get(0)
            .contains("none of 1000 rounds was accepted"));
        assertTrue(new RunVerdict().arrivals(1000, 1, 999).passed());
        assertTrue(new RunVerdict().arrivals(0, 0, 0).passed(), "nothing sent is judged by the schedule, not here");
    }

    @Test
    void shouldNameRejectedFramesByKind()
    {
        assertEquals("rejected 0", RunVerdict.rejectedByKind(counter -> 0));
        assertEquals("rejected 12 (bad checksum 10, duplicate 2)", RunVerdict.rejectedByKind(counter ->
            counter == FrameCounter.BAD_CHECKSUM ? 10 : counter == FrameCounter.DUPLICATE ? 2 :
            counter == FrameCounter.ACCEPTED ? 1000 : 0));
    }
}
