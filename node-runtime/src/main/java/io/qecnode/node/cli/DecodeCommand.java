package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.offline.DecodeSettings;
import io.qecnode.node.offline.DecodeSummary;
import io.qecnode.node.offline.OfflineDecode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
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
public final class DecodeCommand implements Callable<Integer>
{
    /** Exit code when a file is missing, unreadable or holds bad data. */
    public static final int EXIT_DATA_ERROR = 1;

    /** Exit code when the command line is wrong, as picocli returns for any usage error. */
    public static final int EXIT_USAGE_ERROR = ExitCode.USAGE;

    private static final double NANOS_PER_SECOND = 1e9;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dem", required = true, paramLabel = "FILE",
        description = "Stim detector error model (.dem) to decode with.")
    private Path dem;

    @Option(names = "--in", paramLabel = "FILE",
        description = "Detection events, one shot per record. '-' or omitted: standard input (as pymatching).")
    private Path shotsIn;

    @Option(names = {"--in_format", "--in-format"}, paramLabel = "FORMAT", defaultValue = "b8",
        converter = ShotFormatConverter.class,
        description = "Format of --in: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as pymatching " +
            "predict).")
    private ShotFormat shotsInFormat;

    @Option(names = {"--in_includes_appended_observables", "--in-includes-appended-observables"},
        description = "Each shot of --in ends with the model's observables (stim --append_observables). They are " +
            "not decoded; without --obs_in, mistakes are counted against them.")
    private boolean shotsIncludeObservables;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Predicted observable flips, one shot per record. '-': standard output. Omitted: standard " +
            "output (as pymatching), or nowhere when --obs_in is given.")
    private Path predictionsOut;

    @Option(names = {"--out_format", "--out-format"}, paramLabel = "FORMAT", defaultValue = "01",
        converter = ShotFormatConverter.class,
        description = "Format of --out: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as pymatching " +
            "predict).")
    private ShotFormat predictionsFormat;

    @Option(names = {"--obs_in", "--obs-in"}, paramLabel = "FILE",
        description = "True observable flips (stim --obs_out), one shot per record, to count mistakes. Takes " +
            "precedence over appended observables, as in pymatching count_mistakes.")
    private Path observablesIn;

    @Option(names = {"--obs_in_format", "--obs-in-format"}, paramLabel = "FORMAT",
        converter = ShotFormatConverter.class,
        description = "Format of --obs_in: 01, b8, dets, r8, hits or ptb64. Default: the --in_format.")
    private ShotFormat observablesInFormat;

    @Option(names = "--decoder", paramLabel = "NAME", defaultValue = DecoderModeConverter.DEFAULT_NAME,
        converter = DecoderModeConverter.class,
        description = "Decoder: " + DecoderModeConverter.MODES + ". Default: ${DEFAULT-VALUE}.")
    private DecoderMode growth;

    @Option(names = {"--enable_correlations", "--enable-correlations"},
        description = "Decode with the model's correlations, as pymatching predict --enable_correlations: the same " +
            "as --decoder correlated, and refused beside another --decoder.")
    private boolean enableCorrelations;

    @Option(names = "--json",
        description = "Print one JSON object at the end instead of the text summary: decoder, shots, detectors, " +
            "observables, detection_events, mistakes (null without truth), unmatched_defects, dem_parse_seconds, " +
            "decode_seconds (decoder calls only), us_per_shot, total_seconds.")
    private boolean json;

    private InputStream standardIn = System.in;
    private OutputStream standardOut;

    @Override
    public Integer call()
    {
        final DecodeSettings settings = settings();
        final PrintWriter err = spec.commandLine().getErr();
        final DecodeSummary summary;
        // SIGTERM or Ctrl-C: the run stops at its next progress report and deletes the prediction file it started,
        // which would otherwise pass for a finished one. Told before the signal is let go, or the JVM exits first.
        try (StopSignal stop = StopSignal.install("qec-decode"))
        {
            try
            {
                summary = new OfflineDecode(settings, standardIn, standardOut(), System::nanoTime,
                    (shots, totalShots, elapsedNs) ->
                    {
                        if (stop.requested())
                        {
                            throw new StoppedBySignal(shots);
                        }
                        err.println(spec.qualifiedName() + ": " + progressLine(shots, totalShots, elapsedNs));
                        err.flush();
                    }).run();
            }
            catch (final DecodeFailure | StoppedBySignal ex)
            {
                err.println(spec.qualifiedName() + ": " + ex.getMessage());
                err.flush();
                return EXIT_DATA_ERROR;
            }
        }
        report(summary, DecodeSettings.isStandardStream(settings.predictionsOut()));
        return ExitCode.OK;
    }

    private static final class StoppedBySignal extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StoppedBySignal(final long shots)
        {
            super("stopped by a signal after " + shots + " shots; the prediction output was deleted", null, false,
                false);
        }
    }

    /**
     * Replace the process's standard streams, for tests that run the command in-process.
     *
     * @param in  read when {@code --in} or {@code --obs_in} is '-' or {@code --in} is omitted.
     * @param out written when the predictions go to standard output; flushed, never closed.
     * @return this.
     */
    DecodeCommand standardStreams(final InputStream in, final OutputStream out)
    {
        this.standardIn = in;
        this.standardOut = out;
        return this;
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
        final boolean shotsFromStandardIn = shotsIn == null || DecodeSettings.isStandardStream(shotsIn);
        if (shotsFromStandardIn && DecodeSettings.isStandardStream(observablesIn))
        {
            throw new ParameterException(spec.commandLine(), "--in and --obs_in cannot both read standard input: " +
                "in=" + (shotsIn == null ? "(omitted)" : shotsIn) + ", obs_in=" + observablesIn);
        }
        // pymatching predict writes to standard output when --out is omitted; with --obs_in the run is a count
        // of mistakes, as pymatching count_mistakes, and then a flood of predictions on the terminal helps no one.
        final Path out = predictionsOut != null ? predictionsOut :
            observablesIn != null ? null : DecodeSettings.STANDARD_STREAM;
        return new DecodeSettings()
            .dem(dem)
            .shotsIn(shotsFromStandardIn ? DecodeSettings.STANDARD_STREAM : shotsIn)
            .shotsInFormat(shotsInFormat)
            .shotsIncludeObservables(shotsIncludeObservables)
            .predictionsOut(out)
            .predictionsFormat(predictionsFormat)
            .observablesIn(observablesIn)
            .observablesInFormat(observablesInFormat)
            .growth(decoderMode());
    }

    private DecoderMode decoderMode()
    {
        if (!enableCorrelations)
        {
            return growth;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--decoder") && growth != DecoderMode.CORRELATED)
        {
            throw new ParameterException(spec.commandLine(), "--enable_correlations asks for the correlated " +
                "decoder, not another, --decoder=" + growth.cliName());
        }
        return DecoderMode.CORRELATED;
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

    private OutputStream standardOut()
    {
        if (standardOut == null)
        {
            // The raw descriptor, not System.out: a PrintStream hides write errors such as a closed pipe.
            standardOut = new FileOutputStream(FileDescriptor.out);
        }
        return standardOut;
    }
}
