package io.qecnode.node.offline;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.DecoderMode;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What an {@link OfflineDecode} reads, writes and decodes with. The defaults are those of {@code pymatching predict}:
 * detection events from standard input in {@code b8}, predictions to standard output in {@code 01}.
 * <p>
 * The path {@link #STANDARD_STREAM} ({@code "-"}) stands for standard input or standard output.
 */
public final class DecodeSettings
{
    /** The path that stands for standard input (as an input) or standard output (as the predictions). */
    public static final Path STANDARD_STREAM = Paths.get("-");

    /** Default format of the detection events, as {@code pymatching predict --in_format}. */
    public static final ShotFormat SHOTS_IN_FORMAT_DEFAULT = ShotFormat.B8;

    /** Default format of the predictions, as {@code pymatching predict --out_format}. */
    public static final ShotFormat PREDICTIONS_FORMAT_DEFAULT = ShotFormat.TEXT_01;

    /** Default shortest time between two progress reports. */
    public static final long PROGRESS_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(2);

    private Path dem;
    private Path shotsIn = STANDARD_STREAM;
    private ShotFormat shotsInFormat = SHOTS_IN_FORMAT_DEFAULT;
    private boolean shotsIncludeObservables;
    private Path predictionsOut = STANDARD_STREAM;
    private ShotFormat predictionsFormat = PREDICTIONS_FORMAT_DEFAULT;
    private Path observablesIn;
    private ShotFormat observablesInFormat;
    private DecoderMode growth = DecoderMode.DEFAULT;
    private long progressIntervalNs = PROGRESS_INTERVAL_NS_DEFAULT;

    /**
     * @param path a path from the settings.
     * @return true when it is {@link #STANDARD_STREAM}.
     */
    public static boolean isStandardStream(final Path path)
    {
        return STANDARD_STREAM.equals(path);
    }

    /** @return the Stim detector error model ({@code .dem}) to decode with; null until set. */
    public Path dem()
    {
        return dem;
    }

    /**
     * @param dem the Stim detector error model ({@code .dem}) to decode with; required.
     * @return this.
     */
    public DecodeSettings dem(final Path dem)
    {
        this.dem = Objects.requireNonNull(dem, "dem");
        return this;
    }

    /** @return the detection events, or {@link #STANDARD_STREAM}. */
    public Path shotsIn()
    {
        return shotsIn;
    }

    /**
     * @param shotsIn the detection events, one shot per record, or {@link #STANDARD_STREAM}.
     * @return this.
     */
    public DecodeSettings shotsIn(final Path shotsIn)
    {
        this.shotsIn = Objects.requireNonNull(shotsIn, "shotsIn");
        return this;
    }

    /** @return the format of the detection events. */
    public ShotFormat shotsInFormat()
    {
        return shotsInFormat;
    }

    /**
     * @param shotsInFormat the format of the detection events.
     * @return this.
     */
    public DecodeSettings shotsInFormat(final ShotFormat shotsInFormat)
    {
        this.shotsInFormat = Objects.requireNonNull(shotsInFormat, "shotsInFormat");
        return this;
    }

    /** @return true when each shot carries the model's observables after its detectors. */
    public boolean shotsIncludeObservables()
    {
        return shotsIncludeObservables;
    }

    /**
     * @param shotsIncludeObservables true when each shot carries the model's observables after its detectors (Stim's
     *                                {@code --append_observables}); they are then the truth mistakes are counted
     *                                against, unless {@link #observablesIn(Path)} names a file.
     * @return this.
     */
    public DecodeSettings shotsIncludeObservables(final boolean shotsIncludeObservables)
    {
        this.shotsIncludeObservables = shotsIncludeObservables;
        return this;
    }

    /** @return where the predictions go: a file, {@link #STANDARD_STREAM}, or null for nowhere. */
    public Path predictionsOut()
    {
        return predictionsOut;
    }

    /**
     * @param predictionsOut where the predicted observable flips go: a file (created or truncated, and deleted again
     *                       if the run fails), {@link #STANDARD_STREAM}, or null to only count mistakes.
     * @return this.
     */
    public DecodeSettings predictionsOut(final Path predictionsOut)
    {
        this.predictionsOut = predictionsOut;
        return this;
    }

    /** @return the format of the predictions. */
    public ShotFormat predictionsFormat()
    {
        return predictionsFormat;
    }

    /**
     * @param predictionsFormat the format of the predictions.
     * @return this.
     */
    public DecodeSettings predictionsFormat(final ShotFormat predictionsFormat)
    {
        this.predictionsFormat = Objects.requireNonNull(predictionsFormat, "predictionsFormat");
        return this;
    }

    /** @return the true observable flips, or null when none are given in a file of their own. */
    public Path observablesIn()
    {
        return observablesIn;
    }

    /**
     * @param observablesIn the true observable flips, one shot per record, each as wide as the model's observable
     *                      count (Stim's {@code --obs_out}), or {@link #STANDARD_STREAM}, or null for none.
     * @return this.
     */
    public DecodeSettings observablesIn(final Path observablesIn)
    {
        this.observablesIn = observablesIn;
        return this;
    }

    /** @return the format of the true observable flips: as set, else that of the detection events. */
    public ShotFormat observablesInFormat()
    {
        return observablesInFormat != null ? observablesInFormat : shotsInFormat;
    }

    /**
     * @param observablesInFormat the format of the true observable flips; null to follow
     *                            {@link #shotsInFormat(ShotFormat)}.
     * @return this.
     */
    public DecodeSettings observablesInFormat(final ShotFormat observablesInFormat)
    {
        this.observablesInFormat = observablesInFormat;
        return this;
    }

    /** @return how the union-find decoder grows its clusters. */
    public DecoderMode growth()
    {
        return growth;
    }

    /**
     * @param growth how the union-find decoder grows its clusters.
     * @return this.
     */
    public DecodeSettings growth(final DecoderMode growth)
    {
        this.growth = Objects.requireNonNull(growth, "growth");
        return this;
    }

    /** @return the shortest time between two progress reports. */
    public long progressIntervalNs()
    {
        return progressIntervalNs;
    }

    /**
     * @param progressIntervalNs the shortest time between two progress reports, at least 1 ns.
     * @return this.
     */
    public DecodeSettings progressIntervalNs(final long progressIntervalNs)
    {
        if (progressIntervalNs < 1)
        {
            throw new IllegalArgumentException("progressIntervalNs must be >= 1: progressIntervalNs=" +
                progressIntervalNs);
        }
        this.progressIntervalNs = progressIntervalNs;
        return this;
    }

    /**
     * @return the files the run reads (the model, the detection events, the true observables if given), which no
     * output may overwrite.
     */
    public List<Path> inputs()
    {
        final List<Path> inputs = new ArrayList<>(3);
        inputs.add(dem);
        inputs.add(shotsIn);
        if (observablesIn != null)
        {
            inputs.add(observablesIn);
        }
        return inputs;
    }

    /** @return true when mistakes can be counted: the true flips come in a file or appended to each shot. */
    public boolean countsMistakes()
    {
        return observablesIn != null || shotsIncludeObservables;
    }

    public String toString()
    {
        return "DecodeSettings{dem=" + dem + ", shotsIn=" + shotsIn + ", shotsInFormat=" + shotsInFormat +
            ", shotsIncludeObservables=" + shotsIncludeObservables + ", predictionsOut=" + predictionsOut +
            ", predictionsFormat=" + predictionsFormat + ", observablesIn=" + observablesIn +
            ", observablesInFormat=" + observablesInFormat() +
            ", decoder=" + (growth == null ? null : growth.cliName()) + "}";
    }
}
