package io.qecnode.node.cli;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.ShotWriter;
import io.qecnode.decoder.shots.SparseShot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.qecnode.node.cli.CommandRunner.run;
import static io.qecnode.node.cli.CommandRunner.runWithInput;
import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.DETS_01;
import static io.qecnode.node.offline.RepetitionFixture.DETS_B8;
import static io.qecnode.node.offline.RepetitionFixture.DETS_DETS;
import static io.qecnode.node.offline.RepetitionFixture.DETS_WITH_TRUTH_01;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_01;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_B8;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_DETS;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code qec-node predict} as {@code pymatching predict}: its defaults, its silence, the predictions {@code decode}
 * makes, and PyMatching's own bytes on the shared Stim format files.
 */
class PredictCommandTest
{
    private static final Map<String, byte[]> DETS = Map.of("01", ascii(DETS_01), "b8", DETS_B8, "dets",
        ascii(DETS_DETS));
    private static final Map<String, byte[]> PREDICTIONS = Map.of("01", ascii(PREDICTIONS_01), "b8", PREDICTIONS_B8,
        "dets", ascii(PREDICTIONS_DETS));
    private static final String[] OUT_FORMATS = { "01", "b8", "dets", "r8", "hits" };

    @TempDir
    Path dir;

    @Test
    void shouldWriteWhatDecodeWritesInEveryFormatAndPrintNothing() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        for (final String inFormat : DETS.keySet())
        {
            final Path in = write("dets." + inFormat, DETS.get(inFormat));
            for (final String outFormat : OUT_FORMATS)
            {
                final Path predicted = dir.resolve("predict-" + inFormat + "." + outFormat);
                final Path decoded = dir.resolve("decode-" + inFormat + "." + outFormat);
                final CommandRunner.Run predict = run("predict", "--dem", dem.toString(), "--in", in.toString(),
                    "--in_format", inFormat, "--out", predicted.toString(), "--out_format", outFormat);
                final CommandRunner.Run decode = run("decode", "--dem", dem.toString(), "--in", in.toString(),
                    "--in_format", inFormat, "--out", decoded.toString(), "--out_format", outFormat);

                assertEquals(0, predict.exitCode(), predict.toString());
                assertEquals(0, decode.exitCode(), decode.toString());
                assertArrayEquals(Files.readAllBytes(decoded), Files.readAllBytes(predicted),
                    inFormat + " -> " + outFormat);
                if (PREDICTIONS.containsKey(outFormat))
                {
                    assertArrayEquals(PREDICTIONS.get(outFormat), Files.readAllBytes(predicted), outFormat);
                }
                assertEquals("", predict.out() + predict.err(), "pymatching predict prints nothing");
            }
        }
    }

    @Test
    void shouldReadB8FromStandardInputAndWrite01ToStandardOutputByDefault() throws IOException
    {
        final CommandRunner.Run run = runWithInput(DETS_B8, "predict", "--dem",
            write("model.dem", ascii(DEM)).toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(PREDICTIONS_01, new String(run.standardOut(), StandardCharsets.US_ASCII));
        assertEquals("", run.out() + run.err());
    }

    @Test
    void shouldSkipAppendedObservablesWithoutDecodingThem() throws IOException
    {
        final CommandRunner.Run run = run("predict", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.01", ascii(DETS_WITH_TRUTH_01)).toString(), "--in_format", "01",
            "--in_includes_appended_observables", "--out_format", "dets");

        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(ascii(PREDICTIONS_DETS), run.standardOut());
    }

    @Test
    void shouldDecodeWithCorrelationsAsTheCorrelatedDecoder() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path in = write("dets.b8", DETS_B8);
        final CommandRunner.Run correlations = run("predict", "--dem", dem.toString(), "--in", in.toString(),
            "--enable_correlations");
        final CommandRunner.Run correlated = run("predict", "--dem", dem.toString(), "--in", in.toString(),
            "--decoder", "correlated");

        assertEquals(0, correlations.exitCode(), correlations.toString());
        assertArrayEquals(correlated.standardOut(), correlations.standardOut());
        assertEquals(PREDICTIONS_01.length(), correlations.standardOut().length, "one line a shot");
    }

    @Test
    void shouldFailWithOneLineOnBadFiles() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.b8", DETS_B8);
        final String missing = dir.resolve("missing.b8").toString();
        final Path ptb64 = dir.resolve("p.ptb64");

        assertFailure(1, "--in=" + missing + ": cannot read file: reason=no such file or directory",
            "--dem", dem.toString(), "--in", missing);
        assertFailure(1, "--dem=" + missing + ": cannot read file", "--dem", missing, "--in", dets.toString());
        assertFailure(1, "--out=" + dets + ": the output is also an input and would be overwritten",
            "--dem", dem.toString(), "--in", dets.toString(), "--out", dets.toString());
        assertArrayEquals(DETS_B8, Files.readAllBytes(dets), "the input is never modified");
        assertFailure(1, "ptb64 needs a shot count that is a multiple of 64: shot=0, shots=9",
            "--dem", dem.toString(), "--in", dets.toString(), "--out", ptb64.toString(), "--out_format", "ptb64");
        assertFalse(Files.exists(ptb64), "no ptb64 file of part blocks");
        assertFailure(1, "ptb64 data ends inside a block of 64 shots: its shot count must be a multiple of 64",
            "--dem", dem.toString(), "--in", dets.toString(), "--in_format", "ptb64");
    }

    @Test
    void shouldDeleteAPartialOutputWhenTheDataTurnsBad() throws IOException
    {
        final Path out = write("p.01", ascii("an older, complete file\n"));

        assertFailure(1, "dets line does not start with 'shot': shot=9", "--dem",
            write("model.dem", ascii(DEM)).toString(), "--in_format", "dets", "--in",
            write("d.dets", ascii(DETS_DETS + "shoot D1\n")).toString(), "--out", out.toString());
        assertFalse(Files.exists(out), "a half-written file must not pass for a finished one");
    }

    @Test
    void shouldRejectBadFlagsAsUsageErrors() throws IOException
    {
        final String dem = write("model.dem", ascii(DEM)).toString();

        assertFailure(2, "Missing required option: '--dem=FILE'", "--in", "x.b8");
        assertFailure(2, "unknown shot format: name='b9', accepted=01, b8, dets, r8, hits, ptb64",
            "--dem", dem, "--in_format", "b9");
        assertFailure(2, "unknown shot format: name='csv'", "--dem", dem, "--out_format", "csv");
        assertFailure(2, "Unknown options: '--obs_in'", "--dem", dem, "--obs_in", "obs.b8");
        assertFailure(2, "Unknown option: '--time'", "--dem", dem, "--time");
        assertFailure(2, "--enable_correlations asks for the correlated decoder, not another, --decoder=weighted",
            "--dem", dem, "--enable_correlations", "--decoder", "weighted");
    }

    @TestFactory
    Stream<DynamicTest> shouldWritePymatchingsBytesForTheSharedStimFormatFiles()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            tests.add(DynamicTest.dynamicTest(format.stimName(), () -> checkStimFormat(format)));
        }
        return tests.stream();
    }

    private void checkStimFormat(final ShotFormat format) throws IOException
    {
        final Path shared = GoldenFiles.require(GoldenFiles.stimFormats());
        final String name = format.stimName();
        final Path out = dir.resolve("predicted." + name);
        final CommandRunner.Run run = run("predict", "--dem", shared.resolve("model.dem").toString(),
            "--in", shared.resolve("dets." + name).toString(), "--in_format", name, "--out", out.toString(),
            "--out_format", name);

        assertEquals(0, run.exitCode(), run.toString());
        final Path pymatching = shared.resolve("pymatching." + name);
        // PyMatching writes no ptb64 predictions; Stim's ptb64 encoding of its b8 ones stands in.
        final byte[] expected = Files.exists(pymatching) ? Files.readAllBytes(pymatching) :
            reencode(shared.resolve("pymatching.b8"), format);
        assertArrayEquals(expected, Files.readAllBytes(out), "predictions differ from " + pymatching);
    }

    private static byte[] reencode(final Path b8, final ShotFormat format) throws IOException
    {
        final ShotLayout layout = ShotLayout.observables(1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, b8, layout);
            ShotWriter writer = ShotWriter.create(format, bytes, layout))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            while (reader.read(shot))
            {
                writer.write(shot);
            }
        }
        return bytes.toByteArray();
    }

    private static void assertFailure(final int exitCode, final String expected, final String... flags)
    {
        CommandRunner.assertFailure("predict", exitCode, expected, flags);
    }

    private Path write(final String name, final byte[] content) throws IOException
    {
        return Files.write(dir.resolve(name), content);
    }
}
