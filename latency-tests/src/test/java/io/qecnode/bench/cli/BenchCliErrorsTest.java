package io.qecnode.bench.cli;

import io.qecnode.node.cli.HelpCheck;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every bad invocation of {@code qec-bench} gets one line naming the option and exit code 2, checked before anything
 * runs; and the help of every command renders cleanly.
 */
class BenchCliErrorsTest
{
    @Test
    void shouldRefuseDurationsWithoutAUnitOrOutOfRange()
    {
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --duration=3", "latency", "--duration", "3");
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --period=1", "latency", "--period", "1");
        assertBadFlag("must be between 1ms and 8760h, --duration=0", "soak", "--duration", "0");
        assertBadFlag("must be between 0 and 24h, --warmup=25h", "soak", "--warmup", "25h");
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --period=1", "bus-latency", "--period", "1");
    }

    @Test
    void shouldRefuseNumbersOutOfRangeInEveryCommand()
    {
        assertBadFlag("must be an odd distance in [3, 51], --distance=0", "latency", "-d", "0");
        assertBadFlag("must be in [1, 16], --nodes=0", "soak", "--nodes", "0");
        assertBadFlag("must be in [0, 1000000000], --probe-every=-1", "latency", "--probe-every", "-1");
        assertBadFlag("must be a number > 1.0, --drift=NaN", "soak", "--drift", "NaN");
        assertBadFlag("must be in [0, 10000], --rounds=-1", "threshold", "--model", "code-capacity", "--distances", "3",
            "--p", "0.1", "--rounds", "-1");
        assertBadFlag("must be in [1, 1000], --repeats=0", "golden", "--repeats", "0");
        assertBadFlag("must be a probability in (0, 0.5), --only-p=0.9", "golden", "--only-p", "0.9");
        assertBadFlag("must be an odd distance in [3, 51], --distances=4", "decoder-bench", "--distances", "4", "--p",
            "0.001");
        assertBadFlag("must be a probability in (0, 0.5), --p=0.0", "decoder-bench", "--distances", "5", "--p", "0");
        assertBadFlag("not a number, --p=lots", "decoder-bench", "--distances", "5", "--p", "lots");
        assertBadFlag("must be in [0, 100], --forks=-1", "decoder-bench", "--distances", "5", "--p", "0.001",
            "--forks", "-1");
        assertBadFlag("must be in [101, 1000000000], --frames=10", "bus-latency", "--frames", "10", "--warmup-frames",
            "100");
    }

    @Test
    void shouldRefuseAnOutputFileItCannotWriteBeforeRunning()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(1, commandLine.execute("latency", "--png", "/nonexistent/dir/plot.png"));
        assertEquals("qec-bench latency: cannot write the file (no writable directory /nonexistent/dir), " +
            "--png=/nonexistent/dir/plot.png\n", err.toString());
    }

    @Test
    void shouldRenderEveryCommandsHelpWithoutAWarningAndListEachCommandOnOneLine()
    {
        assertEquals(List.of(), HelpCheck.problems(QecBenchMain.commandLine()));
    }

    private static void assertBadFlag(final String expected, final String... args)
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        final String text = "exit=" + exitCode + "\nout=" + out + "\nerr=" + err;
        assertEquals(2, exitCode, text);
        final String[] lines = err.toString().split("\n");
        assertEquals(2, lines.length, text);
        assertEquals("qec-bench " + args[0] + ": " + expected, lines[0]);
        assertEquals("Try 'qec-bench " + args[0] + " --help' for more information.", lines[1]);
        assertFalse(err.toString().contains("Exception") || err.toString().contains("\tat "), text);
        assertEquals("", out.toString(), text);
    }
}
