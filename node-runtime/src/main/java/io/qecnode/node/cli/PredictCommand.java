package io.qecnode.node.cli;

import io.qecnode.node.offline.DecodeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code predict}: {@code pymatching predict} with the program name swapped. The same options, defaults and output
 * (PyMatching 2.4's {@code namespaced_main.cc}): the detection events from {@code --in} or standard input, b8 by
 * default; the predicted observable flips to {@code --out} or standard output, 01 by default; nothing else printed.
 */
@Command(
    name = "predict",
    header = "Predict observable flips, as 'pymatching predict' does.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "A drop-in for 'pymatching predict': decode Stim detection events with the union-find decoder and write the " +
            "predicted observable flips, one record per shot. The same options and defaults as pymatching's, and, " +
            "as it, nothing but the predictions is printed. 'decode' does the same with a summary and more options.",
        "Every multi-word option is accepted with underscores (pymatching's spelling) or dashes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:decoded every shot.",
        "1:a file is missing, unreadable or bad (the option and file are named), ptb64 predictions of a shot " +
            "count that is not a multiple of 64, --out naming an input, a failed write.",
        "2:bad command line: unknown option, missing --dem, unknown format or decoder name, " +
            "--enable_correlations with another --decoder."},
    footerHeading = "%nNotes:%n",
    footer = "If the run fails, a prediction file it started is deleted (pymatching leaves it half-written).")
public final class PredictCommand implements Callable<Integer>, StandardStreams.User
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private DemShotOptions model;

    @Mixin
    private PredictFormats formats;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Predicted observable flips, one shot per record. '-' or omitted: standard output (as " +
            "pymatching).")
    private Path predictionsOut;

    private final StandardStreams streams = new StandardStreams();

    @Override
    public Integer call()
    {
        final DecodeSettings settings = model.settings(null)
            .shotsInFormat(formats.shotsInFormat())
            .predictionsOut(predictionsOut != null ? predictionsOut : DecodeSettings.STANDARD_STREAM)
            .predictionsFormat(formats.predictionsFormat());
        return OfflineDecodeRun.run(spec, settings, streams, null) == null ? DecodeCommand.EXIT_DATA_ERROR :
            ExitCode.OK;
    }

    @Override
    public StandardStreams standardStreams()
    {
        return streams;
    }
}
