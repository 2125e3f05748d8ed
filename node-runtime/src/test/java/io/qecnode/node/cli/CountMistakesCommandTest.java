package io.qecnode.node.cli;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.qecnode.node.cli.CommandRunner.run;
import static io.qecnode.node.cli.CommandRunner.runWithInput;
import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.DETS_01;
import static io.qecnode.node.offline.RepetitionFixture.DETS_B8;
import static io.qecnode.node.offline.RepetitionFixture.DETS_WITH_TRUTH_01;
import static io.qecnode.node.offline.RepetitionFixture.MISTAKES;
import static io.qecnode.node.offline.RepetitionFixture.SHOTS;
import static io.qecnode.node.offline.RepetitionFixture.TRUTH_01;
import static io.qecnode.node.offline.RepetitionFixture.TRUTH_B8;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code qec-node count_mistakes} as {@code pymatching count_mistakes}: the {@code N / M} line, the two
 * {@code --time} lines, its defaults (01 inputs, standard input and output), and {@code 3 / 512} on the shared Stim
 * format files.
 */
class CountMistakesCommandTest
{
    private static final String RESULT = MISTAKES + " / " + SHOTS + "\n";
    // C's %g: fixed with up to 6 significant digits and no trailing zeros, or d[.ddddd]e+XX.
    private static final String C_DOUBLE =
        "(0|[1-9]\\d*(\\.\\d*[1-9])?|0\\.0*[1-9]\\d*|[1-9](\\.\\d*[1-9])?e[-+]\\d\\d+)";
    private static final Pattern TIME = Pattern.compile(
        "Total decoding time: (\\d+)us\nDecoding time per shot: " + C_DOUBLE + "us\n");

    @TempDir
    Path dir;

    @Test
    void shouldPrintMistakesOverShotsFrom01InputsByDefault() throws IOException
    {
        final CommandRunner.Run run = run("count_mistakes", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.01", ascii(DETS_01)).toString(), "--obs_in", write("obs.01", ascii(TRUTH_01))
                .toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RESULT, run.out());
        assertEquals("", run.err());
        assertEquals(0, run.standardOut().length, "no predictions anywhere");
    }

