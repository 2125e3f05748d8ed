package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakCommandTest
{
    @Test
    @Timeout(60)
    void shouldFailLoudlyWhenThePipelineCannotKeepUpWithTheHardware()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        // Rounds every 50 ns at d=9 are several times what one core decodes: the backlog must grow and be caught.
        final int exit = commandLine.execute("soak", "-d", "9", "--period", "50ns", "--warmup", "1s", "--duration",
            "3s", "--interval", "1s");
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(out.toString().contains("soak FAILED"), out.toString());
        assertTrue(err.toString().contains("the node fell behind"), err.toString());
    }

    @Test
    void shouldRejectBadFlagsClearly()
    {
        assertUsageError("must be a number > 1.0, --drift=0.5", "soak", "--drift", "0.5");
        assertUsageError("must be between 100ms and 1m, --interval=2m", "soak", "--duration", "1m",
            "--interval", "2m");
        assertUsageError(", --faults=melt=0.1", "soak", "--faults", "melt=0.1");
        assertUsageError("unknown idle strategy 'nap': expected busy-spin, yield, backoff, sleep, noop, --idle=nap",
            "soak", "--idle", "nap");
        assertUsageError("--duration=forever", "soak", "--duration", "forever");
    }

    private static void assertUsageError(final String message, final String... args)
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }
}
