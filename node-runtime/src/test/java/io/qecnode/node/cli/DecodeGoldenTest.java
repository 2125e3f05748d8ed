package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code decode} on a golden circuit-level case made by Stim, as {@code pymatching predict} was run on it, and
 * holds its mistake count against a decode of the same shots straight through the decoder API.
 */
class DecodeGoldenTest
{
    private static final String GOLDEN_DIR_PROP_NAME = "qec.golden.dir";
    private static final String GOLDEN_DIR_DEFAULT = "../../shared/golden";
    private static final String CASE = "circuit_d05_r05_p0.001";
    private static final Pattern SHOTS = Pattern.compile("\"shots\":(\\d+)");
    private static final Pattern MISTAKES = Pattern.compile("\"mistakes\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldCountTheSameMistakesAsTheDecoderApiOnAGoldenCase() throws IOException
    {
        final Path golden = Paths.get(System.getProperty(GOLDEN_DIR_PROP_NAME, GOLDEN_DIR_DEFAULT)).resolve(CASE);
        Assumptions.assumeTrue(Files.isRegularFile(golden.resolve("model.dem")), () -> "golden case not found: dir=" +
            golden.toAbsolutePath().normalize() + " (set -D" + GOLDEN_DIR_PROP_NAME + ")");
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
        final long expected = DecodeCommandTest.countMistakes(dem, dets, obs, UnionFindDecoder.Growth.WEIGHTED,
            ShotFormat.B8);
        assertEquals(expected, Long.parseLong(field(MISTAKES, run.out())), run.out());
        assertTrue(expected > 0 && expected < shots / 1000, "a plausible logical error rate: mistakes=" + expected);
    }

    private static String field(final Pattern pattern, final String json)
    {
        final Matcher matcher = pattern.matcher(json);
        assertTrue(matcher.find(), json);
        return matcher.group(1);
    }
}
