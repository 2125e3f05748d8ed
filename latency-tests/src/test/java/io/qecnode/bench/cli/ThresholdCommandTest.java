package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdCommandTest
{
    private static final Pattern JSON_POINT = Pattern.compile(
        "\\{\"model\":\"phenomenological\",\"d\":(\\d+),\"rounds\":(\\d+),\"p\":([0-9.]+),\"seed\":-?\\d+," +
        "\"shots\":(\\d+),\"logical_errors\":(\\d+),\"ler\":([0-9.e+-]+),\"ci95_low\":([0-9.e+-]+)," +
        "\"ci95_high\":([0-9.e+-]+),\"decode_us_per_shot\":[0-9.]+,\"mean_defects\":[0-9.]+}");

    @Test
    void shouldPrintOneJsonObjectPerPointWithConsistentFigures()
    {
        final Run run = run("threshold", "--model", "phenomenological", "--distances", "3,5", "--p", "0.01,0.03",
            "--shots", "2000", "--seed", "7", "--json");

        assertEquals(0, run.exitCode, run.err);
        final List<String> lines = Arrays.asList(run.out.trim().split("\n"));
        assertEquals(4, lines.size(), run.out);
        final int[] expectedD = {3, 3, 5, 5};
        final double[] expectedP = {0.01, 0.03, 0.01, 0.03};
        for (int i = 0; i < lines.size(); i++)
        {
            final Matcher m = JSON_POINT.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(expectedD[i], Integer.parseInt(m.group(1)));
            assertEquals(expectedD[i], Integer.parseInt(m.group(2)), "phenomenological defaults to d rounds");
            assertEquals(expectedP[i], Double.parseDouble(m.group(3)));
            final long shots = Long.parseLong(m.group(4));
            final long errors = Long.parseLong(m.group(5));
            assertEquals(2000, shots);
            assertEquals((double)errors / shots, Double.parseDouble(m.group(6)), 1e-9);
            final double low = Double.parseDouble(m.group(7));
            final double high = Double.parseDouble(m.group(8));
            assertTrue(low <= (double)errors / shots && (double)errors / shots <= high, lines.get(i));
        }
    }

    @Test
    void shouldRepeatResultsForTheSameSeed()
    {
        final String[] args = {"threshold", "--model", "code-capacity", "--distances", "3", "--p", "0.1", "--shots",
            "3000", "--seed", "3", "--json"};
        final String first = run(args).out.replaceAll("\"decode_us_per_shot\":[0-9.]+", "");
        final String second = run(args).out.replaceAll("\"decode_us_per_shot\":[0-9.]+", "");
        assertEquals(first, second);
    }

    @Test
    void shouldPrintATableAndTheCrossingsAndDrawThem(@TempDir final Path dir) throws IOException
    {
        final Path png = dir.resolve("curves");
        final Run run = run("threshold", "--model", "code-capacity", "--distances", "3,7", "--p", "0.03,0.16",
            "--shots", "4000", "--plot", png.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("95% CI"), run.out);
        assertTrue(run.out.contains("d=3 and d=7 cross near p="), run.out);
        // Written where asked, no ".png" added.
        final byte[] image = Files.readAllBytes(png);
        assertEquals("\u0089PNG", new String(image, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(image.length > 5_000, "plot of " + image.length + " bytes");
    }

    @Test
    void shouldRejectBadFlagsWithAClearMessage()
    {
        assertBadFlag("must be an odd distance in [3, 51], --distances=4", "--distances", "4");
        assertBadFlag("must be a probability in (0, 0.5), --p=0.7", "--p", "0.7");
        assertBadFlag("values must ascend, --p=0.1,0.05", "--p", "0.1,0.05");
        assertBadFlag("unknown noise model 'circuit'", "--model", "circuit");
        assertBadFlag("must be >= 1, --shots=0", "--shots", "0");
        assertBadFlag("Invalid value", "--distances", "three");
    }

    private static void assertBadFlag(final String expected, final String... flags)
    {
        // The sweep must be given: each required option the case does not set gets a valid value.
        final List<String> args = new ArrayList<>(List.of("threshold"));
        final List<String> given = List.of(flags);
        final String[][] sweep = {{"--model", "code-capacity"}, {"--distances", "3"}, {"--p", "0.1"}};
        for (final String[] required : sweep)
        {
            if (!given.contains(required[0]))
            {
                args.addAll(List.of(required));
            }
        }
        args.addAll(given);
        final Run run = run(args.toArray(new String[0]));
        assertEquals(2, run.exitCode, run.out);
        assertTrue(run.err.contains(expected), run.err);
    }

    /** Runs a qec-bench command in-process with captured output; shared by the command tests of this package. */
    static Run run(final String... args)
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err)
    {
    }
}
