package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.node.offline.DecodeSettings;
import io.qecnode.node.offline.DecodeSummary;
import io.qecnode.node.offline.OfflineDecode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code decode}: a drop-in for {@code pymatching predict} that decodes with union-find, and counts mistakes like
 * {@code pymatching count_mistakes} when the true observables are given. Option names (underscored, with dashed
 * aliases) and defaults follow PyMatching's {@code namespaced_main.cc}.
 */
@Command(
    name = "decode",
    header = "Decode Stim detection events, like 'pymatching predict'.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Decode Stim detection events with the union-find decoder and write the predicted observable flips, like " +
            "'pymatching predict'. With the true observables (--obs_in, or appended to each shot) it also counts " +
            "mistakes: shots whose predicted observables differ from the true ones. A summary goes to standard " +
            "error (or JSON with --json), and a progress line at most every 2 s on long runs.",
        "Every multi-word option is accepted with underscores (pymatching's spelling) or dashes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:decoded every shot.",
        "1:a file is missing, unreadable or bad: DEM error (line shown), shot data that breaks its format or " +
            "names a detector the model lacks, b8 size not a whole number of shots, --obs_in with another " +
            "shot count, --out naming an input, a failed write.",
        "2:bad command line: unknown option, missing --dem, unknown format or decoder name, --in and --obs_in " +
            "both standard input, --enable_correlations with another --decoder."},
    footerHeading = "%nNotes:%n",
    footer = {
        "Files are streamed, never read whole. If the run fails, a prediction file it started is deleted, so a " +
            "half-written file never passes for a finished one (pymatching leaves it).",
        "--json prints to standard output, or to standard error when the predictions go to standard output."})
public final class DecodeCommand implements Callable<Integer>, StandardStreams.User
{
    /** Exit code when a file is missing, unreadable or holds bad data. */
    public static final int EXIT_DATA_ERROR = 1;

    /** Exit code when the command line is wrong, as picocli returns for any usage error. */
    public static final int EXIT_USAGE_ERROR = ExitCode.USAGE;

    private static final double NANOS_PER_SECOND = 1e9;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DemShotOptions model;

    @Mixin
    private PredictFormats formats;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Predicted observable flips, one shot per record. '-': standard output. Omitted: standard " +
            "output (as pymatching), or nowhere when --obs_in is given.")
    private Path predictionsOut;

    @Option(names = {"--obs_in", "--obs-in"}, paramLabel = "FILE",
        description = "True observable flips (stim --obs_out), one shot per record, to count mistakes. Takes " +
            "precedence over appended observables, as in pymatching count_mistakes.")
    private Path observablesIn;

    @Option(names = {"--obs_in_format", "--obs-in-format"}, paramLabel = "FORMAT",
        converter = ShotFormatConverter.class,
        description = "Format of --obs_in: 01, b8, dets, r8, hits or ptb64. Default: the --in_format.")
    private ShotFormat observablesInFormat;

    @Option(names = "--json",
        description = "Print one JSON object at the end instead of the text summary: decoder, shots, detectors, " +
            "observables, detection_events, mistakes (null without truth), unmatched_defects, dem_parse_seconds, " +
            "decode_seconds (decoder calls only), us_per_shot, total_seconds.")
    private boolean json;

    private final StandardStreams streams = new StandardStreams();

    @Override
    public Integer call()
    {
        final DecodeSettings settings = settings();
        final PrintWriter err = spec.commandLine().getErr();
        final DecodeSummary summary = OfflineDecodeRun.run(spec, settings, streams,
            (shots, totalShots, elapsedNs) ->
            {
                err.println(spec.qualifiedName() + ": " + progressLine(shots, totalShots, elapsedNs));
                err.flush();
            });
        if (summary == null)
        {
            return EXIT_DATA_ERROR;
        }
        report(summary, DecodeSettings.isStandardStream(settings.predictionsOut()));
        return ExitCode.OK;
    }

    @Override
    public StandardStreams standardStreams()
    {
        return streams;
    }

    static String progressLine(final long shots, final long totalShots, final long elapsedNs)
    {
        final double shotsPerSecond = shots * NANOS_PER_SECOND / Math.max(1, elapsedNs);
        if (totalShots == OfflineDecode.SHOTS_UNKNOWN || totalShots == 0)
        {
            return String.format(Locale.ROOT, "%d shots, %.0f shots/s", shots, shotsPerSecond);
        }
        return String.format(Locale.ROOT, "%d/%d shots (%.1f%%), %.0f shots/s", shots, totalShots,
            100.0 * shots / totalShots, shotsPerSecond);
    }

    private DecodeSettings settings()
    {
        // pymatching predict writes to standard output when --out is omitted; with --obs_in the run is a count
        // of mistakes, as pymatching count_mistakes, and then a flood of predictions on the terminal helps no one.
        final Path out = predictionsOut != null ? predictionsOut :
            observablesIn != null ? null : DecodeSettings.STANDARD_STREAM;
        return model.settings(observablesIn)
            .shotsInFormat(formats.shotsInFormat())
            .predictionsOut(out)
            .predictionsFormat(formats.predictionsFormat())
            .observablesInFormat(observablesInFormat);
    }

    private void report(final DecodeSummary summary, final boolean predictionsOnStandardOut)
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (json)
        {
            final PrintWriter target = predictionsOnStandardOut ? err : spec.commandLine().getOut();
            target.println(summary.toJson());
            target.flush();
        }
        else
        {
            err.println(summary.describe());
            err.flush();
        }
    }
}
