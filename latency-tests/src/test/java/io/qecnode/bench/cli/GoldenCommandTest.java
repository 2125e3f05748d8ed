package io.qecnode.bench.cli;

import io.qecnode.decoder.GoldenFiles;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code golden} on the cut of the reference data that ships with the repository: what it reports is held against
 * counts made here from the files themselves.
 */
class GoldenCommandTest
{
    @Test
    void shouldReportPymatchingsMistakesAndOursPerCase() throws IOException
    {
        final Path fixture = GoldenFiles.fixture();
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        final int exit = commandLine.execute("golden", "--golden", fixture.toString(), "--family", "circuit",
            "--warmup-passes", "0", "--repeats", "1", "--json");

        assertEquals(0, exit, out.toString());
        final String[] lines = out.toString().trim().split("\n");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("{\"case\":\"circuit_d03_r03_p0.005\""), lines[0]);
        assertTrue(lines[1].startsWith("{\"case\":\"circuit_d05_r05_p0.005\""), lines[1]);
        for (final String line : lines)
        {
            final Path dir = fixture.resolve(text(line, "case"));
            final long shots = number(line, "shots");
            final long pymatching = number(line, "pymatching_errors");
            final long weighted = number(line, "weighted_errors");
            final long unweighted = number(line, "unweighted_errors");
            assertEquals(Files.size(dir.resolve("obs.b8")), shots, line);
            assertEquals(GoldenFiles.mistakes(dir.resolve("pymatching.b8"), dir.resolve("obs.b8")), pymatching, line);
            assertTrue(GoldenFiles.withinBound(weighted, pymatching), line);
            assertTrue(unweighted >= weighted, line);
            // One observable: ours and PyMatching's disagree on a shot exactly when one of the two is wrong there.
            final double agreement = Double.parseDouble(field(line, "weighted_agreement", "([0-9.]+)"));
            final long disagreements = Math.round(shots * (1 - agreement));
            assertTrue(disagreements >= Math.abs(weighted - pymatching) && disagreements <= weighted + pymatching,
                "disagreements=" + disagreements + ": " + line);
            assertEquals((weighted + pymatching) % 2, disagreements % 2, line);
        }
    }

    @Test
    void shouldSayWhereItLookedWhenTheDataIsMissing()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("golden", "--golden", "/nonexistent/golden"));
        assertTrue(err.toString().contains("reference data not found (no cases.jsonl), --golden=/nonexistent/golden"),
            err.toString());
    }

    private static long number(final String json, final String key)
    {
        return Long.parseLong(field(json, key, "(\\d+)"));
    }

    private static String text(final String json, final String key)
    {
        return field(json, key, "\"([^\"]*)\"");
    }

    private static String field(final String json, final String key, final String value)
    {
        final Matcher matcher = Pattern.compile("\"" + key + "\":" + value).matcher(json);
        assertTrue(matcher.find(), key + " in " + json);
        return matcher.group(1);
    }
}
