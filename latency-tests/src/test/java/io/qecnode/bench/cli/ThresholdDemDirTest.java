package io.qecnode.bench.cli;

import io.qecnode.bench.cli.ThresholdCommandTest.Run;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.qecnode.bench.cli.ThresholdCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code threshold --dem-dir} on a directory of small hand-made DEMs: phenomenological repetition codes, whose
 * threshold (near 10%) lies between the two p values, so the d=3 and d=5 curves must cross.
 */
class ThresholdDemDirTest
{
    private static final double[] PS = {0.02, 0.25};
    private static final Pattern ROW = Pattern.compile(
        "(rep_d0(\\d)_p[0-9.]+) +(\\S+) +(\\d) +([0-9.]+) +(\\d+) +(\\d+) +([0-9.e+-]+) +\\[([0-9.e+-]+), " +
        "([0-9.e+-]+)] +[0-9.]+ +[0-9.]+ +(\\d+) +(\\d+) +[0-9.]+");

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeDems() throws IOException
    {
        final List<String> table = new ArrayList<>(List.of("Reference, 1,000 shots per point:", "",
            "| case | plain | correlated |", "| --- | --- | --- |"));
        for (final int d : new int[]{3, 5})
        {
            for (final double p : PS)
            {
                final String name = String.format(Locale.ROOT, "rep_d%02d_p%s", d, p);
                Files.createDirectories(dir.resolve(name));
                Files.writeString(dir.resolve(name).resolve("model.dem"), repetitionDem(d, p));
                table.add("| " + name + " | " + (d * 10 + (p > 0.1 ? 400 : 0)) + " | " + d + " |");
            }
        }
        Files.createDirectories(dir.resolve("rep_d07_p0.1"));
        Files.createDirectories(dir.resolve("notes"));
        Files.write(dir.resolve("README.md"), table, StandardCharsets.UTF_8);
    }

