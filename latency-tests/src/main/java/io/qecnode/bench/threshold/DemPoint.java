package io.qecnode.bench.threshold;

import io.qecnode.decoder.unionfind.DecoderMode;

import java.util.Locale;

/**
 * The measured logical error rate of one decoder on one DEM of a threshold set.
 *
 * @param demCase       the case directory.
 * @param decoder       the decoder mode.
 * @param detectors     detectors of the model.
 * @param seed          sampler seed of the case, the same for every decoder: all decode the same shots.
 * @param shots         shots decoded.
 * @param logicalErrors shots whose predicted observable flips differed from the truth.
 * @param decodeNs      time spent in this decoder, in nanoseconds.
 * @param meanDefects   mean number of defects per shot.
 */
public record DemPoint(
    DemCase demCase,
    DecoderMode decoder,
    int detectors,
    long seed,
    long shots,
    long logicalErrors,
    long decodeNs,
    double meanDefects) implements RatePoint
{
    @Override
    public int distance()
    {
        return demCase.distance();
    }

    @Override
    public double p()
    {
        return demCase.p();
    }

    /** @return mean decode time per shot in microseconds. */
    public double decodeMicrosPerShot()
    {
        return decodeNs / 1000.0 / shots;
    }

    /**
     * @param reference the reference decoders' names and counts for this case, or null when there are none.
     * @param names     the reference decoders' names, e.g. plain and correlated.
     * @return one JSON object on one line.
     */
    public String toJson(final long[] reference, final Iterable<String> names)
    {
        final StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
            "{\"case\":\"%s\",\"decoder\":\"%s\",\"d\":%d,\"p\":%s,\"detectors\":%d,\"seed\":%d,\"shots\":%d," +
            "\"logical_errors\":%d,\"ler\":%.6e,\"ci95_low\":%.6e,\"ci95_high\":%.6e,\"decode_us_per_shot\":%.4f," +
            "\"mean_defects\":%.3f",
            demCase.name(), decoder.cliName(), distance(), p(), detectors, seed, shots, logicalErrors,
            logicalErrorRate(), ciLow(), ciHigh(), decodeMicrosPerShot(), meanDefects));
        if (reference != null)
        {
            int i = 0;
            for (final String name : names)
            {
                json.append(",\"pymatching_").append(name).append("\":").append(reference[i++]);
            }
        }
        return json.append('}').toString();
    }
}
