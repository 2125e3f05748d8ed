package io.qecnode.node.measure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleMissTest
{
    @Test
    void shouldTellARunThatFailedOnTheScheduleAlone()
    {
        final RunVerdict verdict = new RunVerdict().schedule(10_000, 50_000, 1_000_000_000L, 0, 0, 50_000);
        final String output = "simulate: chain\n" + verdict.line("simulate") + "\n";

        assertTrue(ScheduleMiss.wasTheOnlyFailure(1, output), output);
        assertFalse(ScheduleMiss.wasTheOnlyFailure(0, output));
    }

    @Test
    void shouldNotRetryARunWithAnotherFailureBesideTheSchedule()
    {
        final RunVerdict verdict = new RunVerdict().schedule(10_000, 50_000, 1_000_000_000L, 0, 0, 50_000)
            .accounting(3, true, 100);
        final RunVerdict otherFailure = new RunVerdict().accounting(0, false, 100);

        assertFalse(ScheduleMiss.wasTheOnlyFailure(1, verdict.line("simulate")), verdict.line("simulate"));
        assertFalse(ScheduleMiss.wasTheOnlyFailure(1, otherFailure.line("simulate")), otherFailure.line("simulate"));
    }
}
