package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusLatencyCommandTest
{
    private static final Pattern STATS = Pattern.compile(
        "\\{\"name\":\"([a-z ]+)\",\"count\":(\\d+),\"p50_ns\":(\\d+),\"p90_ns\":(\\d+),\"p99_ns\":(\\d+)," +
        "\"p999_ns\":(\\d+),\"p9999_ns\":(\\d+),\"max_ns\":(\\d+)}");

    @Test
    @Timeout(120)
    void shouldMeasureRoundsAndTheBaselineInTheSameRun()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        final int exit = commandLine.execute("bus-latency", "-d", "5", "--frames", "20000", "--warmup-frames", "5000",
            "--period", "5us", "--same-thread", "--json");
        assertEquals(0, exit, out.toString());

        final String[] lines = out.toString().trim().split("\n");
        assertEquals(3, lines.length, out.toString());
        for (int i = 0; i < 2; i++)
        {
            final Matcher m = STATS.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals(2 * 15000, Long.parseLong(m.group(2)), "two passes of frames minus warm-up");
            final long p50 = Long.parseLong(m.group(3));
            final long p99 = Long.parseLong(m.group(5));
            final long max = Long.parseLong(m.group(8));
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, lines[i]);
        }
        assertTrue(lines[2].startsWith("{\"name\":\"unpaced simulator\",\"rounds_per_second\":"), lines[2]);
    }
}
