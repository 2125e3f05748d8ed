package io.qecnode.node.offline;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.shots.ShotFormatException;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The per-shot loop of an offline decode: read a shot, decode it, write the prediction, compare it with the truth.
 * The decoder, its result and the shot buffer are made once here, so the loop allocates nothing per shot.
 * <p>
 * The clock is read right before and right after each decode call; the decode time is the sum of those spans, and
 * the second reading doubles as the time a progress report falls due, so reporting costs no extra clock read.
 */
final class DecodeLoop
{
    private final UnionFindDecoder decoder;
    private final DecodeResult result;
    private final SparseShot shot;
    private final LongSupplier nanoClock;
    private final ProgressListener progress;
    private final long progressIntervalNs;

    private long shots;
    private long detectionEvents;
    private long mistakes;
    private long unmatchedDefects;
    private long decodeNs;

    DecodeLoop(
        final DecodingGraph graph,
        final DecoderMode growth,
        final int shotCapacity,
        final LongSupplier nanoClock,
        final ProgressListener progress,
        final long progressIntervalNs)
    {
        this.decoder = new UnionFindDecoder(graph, growth);
        this.result = new DecodeResult(graph);
        this.shot = new SparseShot(shotCapacity);
        this.nanoClock = nanoClock;
        this.progress = progress;
        this.progressIntervalNs = progressIntervalNs;
    }

    /**
     * Decode every shot of {@code shots}.
     *
     * @param truth         the true observables, one record per shot, or null when they are appended to each shot
     *                      ({@code truthAppended}) or not given.
     * @param truthAppended true when each shot's own observable bits are the truth.
     * @param totalShots    shots the input holds, or {@link OfflineDecode#SHOTS_UNKNOWN}, for progress reports.
     */
    void run(
        final ShotReader shots,
        final String shotsLabel,
        final ShotReader truth,
        final String truthLabel,
        final boolean truthAppended,
        final PredictionOutput predictions,
        final long totalShots) throws DecodeFailure
    {
        final UnionFindDecoder decoder = this.decoder;
        final DecodeResult result = this.result;
        final SparseShot shot = this.shot;
        final LongSupplier nanoClock = this.nanoClock;
        final long startNs = nanoClock.getAsLong();
        long nextReportNs = startNs + progressIntervalNs;
        long count = 0;
        long events = 0;
        long wrong = 0;
        long unmatched = 0;
        long spentNs = 0;

        while (next(shots, shot, shotsLabel))
        {
            final long beforeNs = nanoClock.getAsLong();
            final long predicted = decoder.decode(shot.defects(), shot.defectCount(), result);
            final long afterNs = nanoClock.getAsLong();
            spentNs += afterNs - beforeNs;
            count++;
            events += shot.defectCount();
            unmatched += result.unmatchedDefects();
            predictions.write(predicted);
            if (truth != null)
            {
                wrong += predicted != readTruth(truth, truthLabel, shotsLabel, count) ? 1 : 0;
            }
            else if (truthAppended)
            {
                wrong += predicted != shot.observableFlips() ? 1 : 0;
            }
            if (afterNs - nextReportNs >= 0)
            {
                progress.onProgress(count, totalShots, afterNs - startNs);
                nextReportNs = afterNs + progressIntervalNs;
            }
        }
        if (truth != null)
        {
            expectEnd(truth, truthLabel, shotsLabel, count);
        }
        this.shots = count;
        this.detectionEvents = events;
        this.mistakes = truth != null || truthAppended ? wrong : DecodeSummary.MISTAKES_UNKNOWN;
        this.unmatchedDefects = unmatched;
        this.decodeNs = spentNs;
    }

    long shots()
    {
        return shots;
    }

    long detectionEvents()
    {
        return detectionEvents;
    }

    long mistakes()
    {
        return mistakes;
    }

    long unmatchedDefects()
    {
        return unmatchedDefects;
    }

    long decodeNs()
    {
        return decodeNs;
    }

    private static boolean next(final ShotReader shots, final SparseShot shot, final String label)
        throws DecodeFailure
    {
        try
        {
            return shots.read(shot);
        }
        catch (final IOException ex)
        {
            throw ShotFiles.readFailure(label, ex);
        }
    }

    // shotNumber counts from 1: the shot whose truth is wanted is the shotNumber-th of the detection events.
    private static long readTruth(
        final ShotReader truth,
        final String truthLabel,
        final String shotsLabel,
        final long shotNumber) throws DecodeFailure
    {
        try
        {
            if (!truth.hasMoreShots())
            {
                throw new DecodeFailure(truthLabel + ": holds fewer shots than " + shotsLabel + ": obsShots=" +
                    truth.shotsRead() + ", shotsSoFar=" + shotNumber);
            }
            return truth.readMask();
        }
        catch (final IOException ex)
        {
            throw ShotFiles.readFailure(truthLabel, ex);
        }
    }

    private static void expectEnd(final ShotReader truth, final String truthLabel, final String shotsLabel,
        final long shots) throws DecodeFailure
    {
        try
        {
            truth.expectEnd();
        }
        catch (final ShotFormatException ex)
        {
            throw new DecodeFailure(truthLabel + ": holds more shots than " + shotsLabel + ": shots=" + shots, ex);
        }
        catch (final IOException ex)
        {
            throw ShotFiles.readFailure(truthLabel, ex);
        }
    }
}
