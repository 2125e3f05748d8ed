package io.qecnode.node.offline;

import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One offline decode, like {@code pymatching predict} and {@code count_mistakes} in one pass: parse the detector
 * error model, stream the detection events shot by shot through the union-find decoder, write the predicted
 * observable flips and count the shots where they differ from the true ones.
 * <p>
 * Everything that can be checked before decoding is: the model, that each input opens, that b8 files hold a whole
 * number of shots and, for two b8 files, the same number. Only then is the output created, and if the run still fails
 * (bad data half-way, a short observables file) the output file is deleted again.
 * <p>
 * <b>Note:</b> single use and single threaded; files are streamed, never read whole.
 */
public final class OfflineDecode
{
    /** Shot count of an input whose length only its end will tell. */
    public static final long SHOTS_UNKNOWN = -1;

    private final DecodeSettings settings;
    private final InputStream standardIn;
    private final OutputStream standardOut;
    private final LongSupplier nanoClock;
    private final ProgressListener progress;

    /**
     * @param settings    what to read, write and decode with; {@link DecodeSettings#dem()} must be set.
     * @param standardIn  the stream {@link DecodeSettings#STANDARD_STREAM} reads from as an input.
     * @param standardOut the stream {@link DecodeSettings#STANDARD_STREAM} writes to as the output; flushed, never
     *                    closed.
     * @param nanoClock   the clock for every time measured, e.g. {@code System::nanoTime}.
     * @param progress    told how a long run is going.
     * @throws IllegalArgumentException when both the detection events and the true observables are to come from
     *                                  standard input.
     */
    public OfflineDecode(
        final DecodeSettings settings,
        final InputStream standardIn,
        final OutputStream standardOut,
        final LongSupplier nanoClock,
        final ProgressListener progress)
    {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.dem(), "settings.dem");
        if (DecodeSettings.isStandardStream(settings.shotsIn()) &&
            DecodeSettings.isStandardStream(settings.observablesIn()))
        {
            throw new IllegalArgumentException("standard input can feed the detection events or the observables, " +
                "not both: " + settings);
        }
        this.standardIn = Objects.requireNonNull(standardIn, "standardIn");
        this.standardOut = Objects.requireNonNull(standardOut, "standardOut");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Decode every shot.
     *
     * @return what was decoded, the mistakes made and the time taken.
     * @throws DecodeFailure naming the option, file and facts when a file is missing, unreadable or bad; the output
     *                       file, if one was started, is deleted.
     */
    public DecodeSummary run() throws DecodeFailure
    {
        try
        {
            return decode();
        }
        catch (final DecodeFailure ex)
        {
            final String message = ex.getMessage();
            if (message.startsWith(ShotFiles.label(ShotFiles.IN_OPTION, settings.shotsIn()) + ":"))
            {
                throw ShotFiles.withFormatHint(ex, settings.shotsIn(), settings.shotsInFormat(), "--in_format");
            }
            if (settings.observablesIn() != null &&
                message.startsWith(ShotFiles.label(ShotFiles.OBS_IN_OPTION, settings.observablesIn()) + ":"))
            {
                throw ShotFiles.withFormatHint(ex, settings.observablesIn(), settings.observablesInFormat(),
                    "--obs_in_format");
            }
            throw ex;
        }
    }

    private DecodeSummary decode() throws DecodeFailure
    {
        final long startNs = nanoClock.getAsLong();
        final DetectorErrorModel model = parseModel();
        final long demParseNs = nanoClock.getAsLong() - startNs;

        final int detectors = model.detectorCount();
        final int observables = model.observableCount();
        final ShotLayout shotLayout = settings.shotsIncludeObservables() ?
            ShotLayout.detectorsWithObservables(detectors, observables) : ShotLayout.detectors(detectors);
        final ShotLayout observableLayout = ShotLayout.observables(observables);
        final String shotsLabel = ShotFiles.label(ShotFiles.IN_OPTION, settings.shotsIn());
        final Path truthFile = settings.observablesIn();
        final String truthLabel = truthFile == null ? null : ShotFiles.label(ShotFiles.OBS_IN_OPTION, truthFile);

        final long totalShots = ShotFiles.b8ShotCount(shotsLabel, settings.shotsIn(), settings.shotsInFormat(),
            shotLayout);
        if (truthFile != null)
        {
            checkSameShotCount(totalShots, truthLabel, truthFile, observableLayout, shotsLabel);
        }

        final DecodeLoop loop = new DecodeLoop(model.graph(), settings.growth(), detectors, nanoClock, progress,
            settings.progressIntervalNs());
        ShotReader shots = null;
        ShotReader truth = null;
        PredictionOutput predictions = null;
        try
        {
            shots = ShotFiles.openReader(shotsLabel, settings.shotsIn(), settings.shotsInFormat(), shotLayout,
                standardIn);
            if (truthFile != null)
            {
                truth = ShotFiles.openReader(truthLabel, truthFile, settings.observablesInFormat(), observableLayout,
                    standardIn);
            }
            predictions = PredictionOutput.open(settings.predictionsOut(), settings.predictionsFormat(),
                observableLayout, standardOut, settings.inputs());
            loop.run(shots, shotsLabel, truth, truthLabel, truth == null && settings.shotsIncludeObservables(),
                predictions, totalShots);
            predictions.finish();
        }
        catch (final DecodeFailure | RuntimeException ex)
        {
            if (predictions != null)
            {
                predictions.abandon();
            }
            throw ex;
        }
        finally
        {
            closeQuietly(shots);
            closeQuietly(truth);
        }

        return new DecodeSummary(settings.growth().cliName(), loop.shots(), detectors,
            observables, loop.detectionEvents(), loop.mistakes(), loop.unmatchedDefects(), demParseNs,
            loop.decodeNs(), nanoClock.getAsLong() - startNs);
    }

    private DetectorErrorModel parseModel() throws DecodeFailure
    {
        final String label = ShotFiles.label(ShotFiles.DEM_OPTION, settings.dem());
        final DetectorErrorModel model;
        try
        {
            model = DetectorErrorModel.parse(settings.dem());
        }
        catch (final DemFormatException ex)
        {
            throw new DecodeFailure(label + ": " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw ShotFiles.failure(label, "cannot read file", ex);
        }
        if (model.detectorCount() == 0)
        {
            // Otherwise the first shot would be blamed for holding any bit at all.
            throw new DecodeFailure(label + ": the model has no detectors (an empty DEM?), so there is nothing to " +
                "decode with it");
        }
        return model;
    }

    // Two b8 files tell their lengths up front, so a mismatch fails before any output is written.
    private void checkSameShotCount(
        final long totalShots,
        final String truthLabel,
        final Path truthFile,
        final ShotLayout observableLayout,
        final String shotsLabel) throws DecodeFailure
    {
        final long truthShots = ShotFiles.b8ShotCount(truthLabel, truthFile, settings.observablesInFormat(),
            observableLayout);
        if (totalShots != SHOTS_UNKNOWN && truthShots != SHOTS_UNKNOWN && truthShots != totalShots)
        {
            throw new DecodeFailure(truthLabel + ": holds a different number of shots than " + shotsLabel +
                ": obsShots=" + truthShots + ", shots=" + totalShots);
        }
    }

    private static void closeQuietly(final ShotReader reader)
    {
        if (reader != null)
        {
            try
            {
                reader.close();
            }
            catch (final IOException ignored)
            {
                // Everything needed was read; a failure to let go of an input changes no result.
            }
        }
    }
}
