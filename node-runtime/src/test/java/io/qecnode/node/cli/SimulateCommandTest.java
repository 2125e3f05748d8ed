package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate}'s verdict: a run that could not hold the hardware schedule, measured nothing, or received nothing
 * fails (exit 1) and says why; a light run passes.
 */
class SimulateCommandTest
{
    @Test
    @Timeout(60)
    void shouldFailARunThatCannotHoldTheScheduleAndNameTheAchievedRate()
    {
        // Rounds every 10 ns are 100 M a second: no simulator emits that, so the schedule cannot be held.
        final CommandRunner.Run run = CommandRunner.run("simulate", "--memory", "-d", "3", "--period", "10ns", "--duration",
            "1500ms", "--warmup", "500ms", "--probe-every", "0");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("simulate: FAILED: the hardware schedule was not held: achieved "),
            run.toString());
        assertTrue(run.out().contains(" rounds/s of 100000000 requested ("), run.toString());
        assertTrue(run.out().contains("schedule            achieved "), "the summary gives the rate: " + run);
        assertTrue(run.out().contains("backlog "), "and the backlog: " + run);
    }

    @Test
    @Timeout(60)
    void shouldPassALightRunAndShowFallbackAndRejectedFrames()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "--memory", "-d", "3", "--period", "10us", "--duration",
            "1500ms", "--warmup", "500ms", "--probe-every", "0");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("simulate: PASSED"), run.toString());
        assertTrue(run.out().contains("frames rejected 0, not sent 0"), run.toString());
        assertTrue(run.out().contains("fallback 0 blocks (0.000%)"), run.toString());
    }

    @Test
    @Timeout(60)
    void shouldSayThatEveryRoundWasDroppedWhenNothingArrives()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "--memory", "-d", "3", "--period", "10us", "--duration",
            "1500ms", "--warmup", "500ms", "--probe-every", "0", "--faults", "drop=1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("nothing arrived at the node: every round was dropped (--faults drop)"),
            run.toString());
    }

    @Test
    @Timeout(60)
    void shouldRunTheRepeaterChainByDefaultAndJudgeEveryEpoch()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "-d", "3", "-p", "0.02", "--period", "200us",
            "--repeaters", "2", "--duration", "1500ms", "--warmup", "500ms");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("simulate: repeater chain A, 2 repeaters, B: 3 links of"), run.toString());
        assertTrue(run.out().contains("the patches track logical X and Z"), run.toString());
        assertTrue(run.out().contains(" disagree\n") && run.out().contains(", 0 disagree"), run.toString());
        assertTrue(run.out().contains("predicted "), run.toString());
        for (final String patch : new String[]{"patch A:", "patch L1:", "patch R1:", "patch L2:", "patch R2:",
            "patch B:"})
        {
            assertTrue(run.out().contains(patch), patch + " in " + run);
        }
        assertTrue(run.out().contains("node repeater 2"), run.toString());
        assertTrue(run.out().contains("repeater hop"), run.toString());
        assertTrue(run.err().contains("simulate: verifier: "), "a progress line: " + run);
        assertTrue(run.out().contains("simulate: PASSED"), run.toString());
    }

    @Test
    @Timeout(60)
    void shouldFailAChainThatCannotHoldTheSchedule()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "-d", "3", "--period", "10ns", "--duration",
            "1s", "--warmup", "200ms");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("simulate: FAILED: the hardware schedule was not held"), run.toString());
    }

    @Test
    void shouldRefuseFlagsOfTheOtherMode()
    {
        final CommandRunner.Run chain = CommandRunner.run("simulate", "--nodes", "3");
        assertEquals(2, chain.exitCode(), chain.toString());
        assertTrue(chain.err().contains("applies with --memory only, not to the repeater chain, --nodes=3"),
            chain.toString());
        final CommandRunner.Run memory = CommandRunner.run("simulate", "--memory", "--repeaters", "2");
        assertEquals(2, memory.exitCode(), memory.toString());
        assertTrue(memory.err().contains("applies to the repeater chain, not with --memory, --repeaters=2"),
            memory.toString());
        final CommandRunner.Run tooMany = CommandRunner.run("simulate", "--repeaters", "99");
        assertEquals(2, tooMany.exitCode(), tooMany.toString());
        assertTrue(tooMany.err().contains("must be in [0, 64], --repeaters=99"), tooMany.toString());
    }

    @Test
    void shouldNameAnUnknownDriverIdleStrategyBeforeStarting()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "--driver-idle", "fast", "--duration", "1s");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("qec-node simulate: unknown idle strategy, expected busy-spin, yield, " +
            "backoff, sleep, noop, --driver-idle=fast"), run.toString());
        assertEquals("", run.out(), "nothing started: " + run);
    }
}
