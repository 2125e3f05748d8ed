package io.qecnode.node.offline;

import java.util.Locale;

/**
 * What an offline decode did: how much it decoded, how many mistakes it made, and how long it took.
 *
 * @param decoder          the decoder's name: {@code weighted} or {@code unweighted} union-find growth.
 * @param shots            shots decoded.
 * @param detectors        detectors in the model, the width of each detection-event record.
 * @param observables      observables in the model, the width of each prediction.
 * @param detectionEvents  detection events (set detector bits) over all shots.
 * @param mistakes         shots whose predicted observable mask differs from the true one, or
 *                         {@link #MISTAKES_UNKNOWN} when no truth was given.
 * @param unmatchedDefects defects the decoder could neither pair nor take to the boundary, over all shots; 0 unless
 *                         the data cannot come from the model.
 * @param demParseNs       time to parse the model and build its decoding graph.
 * @param decodeNs         time spent inside the decoder alone, summed over the shots; reading, writing and
 *                         comparing are left out.
 * @param totalNs          wall time of the whole run, parsing and file work included.
 */
public record DecodeSummary(
    String decoder,
    long shots,
    int detectors,
    int observables,
    long detectionEvents,
    long mistakes,
    long unmatchedDefects,
    long demParseNs,
    long decodeNs,
    long totalNs)
{
    /** Value of {@link #mistakes()} when no true observables were given. */
    public static final long MISTAKES_UNKNOWN = -1;

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1e3;

    /** @return true when mistakes were counted. */
    public boolean mistakesCounted()
    {
        return mistakes != MISTAKES_UNKNOWN;
    }

    /** @return {@link #decodeNs()} in seconds. */
    public double decodeSeconds()
    {
        return decodeNs / NANOS_PER_SECOND;
    }

    /** @return mean decode time per shot in microseconds; 0 when there were no shots. */
    public double microsPerShot()
    {
        return shots == 0 ? 0.0 : decodeNs / NANOS_PER_MICRO / shots;
    }

    /**
     * @return one JSON object on one line; {@code mistakes} is null when no truth was given, times are in seconds
     * with nanosecond resolution.
     */
    public String toJson()
    {
        return String.format(Locale.ROOT,
            "{\"decoder\":\"%s\",\"shots\":%d,\"detectors\":%d,\"observables\":%d,\"detection_events\":%d," +
            "\"mistakes\":%s,\"unmatched_defects\":%d,\"dem_parse_seconds\":%.9f,\"decode_seconds\":%.9f," +
            "\"us_per_shot\":%.6f,\"total_seconds\":%.9f}",
            decoder, shots, detectors, observables, detectionEvents,
            mistakesCounted() ? Long.toString(mistakes) : "null", unmatchedDefects, demParseNs / NANOS_PER_SECOND,
            decodeSeconds(), microsPerShot(), totalNs / NANOS_PER_SECOND);
    }

    /** @return two short lines for people: what was decoded with what result, then the times. */
    public String describe()
    {
        final String result = mistakesCounted() ?
            String.format(Locale.ROOT, "%d mistakes (%.3e per shot)", mistakes, shots == 0 ? 0.0 :
                (double)mistakes / shots) :
            "mistakes not counted (no true observables given)";
        return String.format(Locale.ROOT,
            "decoded %d shots with %s union-find (detectors=%d, observables=%d): %s, %d detection events, " +
            "%d unmatched defects%n" +
            "decode %.3f s (%.3f us/shot), DEM parse %.3f s, total %.3f s",
            shots, decoder, detectors, observables, result, detectionEvents, unmatchedDefects,
            decodeSeconds(), microsPerShot(), demParseNs / NANOS_PER_SECOND, totalNs / NANOS_PER_SECOND);
    }
}