    @Test
    void shouldDecodeEveryDemWithEveryModeAndPrintRatesIntervalsReferenceAndCrossings() throws IOException
    {
        final Path png = dir.resolve("curves.png");
        final Run run = run("threshold", "--dem-dir", dir.toString(), "--decoders", "weighted,unweighted",
            "--shots", "600", "--seed", "5", "--plot", png.toString());

        assertEquals(0, run.exitCode(), run.err());
        final List<String> rows = new ArrayList<>();
        for (final String line : run.out().split("\n"))
        {
            final Matcher row = ROW.matcher(line);
            if (!row.matches())
            {
                continue;
            }
            rows.add(row.group(1) + " " + row.group(3));
            final long shots = Long.parseLong(row.group(6));
            final double rate = (double)Long.parseLong(row.group(7)) / shots;
            assertEquals(600, shots);
            assertEquals(rate, Double.parseDouble(row.group(8)), 1e-4 * Math.max(rate, 1e-9), line);
            assertTrue(Double.parseDouble(row.group(9)) <= rate && rate <= Double.parseDouble(row.group(10)), line);
            final int d = Integer.parseInt(row.group(2));
            assertEquals(d * 10 + (Double.parseDouble(row.group(5)) > 0.1 ? 400 : 0), Long.parseLong(row.group(11)));
            assertEquals(d, Long.parseLong(row.group(12)));
        }
        // Cases by distance then p, the modes in the order given; rep_d07 has no model and "notes" is not a case.
        assertEquals(List.of("rep_d03_p0.02 weighted", "rep_d03_p0.02 unweighted", "rep_d03_p0.25 weighted",
            "rep_d03_p0.25 unweighted", "rep_d05_p0.02 weighted", "rep_d05_p0.02 unweighted",
            "rep_d05_p0.25 weighted", "rep_d05_p0.25 unweighted"), rows, run.out());
        assertTrue(run.out().contains("rep, weighted: d=3 and d=5 cross near p="), run.out());
        assertTrue(run.out().contains("rep, unweighted: d=3 and d=5 cross near p="), run.out());
        // The made-up reference counts cross too: plain 30 -> 50 at 2%, 430 -> 450 at 25% never improves.
        assertTrue(run.out().contains("; PyMatching plain none, correlated none"), run.out());

        final byte[] image = Files.readAllBytes(png);
        assertArrayEquals(new byte[]{(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(image, 8));
        assertTrue(image.length > 10_000, "plot of " + image.length + " bytes");
    }

    @Test
    void shouldGiveTheSameFiguresForASeedWhateverTheThreadsAndFilters()
    {
        final String oneThread = figures(run("threshold", "--dem-dir", dir.toString(), "--shots", "300", "--seed",
            "9", "--case-threads", "1", "--json").out());
        final String twoThreads = figures(run("threshold", "--dem-dir", dir.toString(), "--shots", "300", "--seed",
            "9", "--case-threads", "2", "--json").out());
        final String filtered = figures(run("threshold", "--dem-dir", dir.toString(), "--shots", "300", "--seed",
            "9", "--distances", "5", "--p", "0.25", "--json").out());
        final String otherSeed = figures(run("threshold", "--dem-dir", dir.toString(), "--shots", "300", "--seed",
            "10", "--case-threads", "2", "--json").out());

        assertEquals(oneThread, twoThreads);
        assertTrue(filtered.contains("rep_d05_p0.25") && oneThread.contains(filtered.split("\n")[0]), filtered);
        assertNotEquals(oneThread, otherSeed);
    }

    @Test
    void shouldRunEveryModeByDefault()
    {
        final Run run = run("threshold", "--dem-dir", dir.toString(), "--distances", "3", "--p", "0.02", "--shots",
            "50", "--json");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> expected = new ArrayList<>();
        for (final DecoderMode mode : DecoderMode.values())
        {
            expected.add(mode.cliName());
        }
        final List<String> seen = new ArrayList<>();
        final Matcher decoder = Pattern.compile("\\{\"case\":\"rep_d03_p0.02\",\"decoder\":\"([a-z-]+)\"")
            .matcher(run.out());
        while (decoder.find())
        {
            seen.add(decoder.group(1));
        }
        assertEquals(expected, seen, run.out());
    }

    @Test
    void shouldRejectBadInputWithOneLine(@TempDir final Path other) throws IOException
    {
        final String both = dir.toString();
        assertFails(2, "give --model or --dem-dir, not both, --dem-dir=" + both,
            "--dem-dir", both, "--model", "phenomenological");
        assertFails(2, "give --model (with --distances and --p) or --dem-dir", "--shots", "10");
        assertFails(2, "not a directory, --dem-dir=" + other.resolve("missing"),
            "--dem-dir", other.resolve("missing").toString());
        assertFails(2, "no <family>_dDD_pP directories with a model.dem in it, --dem-dir=" + other,
            "--dem-dir", other.toString());
        assertFails(2, "no DEM in the directory has these d and p, --distances=[9]",
            "--dem-dir", both, "--distances", "9");
        assertFails(2, "--decoders", "--dem-dir", both, "--decoders", "weighted,fastest");
        assertFails(2, "only with --model, --rounds=3", "--dem-dir", both, "--rounds", "3");
        assertFails(2, "only with --dem-dir, --decoders=weighted",
            "--model", "code-capacity", "--distances", "3", "--p", "0.1", "--decoders", "weighted");

        final Path corrupt = other.resolve("circuit_d03_p0.001").resolve("model.dem");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "error(0.1) D0 D1\nerror(banana) D1\n");
        assertFails(1, "file=" + corrupt, "--dem-dir", other.toString(), "--shots", "10");
    }

    @Test
    void shouldPrintPyMatchingsCountsBesideTheSharedDems()
    {
        final Path shared = Path.of("..", "..", "shared", "threshold-dems");
        assumeTrue(Files.isDirectory(shared), "no ../shared/threshold-dems");
        final Run run = run("threshold", "--dem-dir", shared.toString(), "--distances", "3", "--p", "0.003,0.01",
            "--decoders", "weighted", "--shots", "200");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("20000 shots per point"), run.out());
        assertTrue(Pattern.compile("circuit_d03_p0.003 +weighted .* 126 +140 +[0-9.]+\n").matcher(run.out()).find(),
            run.out());
    }

    private static void assertFails(final int exitCode, final String expected, final String... flags)
    {
        final List<String> args = new ArrayList<>(List.of("threshold"));
        args.addAll(List.of(flags));
        final Run run = run(args.toArray(new String[0]));
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(exitCode == 2 ? 2 : 1, run.err().split("\n").length, "one line (and the help pointer): " +
            run.err());
        assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), run.err());
    }

    private static String figures(final String json)
    {
        return json.replaceAll("\"decode_us_per_shot\":[0-9.]+,", "");
    }

    /**
     * The repetition code under phenomenological noise: d data bits, d noisy rounds of d - 1 parity checks and a
     * perfect last round; each bit flips and each check misreads with probability p. Bit 0 carries the observable.
     */
    private static String repetitionDem(final int d, final double p)
    {
        final StringBuilder dem = new StringBuilder();
        final int checks = d - 1;
        for (int t = 0; t < d; t++)
        {
            for (int bit = 0; bit < d; bit++)
            {
                dem.append(String.format(Locale.ROOT, "error(%s)", p));
                if (bit > 0)
                {
                    dem.append(" D").append(t * checks + bit - 1);
                }
                if (bit < checks)
                {
                    dem.append(" D").append(t * checks + bit);
                }
                dem.append(bit == 0 ? " L0\n" : "\n");
            }
            for (int check = 0; check < checks; check++)
            {
                dem.append(String.format(Locale.ROOT, "error(%s) D%d D%d%n", p, t * checks + check,
                    (t + 1) * checks + check));
            }
        }
        return dem.toString();
    }
}
