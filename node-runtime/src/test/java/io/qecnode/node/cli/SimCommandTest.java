package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimCommandTest
{
    private static final Pattern EMBEDDED_DIR = Pattern.compile("aeron dir=(\\S+) \\(embedded\\)");

    @Test
    @Timeout(60)
    void shouldPublishTheRequestedRoundsAndRemoveItsDriverDirectory()
    {
        final CommandRunner.Run run = CommandRunner.run("sim", "--model", "phenomenological", "-d", "5", "--period",
            "0", "--rounds-limit", "120000", "--duration", "30s", "--faults", "drop@1000");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("done: 120000 rounds"), run.out());
        assertTrue(run.out().contains("20000 blocks"), run.out());
        assertTrue(run.out().contains("injected drop=120"), run.out());
        final Matcher dir = EMBEDDED_DIR.matcher(run.out());
        assertTrue(dir.find(), run.out());
        assertFalse(new File(dir.group(1)).exists(), "embedded driver directory left behind: " + dir.group(1));
    }

    @Test
    void shouldRefuseBadFlagsBeforeStarting()
    {
        assertBad("unknown fault 'late'", "--faults", "late=0.1");
        assertBad(", --faults=late=0.1", "--faults", "late=0.1");
        assertBad("not a duration (e.g. 500ns, 1us, 10s, 10m, 1h), --period=fast", "--period", "fast");
        assertBad("must be an odd distance in [3, 51], --distance=4", "-d", "4");
        assertBad("unknown idle strategy 'spin': expected busy-spin, yield, backoff, sleep, noop, --idle=spin",
            "--idle", "spin");
    }

    private static void assertBad(final String expected, final String... flags)
    {
        final String[] args = new String[flags.length + 1];
        args[0] = "sim";
        System.arraycopy(flags, 0, args, 1, flags.length);
        final CommandRunner.Run run = CommandRunner.run(args);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains(expected), run.err());
    }
}
