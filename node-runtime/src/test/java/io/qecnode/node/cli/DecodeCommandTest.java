package io.qecnode.node.cli;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.qecnode.node.cli.CommandRunner.run;
import static io.qecnode.node.cli.CommandRunner.runWithInput;
import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.DETS_01;
import static io.qecnode.node.offline.RepetitionFixture.DETS_B8;
import static io.qecnode.node.offline.RepetitionFixture.DETS_DETS;
import static io.qecnode.node.offline.RepetitionFixture.DETS_WITH_TRUTH_01;
import static io.qecnode.node.offline.RepetitionFixture.MISTAKES;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_01;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_B8;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_DETS;
import static io.qecnode.node.offline.RepetitionFixture.SHOTS;
import static io.qecnode.node.offline.RepetitionFixture.TRUTH_01;
import static io.qecnode.node.offline.RepetitionFixture.TRUTH_B8;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeCommandTest
{
    private static final Map<String, byte[]> DETS = Map.of("01", ascii(DETS_01), "b8", DETS_B8, "dets",
        ascii(DETS_DETS));
    private static final Map<String, byte[]> PREDICTIONS = Map.of("01", ascii(PREDICTIONS_01), "b8", PREDICTIONS_B8,
        "dets", ascii(PREDICTIONS_DETS));
    private static final Pattern JSON = Pattern.compile(
        "\\{\"decoder\":\"(\\w+)\",\"shots\":(\\d+),\"detectors\":(\\d+),\"observables\":(\\d+)," +
        "\"detection_events\":(\\d+),\"mistakes\":(\\d+|null),\"unmatched_defects\":(\\d+)," +
        "\"dem_parse_seconds\":([0-9.]+),\"decode_seconds\":([0-9.]+),\"us_per_shot\":([0-9.]+)," +
        "\"total_seconds\":([0-9.]+)}");

    @TempDir
    Path dir;

    @Test
    void shouldWriteExactPredictionsForEveryInputAndOutputFormat() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        for (final String inFormat : DETS.keySet())
        {
            final Path in = write("dets." + inFormat, DETS.get(inFormat));
            for (final String outFormat : PREDICTIONS.keySet())
            {
                final Path out = dir.resolve("predictions-" + inFormat + "." + outFormat);
                final CommandRunner.Run run = run("decode", "--dem", dem.toString(), "--in", in.toString(),
                    "--in_format", inFormat, "--out", out.toString(), "--out_format", outFormat);

                assertEquals(0, run.exitCode(), run.toString());
                assertArrayEquals(PREDICTIONS.get(outFormat), Files.readAllBytes(out), inFormat + " -> " + outFormat);
                assertTrue(run.err().startsWith("decoded 9 shots with weighted union-find"), run.err());
                assertEquals("", run.out());
            }
        }
    }

    @Test
    void shouldDecodeR8DetectionEventsIntoR8Predictions() throws IOException
    {
        // DETS_01 and PREDICTIONS_01 by hand in r8: per shot the zeros before each one, then the run past the end.
        final byte[] detsR8 = { 4, 0, 3, 3, 0, 0, 0, 2, 1, 2, 2, 0, 0, 0, 2, 0, 2, 1, 1, 0, 1 };
        final byte[] predictionsR8 = { 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1 };
        final Path out = dir.resolve("predictions.r8");
        final CommandRunner.Run run = run("decode", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.r8", detsR8).toString(), "--in_format", "r8", "--out", out.toString(),
            "--out_format", "r8");

        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(predictionsR8, Files.readAllBytes(out));
    }

    @Test
    void shouldRefuseToWritePtb64PredictionsOfAShotCountThatIsNotAMultipleOf64() throws IOException
    {
        final Path out = dir.resolve("predictions.ptb64");
        assertDataError("ptb64 needs a shot count that is a multiple of 64: shot=0, shots=9, unwrittenShots=9",
            "--dem", write("model.dem", ascii(DEM)).toString(), "--in", write("dets.b8", DETS_B8).toString(),
            "--out", out.toString(), "--out_format", "ptb64");
        assertFalse(Files.exists(out), "no ptb64 file of part blocks");
    }

    @Test
    void shouldDefaultToB8InAnd01OutLikePymatchingPredict() throws IOException
    {
        final Path out = dir.resolve("predictions.01");
        final CommandRunner.Run run = run("decode", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.b8", DETS_B8).toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(PREDICTIONS_01, Files.readString(out));
    }

    @Test
    void shouldReadStandardInputAndWriteStandardOutputWhenInAndOutAreOmitted() throws IOException
    {
        final CommandRunner.Run run = runWithInput(ascii(DETS_DETS), "decode", "--dem",
            write("model.dem", ascii(DEM)).toString(), "--in_format", "dets", "--out_format", "b8");

        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(PREDICTIONS_B8, run.standardOut());
        assertEquals("", run.out());
    }

    @Test
    void shouldTakeADashForTheStandardStreamsAndMoveJsonToStandardError() throws IOException
    {
        final String dem = write("model.dem", ascii(DEM)).toString();
        final CommandRunner.Run run = runWithInput(DETS_B8, "decode", "--dem", dem, "--in", "-", "--out", "-",
            "--out_format", "dets", "--json");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(PREDICTIONS_DETS, new String(run.standardOut(), StandardCharsets.US_ASCII));
        assertEquals("", run.out());
        assertTrue(JSON.matcher(run.err().trim()).matches(), run.err());
    }

    @Test
    void shouldCountMistakesAgainstObsInAsAnIndependentDecodeDoes() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.b8", DETS_B8);
        final Path obs = write("obs.b8", TRUTH_B8);
        final CommandRunner.Run run = run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--obs_in", obs.toString(), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        final Matcher json = json(run.out());
        assertEquals(MISTAKES, Long.parseLong(json.group(6)));
        assertEquals(countMistakes(dem, dets, obs, DecoderMode.WEIGHTED), Long.parseLong(json.group(6)));
        assertEquals(0, run.standardOut().length, "no --out with --obs_in: predictions go nowhere");
    }

    @Test
    void shouldCountMistakesAgainstAppendedObservablesUnlessObsInIsGiven() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.01", ascii(DETS_WITH_TRUTH_01));
        final Path out = dir.resolve("predictions.01");
        final CommandRunner.Run appended = run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--in_format", "01", "--in_includes_appended_observables", "--out", out.toString(), "--json");

        assertEquals(0, appended.exitCode(), appended.toString());
        assertEquals(String.valueOf(MISTAKES), json(appended.out()).group(6));
        assertEquals(PREDICTIONS_01, Files.readString(out), "the appended bits are not decoded");

        final Path allZero = write("zero.01", ascii("0\n".repeat(SHOTS)));
        final CommandRunner.Run obsIn = run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--in-format", "01", "--in-includes-appended-observables", "--obs_in", allZero.toString(), "--json");

        assertEquals(0, obsIn.exitCode(), obsIn.toString());
        assertEquals("3", json(obsIn.out()).group(6), "--obs_in wins: three shots predict a flip");
    }

    @Test
    void shouldPrintJsonWhoseFiguresAgree() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final CommandRunner.Run run = run("decode", "--dem", dem.toString(), "--in", write("d.01",
            ascii(DETS_01)).toString(), "--in_format", "01", "--obs_in", write("o.01", ascii(TRUTH_01)).toString(),
            "--decoder", "unweighted", "--json");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, run.out().split("\n").length, run.out());
        final Matcher json = json(run.out());
        assertEquals("unweighted", json.group(1));
        assertEquals(SHOTS, Long.parseLong(json.group(2)));
        assertEquals(4, Integer.parseInt(json.group(3)));
        assertEquals(1, Integer.parseInt(json.group(4)));
        assertEquals(12, Long.parseLong(json.group(5)), "detection events of the nine shots");
        assertEquals(countMistakes(dem, dir.resolve("d.01"), dir.resolve("o.01"), DecoderMode.UNWEIGHTED,
            ShotFormat.TEXT_01), Long.parseLong(json.group(6)));
        assertEquals(0, Long.parseLong(json.group(7)));
        final double parseSeconds = Double.parseDouble(json.group(8));
        final double decodeSeconds = Double.parseDouble(json.group(9));
        final double microsPerShot = Double.parseDouble(json.group(10));
        final double totalSeconds = Double.parseDouble(json.group(11));
        assertTrue(decodeSeconds > 0 && parseSeconds > 0, run.out());
        assertEquals(decodeSeconds * 1e6, SHOTS * microsPerShot, 1e-5 * SHOTS + 1e-3, run.out());
        assertTrue(totalSeconds >= decodeSeconds + parseSeconds, run.out());
    }

    @Test
    void shouldPrintNullMistakesWithoutTruth() throws IOException
    {
        final CommandRunner.Run run = run("decode", "--dem", write("model.dem", ascii(DEM)).toString(),
            "--in", write("dets.b8", DETS_B8).toString(), "--out", dir.resolve("p.01").toString(), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("null", json(run.out()).group(6));
    }

    @Test
    void shouldAcceptUnderscoredAndDashedSpellingsAlike() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.01", ascii(DETS_WITH_TRUTH_01));
        final Path obs = write("obs.01", ascii(TRUTH_01));
        final Path underscored = dir.resolve("underscored.dets");
        final Path dashed = dir.resolve("dashed.dets");
        final CommandRunner.Run first = run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--in_format", "01", "--in_includes_appended_observables", "--out", underscored.toString(),
            "--out_format", "dets", "--obs_in", obs.toString(), "--obs_in_format", "01", "--json");
        final CommandRunner.Run second = run("decode", "--dem=" + dem, "--in=" + dets, "--in-format=01",
            "--in-includes-appended-observables", "--out=" + dashed, "--out-format=dets", "--obs-in=" + obs,
            "--obs-in-format=01", "--json");

        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(PREDICTIONS_DETS, Files.readString(underscored));
        assertEquals(PREDICTIONS_DETS, Files.readString(dashed));
        assertEquals(json(first.out()).group(6), json(second.out()).group(6));
    }

    @Test
    void shouldFailWithOneLineOnDataErrors() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path dets = write("dets.b8", DETS_B8);
        final String missing = dir.resolve("missing.b8").toString();

        assertDataError(missing + ": cannot read file: reason=no such file or directory",
            "--dem", missing, "--in", dets.toString());
        assertDataError("--in=" + missing + ": cannot read file: reason=no such file or directory",
            "--dem", dem.toString(), "--in", missing);
        assertDataError("--in=" + dir + ": cannot read file: reason=is a directory",
            "--dem", dem.toString(), "--in", dir.toString());
        assertDataError("--obs_in=" + missing + ": cannot read file: reason=no such file or directory",
            "--dem", dem.toString(), "--in", dets.toString(), "--obs_in", missing);
        assertDataError("--out=" + dir.resolve("no/such/dir/p.01") + ": cannot write file: reason=no such file",
            "--dem", dem.toString(), "--in", dets.toString(), "--out", dir.resolve("no/such/dir/p.01").toString());
        assertDataError("--out=" + dets + ": the output is also an input and would be overwritten",
            "--dem", dem.toString(), "--in", dets.toString(), "--out", dets.toString());
        assertArrayEquals(DETS_B8, Files.readAllBytes(dets), "the input survives");
    }

    @Test
    void shouldFailOnAFileItCannotRead() throws IOException
    {
        final Path dets = write("locked.b8", DETS_B8);
        assertTrue(dets.toFile().setReadable(false, false));
        Assumptions.assumeFalse(Files.isReadable(dets), "running as root: every file reads");

        assertDataError("--in=" + dets + ": cannot read file: reason=permission denied",
            "--dem", write("model.dem", ascii(DEM)).toString(), "--in", dets.toString());
    }

    @Test
    void shouldShowTheLineOfADemError() throws IOException
    {
        final Path dem = write("bad.dem", ascii("error(0.1) D0 D1\nerror(0.1) D1 X2\n"));

        final String err = assertDataError("--dem=" + dem + ": ", "--dem", dem.toString(), "--in",
            write("dets.b8", DETS_B8).toString());
        assertTrue(err.contains("line=2, text=\"error(0.1) D1 X2\""), err);
    }

    @Test
    void shouldRefuseAB8FileOfPartShots() throws IOException
    {
        // Twelve detectors make two bytes a shot; three bytes are one and a half shots.
        final Path dem = write("wide.dem", ascii(DEM + "detector D11\n"));

        assertDataError("b8 size is not a whole number of shots: shot=1, byteCount=3, bytesPerShot=2",
            "--dem", dem.toString(), "--in", write("odd.b8", new byte[3]).toString());
    }

    @Test
    void shouldRefuseObservablesOfAnotherShotCount() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path out = dir.resolve("p.b8");

        assertDataError("--obs_in=" + dir.resolve("short.b8") + ": holds a different number of shots than --in=" +
            dir.resolve("dets.b8") + ": obsShots=8, shots=9", "--dem", dem.toString(), "--in",
            write("dets.b8", DETS_B8).toString(), "--obs_in", write("short.b8", new byte[8]).toString(),
            "--out", out.toString());
        assertFalse(Files.exists(out), "checked before the output is created");

        final Path dets = write("dets.01", ascii(DETS_01));
        assertDataError("holds fewer shots than --in=" + dets + ": obsShots=8, shotsSoFar=9", "--dem", dem.toString(),
            "--in", dets.toString(), "--in_format", "01", "--obs_in",
            write("short.01", ascii("0\n".repeat(8))).toString(), "--out", out.toString());
        assertDataError("holds more shots than --in=" + dets + ": shots=9", "--dem", dem.toString(),
            "--in", dets.toString(), "--in_format", "01", "--obs_in",
            write("long.01", ascii("0\n".repeat(10))).toString(), "--out", out.toString());
        assertFalse(Files.exists(out), "a partial output is deleted");
    }

    @Test
    void shouldRefuseDefectsTheModelDoesNotHave() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));

        assertDataError("dets detector index out of range: shot=1, target=D4, detectorCount=4",
            "--dem", dem.toString(), "--in_format", "dets", "--in",
            write("d.dets", ascii("shot D1\nshot D4\n")).toString());
        assertDataError("01 line too long: shot=0, length=5, expectedLength=4",
            "--dem", dem.toString(), "--in_format", "01", "--in", write("d.01", ascii("00001\n")).toString());
        assertDataError("b8 padding bit set past the shot's last bit: shot=2, bit=4, bitCount=4",
            "--dem", dem.toString(), "--in", write("d.b8", new byte[] {0x01, 0x02, 0x10}).toString());
    }

    @Test
    void shouldDeleteAPartialOutputWhenTheDataTurnsBad() throws IOException
    {
        final Path dem = write("model.dem", ascii(DEM));
        final Path out = write("p.01", ascii("an older, complete file\n"));

        assertDataError("dets line does not start with 'shot': shot=9", "--dem", dem.toString(),
            "--in_format", "dets", "--in", write("d.dets", ascii(DETS_DETS + "shoot D1\n")).toString(),
            "--out", out.toString());
        assertFalse(Files.exists(out), "a half-written file must not look like a finished one");
    }

    @Test
    void shouldRejectBadFlagsAsUsageErrors() throws IOException
    {
        final String dem = write("model.dem", ascii(DEM)).toString();
        final String dets = write("dets.b8", DETS_B8).toString();

        assertUsageError("unknown shot format: name='b9', accepted=01, b8, dets, r8, hits, ptb64", "--dem", dem,
            "--in_format", "b9");
        assertUsageError("unknown shot format: name='hex'", "--dem", dem, "--obs_in_format", "hex");
        assertUsageError("unknown decoder: name='mwpm', accepted=unweighted, weighted, exact-small, correlated",
            "--dem", dem, "--decoder", "mwpm");
        assertUsageError("Missing required option: '--dem=FILE'", "--in", dets);
        assertUsageError("--enable_correlations asks for the correlated decoder, not another, --decoder=weighted",
            "--dem", dem, "--enable_correlations", "--decoder", "weighted");
        assertUsageError("--decoder=unweighted", "--dem", dem, "--decoder", "unweighted", "--enable-correlations");
        assertUsageError("--in and --obs_in cannot both read standard input", "--dem", dem, "--obs_in", "-");
    }

    @Test
    void shouldListTheExitCodesInTheHelp()
    {
        final CommandRunner.Run run = run("decode", "--help");

        final String help = run.out().replaceAll("\\s+", " ");
        assertEquals(0, run.exitCode());
        assertTrue(help.contains("Exit codes: 0 decoded every shot. 1 a file is missing"), help);
        assertTrue(help.contains("--in_format, --in-format=FORMAT Format of --in: 01, b8, dets, r8, hits or ptb64. " +
            "Default: b8 (as pymatching predict)"), help);
        assertTrue(help.contains("--out_format, --out-format=FORMAT Format of --out: 01, b8, dets, r8, hits or " +
            "ptb64. Default: 01 (as pymatching predict)"), help);
    }

    @Test
    void shouldFormatProgressWithAndWithoutATotal()
    {
        assertEquals("120000/480000 shots (25.0%), 60000 shots/s",
            DecodeCommand.progressLine(120_000, 480_000, 2_000_000_000L));
        assertEquals("5000 shots, 2500 shots/s", DecodeCommand.progressLine(5_000, -1, 2_000_000_000L));
    }

    private String assertDataError(final String expected, final String... flags)
    {
        return assertFailure(DecodeCommand.EXIT_DATA_ERROR, expected, flags);
    }

    private void assertUsageError(final String expected, final String... flags)
    {
        final String err = assertFailure(DecodeCommand.EXIT_USAGE_ERROR, expected, flags);
        assertTrue(err.endsWith("Try 'qec-node decode --help' for more information."), err);
    }

    private static String assertFailure(final int exitCode, final String expected, final String... flags)
    {
        final String[] args = new String[flags.length + 1];
        args[0] = "decode";
        System.arraycopy(flags, 0, args, 1, flags.length);
        final CommandRunner.Run run = run(args);
        final String err = run.err().trim();

        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(err.startsWith("qec-node decode: "), err);
        assertTrue(err.lines().findFirst().orElse("").contains(expected), "expected <" + expected + "> in " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        assertEquals("", run.out());
        return err;
    }

    private Path write(final String name, final byte[] content) throws IOException
    {
        return Files.write(dir.resolve(name), content);
    }

    private static Matcher json(final String text)
    {
        final Matcher matcher = JSON.matcher(text.trim());
        assertTrue(matcher.matches(), text);
        return matcher;
    }

    private static long countMistakes(final Path dem, final Path dets, final Path obs,
        final DecoderMode growth) throws IOException
    {
        return countMistakes(dem, dets, obs, growth, ShotFormat.B8);
    }

    // The same count the command makes, straight from the decoder API.
    static long countMistakes(final Path dem, final Path dets, final Path obs, final DecoderMode growth,
        final ShotFormat format) throws IOException
    {
        final DetectorErrorModel model = DetectorErrorModel.parse(dem);
        final UnionFindDecoder decoder = new UnionFindDecoder(model.graph(), growth);
        final DecodeResult result = new DecodeResult(model.graph());
        final ShotLayout layout = ShotLayout.detectors(model.detectorCount());
        long mistakes = 0;
        try (ShotReader shots = ShotReader.open(format, dets, layout);
            ShotReader truth = ShotReader.open(format, obs, ShotLayout.observables(model.observableCount())))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            while (shots.read(shot))
            {
                mistakes += decoder.decode(shot.defects(), shot.defectCount(), result) != truth.readMask() ? 1 : 0;
            }
            truth.expectEnd();
        }
        return mistakes;
    }
}
