package io.qecnode.bench.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the reference data: a Stim-made DEM with its detection events, true observable flips and
 * PyMatching's predictions, and PyMatching's figures from {@code case.json}.
 *
 * @param name            folder name, e.g. {@code circuit_d05_r05_p0.001}.
 * @param directory       the case folder.
 * @param family          noise family tag: codecap, phenom or circuit.
 * @param distance        code distance.
 * @param rounds          syndrome rounds per shot.
 * @param p               physical error probability.
 * @param shots           shots in the files.
 * @param detectors       detectors per shot.
 * @param pymatchingErrors PyMatching's logical errors on these shots.
 * @param pymatchingUsPerRound PyMatching's decode time per round (thread CPU time, median of 3), in microseconds.
 * @param pymatching24UsPerRound PyMatching 2.4's time per round ({@code pymatching_2_4_timing}, the reference the
 *                             speed goal is set against), in microseconds; NaN where the case does not give it.
 */
public record GoldenCase(
    String name,
    Path directory,
    String family,
    int distance,
    int rounds,
    double p,
    long shots,
    int detectors,
    long pymatchingErrors,
    double pymatchingUsPerRound,
    double pymatching24UsPerRound)
{
    /**
     * @param directory a case folder holding {@code case.json}.
     * @return the case.
     * @throws UncheckedIOException if case.json cannot be read; IllegalArgumentException if a field is missing.
     */
    public static GoldenCase load(final Path directory)
    {
        final String json;
        try
        {
            json = Files.readString(directory.resolve("case.json"), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read case.json: dir=" + directory, ex);
        }
        return new GoldenCase(
            directory.getFileName().toString(),
            directory,
            text(json, "family_tag"),
            (int)number(json, "d"),
            (int)number(json, "rounds"),
            number(json, "p"),
            (long)number(json, "shots"),
            (int)number(json, "num_detectors"),
            (long)number(json, "pymatching_logical_errors"),
            number(json, "decode_cpu_us_per_round"),
            json.contains("\"pymatching_2_4_timing\"") ? number(json, "plain_us_per_round") : Double.NaN);
    }

    /** @return the detector error model file. */
    public Path dem()
    {
        return directory.resolve("model.dem");
    }

    /** @return the detection events, b8. */
    public Path detectionEvents()
    {
        return directory.resolve("dets.b8");
    }

    /** @return the true observable flips, b8. */
    public Path observables()
    {
        return directory.resolve("obs.b8");
    }

    /** @return PyMatching's predicted observable flips, b8. */
    public Path pymatchingPredictions()
    {
        return directory.resolve("pymatching.b8");
    }

    private static double number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find())
        {
            throw new IllegalArgumentException("case.json lacks a number: key=" + key);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String text(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find())
        {
            throw new IllegalArgumentException("case.json lacks a string: key=" + key);
        }
        return m.group(1);
    }
}
