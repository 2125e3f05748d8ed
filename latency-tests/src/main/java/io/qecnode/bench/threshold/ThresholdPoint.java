package io.qecnode.bench.threshold;

import io.qecnode.decoder.model.NoiseModel;

import java.util.Locale;

/**
 * The measured logical error rate of one (distance, p) point of a threshold run.
 *
 * @param noise         noise model.
 * @param distance      code distance.
 * @param rounds        noisy rounds per shot.
 * @param p             physical error probability.
 * @param seed          sampler seed of this point.
 * @param shots         shots decoded.
 * @param logicalErrors shots whose predicted logical flips differed from the truth.
 * @param decodeNs      time spent in the decoder, in nanoseconds.
 * @param meanDefects   mean number of defects per shot.
 */
public record ThresholdPoint(
    NoiseModel noise,
    int distance,
    int rounds,
    double p,
    long seed,
    long shots,
    long logicalErrors,
    long decodeNs,
    double meanDefects) implements RatePoint
{
    /** @return mean decode time per shot in microseconds. */
    public double decodeMicrosPerShot()
    {
        return decodeNs / 1000.0 / shots;
    }

    /** @return one JSON object on one line. */
    public String toJson()
    {
        return String.format(Locale.ROOT,
            "{\"model\":\"%s\",\"d\":%d,\"rounds\":%d,\"p\":%s,\"seed\":%d,\"shots\":%d,\"logical_errors\":%d," +
            "\"ler\":%.6e,\"ci95_low\":%.6e,\"ci95_high\":%.6e,\"decode_us_per_shot\":%.4f,\"mean_defects\":%.3f}",
            noise.cliName(), distance, rounds, p, seed, shots, logicalErrors,
            logicalErrorRate(), ciLow(), ciHigh(), decodeMicrosPerShot(), meanDefects);
    }
}
