package io.qecnode.node.cli;

import io.qecnode.decoder.GoldenBounds;
import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code decode} on a golden circuit-level case made by Stim (the cut that ships with the repository), as
 * {@code pymatching predict} was run on it, and holds its mistake count against a decode of the same shots straight
 * through the decoder API, its predictions against the count it reports, and its mistakes against PyMatching's
 * within the default decoder mode's row of {@link GoldenBounds}.
 */
class DecodeGoldenTest
{
    private static final String CASE = "circuit_d05_r05_p0.005";
    private static final Pattern SHOTS = Pattern.compile("\"shots\":(\\d+)");
    private static final Pattern MISTAKES = Pattern.compile("\"mistakes\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldCountTheSameMistakesAsTheDecoderApiOnAGoldenCase() throws IOException
    {
        final Path golden = GoldenFiles.fixture().resolve(CASE);
        final Path dem = golden.resolve("model.dem");
        final Path dets = golden.resolve("dets.b8");
        final Path obs = golden.resolve("obs.b8");
        final Path out = dir.resolve("predictions.b8");

        final CommandRunner.Run run = CommandRunner.run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--in_format", "b8", "--out", out.toString(), "--out_format", "b8", "--obs_in", obs.toString(), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        final long shots = Long.parseLong(field(SHOTS, run.out()));
        assertEquals(Files.size(obs), shots, "one byte of L0 per shot in obs.b8");
        assertEquals(shots, Files.size(out), "one byte of predicted L0 per shot");
        final long expected = DecodeCommandTest.countMistakes(dem, dets, obs, DecoderMode.DEFAULT,
            ShotFormat.B8);
        assertEquals(expected, Long.parseLong(field(MISTAKES, run.out())), run.out());
        assertEquals(expected, GoldenFiles.mistakes(out, obs), "the predictions written are the mistakes counted");
        final long pymatching = GoldenFiles.mistakes(golden.resolve("pymatching.b8"), obs);
        final long correlated = GoldenFiles.mistakes(golden.resolve("pymatching_correlated.b8"), obs);
        final GoldenBounds.Bound bound = GoldenBounds.of(DecoderMode.DEFAULT, "circuit");
        assertTrue(expected > 0 && bound.holds(expected, pymatching, correlated),
            "mistakes=" + expected + ", pymatching=" + pymatching + ", pymatching_correlated=" + correlated);
    }

    @Test
    void shouldDecodeWithCorrelationsWhenEnabledAsPymatchingPredictDoes() throws IOException
    {
        final Path golden = GoldenFiles.fixture().resolve(CASE);
        final Path dem = golden.resolve("model.dem");
        final Path dets = golden.resolve("dets.b8");
        final Path obs = golden.resolve("obs.b8");
        final Path enabled = dir.resolve("enabled.b8");
        final Path named = dir.resolve("named.b8");

        final CommandRunner.Run run = CommandRunner.run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--out", enabled.toString(), "--out_format", "b8", "--obs_in", obs.toString(), "--enable_correlations",
            "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("{\"decoder\":\"correlated\""), run.out());
        final CommandRunner.Run both = CommandRunner.run("decode", "--dem", dem.toString(), "--in", dets.toString(),
            "--out", named.toString(), "--out_format", "b8", "--decoder", "correlated", "--enable_correlations");
        assertEquals(0, both.exitCode(), both.toString());
        assertArrayEquals(Files.readAllBytes(enabled), Files.readAllBytes(named));

        final long correlated = Long.parseLong(field(MISTAKES, run.out()));
        assertEquals(DecodeCommandTest.countMistakes(dem, dets, obs, DecoderMode.CORRELATED, ShotFormat.B8),
            correlated);
        final long weighted = DecodeCommandTest.countMistakes(dem, dets, obs, DecoderMode.WEIGHTED, ShotFormat.B8);
        final long pymatching = GoldenFiles.mistakes(golden.resolve("pymatching_correlated.b8"), obs);
        System.out.printf("%s: correlated %d, weighted %d, PyMatching correlated %d mistakes%n", CASE, correlated,
            weighted, pymatching);
        assertTrue(correlated < weighted, "correlated=" + correlated + ", weighted=" + weighted);
        final long plain = GoldenFiles.mistakes(golden.resolve("pymatching.b8"), obs);
        assertTrue(GoldenBounds.of(DecoderMode.CORRELATED, "circuit").holds(correlated, plain, pymatching),
            "correlated=" + correlated + ", pymatchingCorrelated=" + pymatching);
    }

    private static String field(final Pattern pattern, final String json)
    {
        final Matcher matcher = pattern.matcher(json);
        assertTrue(matcher.find(), json);
        return matcher.group(1);
    }
}
