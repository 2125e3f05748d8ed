package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate}'s repeater chain under faults between nodes: UDP loss repaired and counted, hardware faults
 * judged failed where they struck, and bad values refused in one line.
 */
class SimulateChainFaultsTest
{
    private static final Pattern UDP = Pattern.compile("udp +(\\d+) data frames dropped on purpose \\(receive " +
        "0\\.05, send 0, seed 1; the raw udp hop.s too\\); naks sent (\\d+), naks received \\d+, retransmits " +
        "sent (\\d+) .*, loss gap fills 0");

    private static final Pattern VERDICT = Pattern.compile("(?m)^simulate: (PASSED|FAILED: the hardware schedule " +
        "was not held: [^;]*)(; warning: .*)?$");

    @Test
    @Timeout(90)
    void lossIsRepairedAndCountedAndAFaultFailsItsEpoch()
    {
        // 600 us an epoch: the nodes' window of 4096 epochs holds 2.4 s, above the deadline and any repair.
        final CommandRunner.Run run = CommandRunner.run("simulate", "-d", "3", "--period", "200us", "--duration",
            "2s", "--warmup", "500ms", "--deadline", "2s", "--loss", "0.05", "--faults", "drop-bell:1:300");
        // A machine too busy to hold the hardware's schedule fails the run for that alone; nothing else may fail it.
        assertTrue(VERDICT.matcher(run.out()).find(), run.toString());
        assertEquals(run.out().contains("simulate: PASSED") ? 0 : 1, run.exitCode(), run.toString());
        final Matcher udp = UDP.matcher(run.out());
        assertTrue(udp.find(), run.toString());
        assertTrue(Long.parseLong(udp.group(1)) > 0, "frames were dropped: " + run);
        assertTrue(Long.parseLong(udp.group(2)) > 0 && Long.parseLong(udp.group(3)) > 0, "and repaired: " + run);
        assertTrue(run.out().contains(" 0 incomplete, 1 failed, whole epochs"), "every state whole, the Bell " +
            "measurement lost fails its one epoch: " + run);
        assertTrue(run.out().contains("udp loss=0.05, faults=drop-bell:1:300"), run.toString());
    }

    @Test
    void badLossAndFaultsAreOneLineNamingTheFlag()
    {
        assertBadFlag("must be a rate in [0, 1), --loss=1", "--loss", "1");
        assertBadFlag("must be a rate in [0, 1), --loss=lots", "--loss", "lots");
        assertBadFlag("must be a rate in [0, 1), --loss=NaN", "--loss", "NaN");
        assertBadFlag("applies to the repeater chain, not with --memory, --loss=0.1", "--memory", "--loss", "0.1");
        assertBadFlag("only repeaters measure Bell pairs, node must be in [1, 1] in 'drop-bell:2:5', " +
            "--faults=drop-bell:2:5", "--faults", "drop-bell:2:5");
        assertBadFlag("B holds only a left patch in 'drop-rounds:3:right:5', --faults=drop-rounds:3:right:5",
            "--repeaters", "2", "--faults", "drop-rounds:3:right:5");
        assertBadFlag("node must be in [0, 2] in 'drop-rounds:3:left:5', --faults=drop-rounds:3:left:5",
            "--faults", "drop-rounds:3:left:5");
        assertBadFlag("epoch must be >= 0 in 'drop-bell:1:-1', --faults=drop-bell:1:-1", "--faults",
            "drop-bell:1:-1");
        assertBadFlag("delay-bell takes NODE:EPOCH:DURATION in 'delay-bell:1:5'", "--faults", "delay-bell:1:5");
        assertBadFlag("delay: a duration needs a unit (ns, us, ms, s, m, h) in 'delay-rounds:1:left:5:5', " +
            "--faults=delay-rounds:1:left:5:5", "--faults", "delay-rounds:1:left:5:5");
        assertBadFlag("unknown chain fault 'drop=1' (drop-rounds, delay-rounds, drop-bell, delay-bell)", "--faults",
            "drop=1");
    }

    private static void assertBadFlag(final String expected, final String... args)
    {
        final String[] command = new String[args.length + 1];
        command[0] = "simulate";
        System.arraycopy(args, 0, command, 1, args.length);
        final CommandRunner.Run run = CommandRunner.run(command);
        assertEquals(2, run.exitCode(), run.toString());
        final String[] lines = run.err().split("\n");
        assertEquals(2, lines.length, run.toString());
        assertTrue(lines[0].startsWith("qec-node simulate: ") && lines[0].contains(expected), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
        assertEquals("", run.out(), run.toString());
    }
}