    @Test
    void shouldCountWhatTheDecoderGetsWrongInEachFormatAndDecoder() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.b8", DETS_B8);
        final Path obs = write("obs.b8", TRUTH_B8);
        for (final DecoderMode mode : DecoderMode.values())
        {
            final CommandRunner.Run run = run("count_mistakes", "--dem", dem.toString(), "--in", dets.toString(),
                "--in_format", "b8", "--obs_in", obs.toString(), "--obs_in_format", "b8", "--decoder",
                mode.cliName());

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(DecodeCommandTest.countMistakes(dem, dets, obs, mode, ShotFormat.B8) + " / " + SHOTS + "\n",
                run.out(), mode.cliName());
        }
    }

    @Test
    void shouldCountAgainstAppendedObservablesAndReadStandardInput() throws IOException
    {
        final CommandRunner.Run run = runWithInput(ascii(DETS_WITH_TRUTH_01), "count_mistakes", "--dem",
            write("model.dem", ascii(DEM)).toString(), "--in_includes_appended_observables");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RESULT, run.out());
    }

    @Test
    void shouldReadTheObservablesFromStandardInputWhenAsked() throws IOException
    {
        final CommandRunner.Run run = runWithInput(ascii(TRUTH_01), "count_mistakes", "--dem",
            write("model.dem", ascii(DEM)).toString(), "--in", write("dets.01", ascii(DETS_01)).toString(),
            "--obs_in", "-");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RESULT, run.out());
    }

    @Test
    void shouldPrintTheTwoTimeLinesOnStandardErrorAfterTheResult() throws IOException
    {
        final CommandRunner.Run run = run("count_mistakes", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.01", ascii(DETS_01)).toString(), "--obs_in", write("obs.01", ascii(TRUTH_01))
                .toString(), "--time");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RESULT, run.out());
        final Matcher time = TIME.matcher(run.err());
        assertTrue(time.matches(), run.err());
        final long totalMicros = Long.parseLong(time.group(1));
        final double perShot = Double.parseDouble(time.group(2));
        assertTrue(perShot > 0, run.err());
        // The total is truncated to whole microseconds; the mean keeps 6 significant digits.
        assertEquals(totalMicros, perShot * SHOTS, 1 + perShot * SHOTS * 1e-5, run.err());
    }

    @Test
    void shouldWriteTheResultLineToOutWhenGiven() throws IOException
    {
        final Path result = dir.resolve("result.txt");
        final CommandRunner.Run run = run("count_mistakes", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.01", ascii(DETS_01)).toString(), "--obs_in", write("obs.01", ascii(TRUTH_01))
                .toString(), "--out", result.toString(), "--time");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RESULT, Files.readString(result));
        assertEquals("", run.out());
        assertTrue(TIME.matcher(run.err()).matches(), run.err());
    }

    @Test
    void shouldFailWithOneLineOnBadFiles() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.01", ascii(DETS_01));
        final Path obs = write("obs.01", ascii(TRUTH_01));
        final String missing = dir.resolve("missing.01").toString();
        final Path nowhere = dir.resolve("no/such/dir/result.txt");

        assertFailure(1, "--obs_in=" + missing + ": cannot read file: reason=no such file or directory",
            "--dem", dem.toString(), "--in", dets.toString(), "--obs_in", missing);
        assertFailure(1, "--in=" + missing + ": cannot read file", "--dem", dem.toString(), "--in", missing,
            "--obs_in", obs.toString());
        assertFailure(1, "holds fewer shots than --in=" + dets + ": obsShots=8, shotsSoFar=9",
            "--dem", dem.toString(), "--in", dets.toString(), "--obs_in",
            write("short.01", ascii("0\n".repeat(8))).toString());
        assertFailure(1, "cannot write file: reason=no such directory, --out=" + nowhere,
            "--dem", dem.toString(), "--in", dets.toString(), "--obs_in", obs.toString(), "--out",
            nowhere.toString());
        assertFailure(1, "--out=" + obs + ": the output is also an input and would be overwritten",
            "--dem", dem.toString(), "--in", dets.toString(), "--obs_in", obs.toString(), "--out", obs.toString());
        assertEquals(TRUTH_01, Files.readString(obs), "the input is never modified");
        assertFailure(1, "ptb64 data ends inside a block of 64 shots: its shot count must be a multiple of 64",
            "--dem", dem.toString(), "--in", write("dets.b8", DETS_B8).toString(), "--in_format", "ptb64",
            "--obs_in", obs.toString());
    }

    @Test
    void shouldRejectBadFlagsAsUsageErrors() throws IOException
    {
        final String dem = write("model.dem", ascii(DEM)).toString();
        final String dets = write("dets.01", ascii(DETS_01)).toString();

        assertFailure(2, "the true observables are needed: give --obs_in FILE or --in_includes_appended_observables",
            "--dem", dem, "--in", dets);
        assertFailure(2, "Missing required option: '--dem=FILE'", "--in", dets, "--obs_in", "obs.01");
        assertFailure(2, "unknown shot format: name='b9'", "--dem", dem, "--obs_in_format", "b9");
        assertFailure(2, "Unknown options: '--out_format'", "--dem", dem, "--out_format", "b8");
        assertFailure(2, "--in and --obs_in cannot both read standard input", "--dem", dem, "--obs_in", "-");
        assertFailure(2, "--enable_correlations asks for the correlated decoder, not another, --decoder=unweighted",
            "--dem", dem, "--in", dets, "--in_includes_appended_observables", "--decoder", "unweighted",
            "--enable_correlations");
    }

    @Test
    void shouldFormatTimesAsCppStreamsDo()
    {
        // C's %g with precision 6, as std::ostream writes a double by default.
        assertEquals("0.5", CountMistakesCommand.streamFormat(0.5));
        assertEquals("12.3457", CountMistakesCommand.streamFormat(12.3456789));
        assertEquals("100", CountMistakesCommand.streamFormat(100.0));
        assertEquals("123456", CountMistakesCommand.streamFormat(123456.0));
        assertEquals("1.23457e+06", CountMistakesCommand.streamFormat(1234567.0));
        assertEquals("1e+06", CountMistakesCommand.streamFormat(999999.5));
        assertEquals("0.0001234", CountMistakesCommand.streamFormat(0.0001234));
        assertEquals("1.234e-05", CountMistakesCommand.streamFormat(0.00001234));
        assertEquals("2.5e-300", CountMistakesCommand.streamFormat(2.5e-300));
        assertEquals("0", CountMistakesCommand.streamFormat(0.0));
        assertEquals("nan", CountMistakesCommand.streamFormat(Double.NaN));
    }

    @TestFactory
    Stream<DynamicTest> shouldPrintPymatchingsCountForTheSharedStimFormatFiles()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            tests.add(DynamicTest.dynamicTest(format.stimName(), () ->
            {
                final Path shared = GoldenFiles.require(GoldenFiles.stimFormats());
                final String name = format.stimName();
                final CommandRunner.Run run = run("count_mistakes", "--dem", shared.resolve("model.dem").toString(),
                    "--in", shared.resolve("dets." + name).toString(), "--in_format", name,
                    "--obs_in", shared.resolve("obs." + name).toString(), "--obs_in_format", name);

                assertEquals(0, run.exitCode(), run.toString());
                // The README of ../shared/stim-formats: pymatching count_mistakes prints 3 / 512 on these shots.
                assertEquals("3 / 512\n", run.out(), name);
            }));
        }
        return tests.stream();
    }

    private static void assertFailure(final int exitCode, final String expected, final String... flags)
    {
        CommandRunner.assertFailure("count_mistakes", exitCode, expected, flags);
    }

    private Path write(final String name, final byte[] content) throws IOException
    {
        return Files.write(dir.resolve(name), content);
    }
}
