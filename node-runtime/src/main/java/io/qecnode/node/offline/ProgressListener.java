package io.qecnode.node.offline;

/**
 * Told how a long offline decode is going, at most once per {@link DecodeSettings#progressIntervalNs()}.
 * <p>
 * <b>Note:</b> called on the decoding thread, between two shots; whatever it does adds to the run's wall time, though
 * not to its decode time.
 */
@FunctionalInterface
public interface ProgressListener
{
    /** A listener that ignores every report. */
    ProgressListener NONE = (shots, totalShots, elapsedNs) ->
    {
    };

    /**
     * @param shots      shots decoded so far.
     * @param totalShots shots the input holds, or {@link OfflineDecode#SHOTS_UNKNOWN} when only the end of the stream
     *                   will tell (text formats, standard input).
     * @param elapsedNs  wall time since the first shot was read, reading and writing included.
     */
    void onProgress(long shots, long totalShots, long elapsedNs);
}
