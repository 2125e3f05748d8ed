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
 * @param pymatchingCorrelatedErrors correlated PyMatching's ({@code --enable_correlations}) logical errors on these
 *                             shots; {@link #UNKNOWN} where the case does not give them (case.json made before them).
 * @param pymatchingCorrelatedUsPerRound correlated PyMatching 2.4's time per round, in microseconds; NaN where the
 *                             case does not give it.
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
    double pymatching24UsPerRound,
    long pymatchingCorrelatedErrors,
    double pymatchingCorrelatedUsPerRound)
{
    /** A count the case does not give. */
    public static final long UNKNOWN = -1;

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
            optional(json, "plain_us_per_round"),
            correlatedErrors(json),
            optional(json, "correlated_us_per_round"));
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

    /** @return whether the case gives correlated PyMatching's mistakes. */
    public boolean hasCorrelated()
    {
        return pymatchingCorrelatedErrors != UNKNOWN;
    }

    // The top-level count, else the one in the 2.4 timing object; case.json files made before either have neither.
    private static long correlatedErrors(final String json)
    {
        final double top = optional(json, "pymatching_correlated_logical_errors");
        final double timed = Double.isNaN(top) ? optional(json, "correlated_mistakes") : top;
        return Double.isNaN(timed) ? UNKNOWN : (long)timed;
    }

    private static double number(final String json, final String key)
    {
        final double value = optional(json, key);
        if (Double.isNaN(value))
        {
            throw new IllegalArgumentException("case.json lacks a number: key=" + key);
        }
        return value;
    }

    // NaN where the key is absent. Keys are unique in case.json, nested objects included.
    private static double optional(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
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
