package io.qecnode.bench.cli;

import io.qecnode.decoder.GoldenBounds;
import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code golden} on the cut of the reference data that ships with the repository: what it reports, for every decoder
 * mode, is held against counts made here from the files themselves.
 */
class GoldenCommandTest
{
    @Test
    void shouldReportEveryModesMistakesBesidePlainAndCorrelatedPymatchingsPerCase() throws IOException
    {
        final Path fixture = GoldenFiles.fixture();
        final StringWriter out = new StringWriter();
        final int exit = run(out, "golden", "--golden", fixture.toString(), "--family", "circuit",
            "--warmup-passes", "0", "--repeats", "1", "--json");

        assertEquals(0, exit, out.toString());
        final String[] lines = out.toString().trim().split("\n");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("{\"case\":\"circuit_d03_r03_p0.005\""), lines[0]);
        assertTrue(lines[1].startsWith("{\"case\":\"circuit_d05_r05_p0.005\""), lines[1]);
        for (final String line : lines)
        {
            final Path dir = fixture.resolve(text(line, "case"));
            final Path obs = dir.resolve("obs.b8");
            final long shots = number(line, "shots");
            final long pymatching = number(line, "pymatching_errors");
            final long correlated = number(line, "pymatching_correlated_errors");
            assertEquals(Files.size(obs), shots, line);
            assertEquals(GoldenFiles.mistakes(dir.resolve("pymatching.b8"), obs), pymatching, line);
            assertEquals(GoldenFiles.mistakes(dir.resolve("pymatching_correlated.b8"), obs), correlated, line);
            // The cut's case.json has no PyMatching 2.4 timing: no time and no time ratio rather than a guess.
            assertTrue(line.contains("\"pymatching_2_4_us_per_round\":null"), line);
            for (final DecoderMode mode : DecoderMode.values())
            {
                final String m = mode.cliName().replace('-', '_');
                final long ours = number(line, m + "_errors");
                assertTrue(GoldenBounds.of(mode, "circuit").holds(ours, pymatching, correlated), mode + ": " + line);
                assertEquals((double)ours / pymatching, decimal(line, m + "_errors_over_pymatching"), 1e-6, line);
                assertEquals((double)ours / correlated, decimal(line, m + "_errors_over_pymatching_correlated"), 1e-6,
                    line);
                assertTrue(decimal(line, m + "_us_per_round") > 0, line);
                assertTrue(line.contains("\"" + m + "_time_over_pymatching\":null"), line);
                // One observable: ours and PyMatching's disagree on a shot exactly when one of the two is wrong there.
                final long disagreements = Math.round(shots * (1 - decimal(line, m + "_agreement")));
                assertTrue(disagreements >= Math.abs(ours - pymatching) && disagreements <= ours + pymatching,
                    m + " disagreements=" + disagreements + ": " + line);
                assertEquals((ours + pymatching) % 2, disagreements % 2, m + ": " + line);
            }
            assertTrue(number(line, "unweighted_errors") >= number(line, "weighted_errors"), line);
        }
    }

    @Test
    void shouldPrintARowPerCaseAndChosenModeWithADashWhereTheCaseLacksAFigureAndTheRanges()
    {
        final StringWriter out = new StringWriter();
        final int exit = run(out, "golden", "--golden", GoldenFiles.fixture().toString(), "--decoders", "weighted",
            "--warmup-passes", "0", "--repeats", "1");

        assertEquals(0, exit, out.toString());
        final List<String> lines = List.of(out.toString().split("\n"));
        assertTrue(lines.get(0).startsWith("case "), lines.get(0));
        final List<String> rows = lines.stream().filter(l -> l.startsWith("circuit_")).toList();
        assertEquals(2, rows.size(), out.toString());
        for (final String row : rows)
        {
            final String[] cells = row.trim().split("\\s+");
            assertEquals(13, cells.length, row);
            assertEquals("weighted", cells[6], row);
            // PM and PMc us/rd, and our time over PM's: the cut's case.json has no 2.4 timing.
            assertEquals(List.of("-", "-", "-"), List.of(cells[4], cells[5], cells[12]), row);
        }
        // Both cuts are circuit-level with over 30 PyMatching mistakes: the summary spans their ratios.
        final double[] overPlain = rows.stream().mapToDouble(row -> Double.parseDouble(row.split("\\s+")[8]))
            .sorted().toArray();
        final String range = String.format(Locale.ROOT, "err/PM %.2f-%.2f,", overPlain[0], overPlain[1]);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("weighted") && l.contains(range)),
            range + " in " + out);
    }

    @Test
    void shouldPrintAMarkdownTableWithAnAlignmentRow()
    {
        final StringWriter out = new StringWriter();
        final int exit = run(out, "golden", "--golden", GoldenFiles.fixture().toString(), "--decoders",
            "unweighted,weighted", "--warmup-passes", "0", "--repeats", "1", "--markdown");

        assertEquals(0, exit, out.toString());
        final List<String> table = List.of(out.toString().split("\n")).stream()
            .filter(l -> l.startsWith("|")).toList();
        assertEquals(2 + 2 * 2, table.size(), out.toString());
        final long columns = table.get(0).chars().filter(c -> c == '|').count();
        assertTrue(table.stream().allMatch(l -> l.endsWith("|") && l.chars().filter(c -> c == '|').count() == columns),
            out.toString());
        assertTrue(table.get(1).matches("\\|[ |:-]+\\|"), table.get(1));
        assertTrue(table.get(2).contains("| unweighted ") && table.get(3).contains("| weighted "), out.toString());
    }

    @Test
    void shouldRefuseAnUnknownDecoderNamingTheAcceptedOnes()
    {
        final String err = refused("--golden", GoldenFiles.fixture().toString(), "--decoders", "weighted,nearest");
        assertTrue(err.contains("--decoders") && err.contains("name='nearest'") &&
            err.contains("accepted=" + DecoderMode.cliNames()), err);
    }

    @Test
    void shouldRefuseTwoOutputs()
    {
        final String err = refused("--golden", GoldenFiles.fixture().toString(), "--json", "--markdown");
        assertTrue(err.startsWith("qec-bench golden: cannot be combined with --json, --markdown\n"), err);
    }

    @Test
    void shouldSayWhereItLookedWhenTheDataIsMissing()
    {
        final String err = refused("--golden", "/nonexistent/golden");
        assertTrue(err.contains("reference data not found (no cases.jsonl), --golden=/nonexistent/golden"), err);
    }

    // Runs golden with bad flags: exit 2, and what it printed on stderr.
    private static String refused(final String... args)
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        final String[] golden = new String[args.length + 1];
        golden[0] = "golden";
        System.arraycopy(args, 0, golden, 1, args.length);
        assertEquals(2, commandLine.execute(golden), err.toString());
        return err.toString();
    }

    private static int run(final StringWriter out, final String... args)
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        commandLine.setOut(new PrintWriter(out));
        return commandLine.execute(args);
    }

    private static double decimal(final String json, final String key)
    {
        return Double.parseDouble(field(json, key, "([0-9.]+)"));
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
