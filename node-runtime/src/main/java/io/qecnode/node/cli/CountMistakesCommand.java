package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.node.offline.DecodeSettings;
import io.qecnode.node.offline.DecodeSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code count_mistakes}: {@code pymatching count_mistakes} with the program name swapped. The same options,
 * defaults and lines (PyMatching 2.4's {@code namespaced_main.cc}): {@code "N / M"} (mistakes / shots) to
 * {@code --out} or standard output, and with {@code --time} two lines on standard error.
 */
@Command(
    name = "count_mistakes",
    header = "Count decoding mistakes, as 'pymatching count_mistakes' does.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "A drop-in for 'pymatching count_mistakes': decode Stim detection events with the union-find decoder, " +
            "compare each shot's predicted observable flips with the true ones (--obs_in, or appended to each " +
            "shot) and print 'N / M': the shots whose prediction was wrong, of all shots. The same options and " +
            "defaults as pymatching's (01 for both inputs).",
        "Every multi-word option is accepted with underscores (pymatching's spelling) or dashes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:decoded and compared every shot.",
        "1:a file is missing, unreadable or bad (the option and file are named), --obs_in with another shot " +
            "count, --out naming an input, a failed write.",
        "2:bad command line: unknown option, missing --dem, neither --obs_in nor " +
            "--in_includes_appended_observables, unknown format or decoder name, --in and --obs_in both standard " +
            "input, --enable_correlations with another --decoder."},
    footerHeading = "%nNotes:%n",
    footer = "pymatching compares with all-zero observables when it is given neither --obs_in nor " +
        "--in_includes_appended_observables; this command refuses, as pymatching's own check means to.")
public final class CountMistakesCommand implements Callable<Integer>, StandardStreams.User
{
    private static final int SIGNIFICANT_DIGITS = 6;
    private static final int MIN_FIXED_EXPONENT = -4;
    private static final long NANOS_PER_MICRO = 1000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DemShotOptions model;

    @Option(names = {"--in_format", "--in-format"}, paramLabel = "FORMAT", defaultValue = "01",
        converter = ShotFormatConverter.class,
        description = "Format of --in: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as pymatching " +
            "count_mistakes).")
    private ShotFormat shotsInFormat;

    @Option(names = {"--obs_in", "--obs-in"}, paramLabel = "FILE",
        description = "True observable flips (stim --obs_out), one shot per record; '-': standard input. Needed " +
            "unless --in_includes_appended_observables, and takes precedence over those (as pymatching).")
    private Path observablesIn;

    @Option(names = {"--obs_in_format", "--obs-in-format"}, paramLabel = "FORMAT", defaultValue = "01",
        converter = ShotFormatConverter.class,
        description = "Format of --obs_in: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as " +
            "pymatching count_mistakes).")
    private ShotFormat observablesInFormat;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Where the 'N / M' line goes. '-' or omitted: standard output (as pymatching).")
    private Path resultOut;

    @Option(names = "--time",
        description = "Then print on standard error, as pymatching: 'Total decoding time: Nus' and 'Decoding time " +
            "per shot: Xus' (X with 6 significant digits). Timed: the decoder calls alone, where pymatching's " +
            "clock also runs while it reads the files.")
    private boolean time;

    private final StandardStreams streams = new StandardStreams();

    @Override
    public Integer call()
    {
        final DecodeSettings settings = model.settings(observablesIn)
            .shotsInFormat(shotsInFormat)
            .observablesInFormat(observablesInFormat)
            .predictionsOut(null);
        if (!settings.countsMistakes())
        {
            throw new ParameterException(spec.commandLine(), "the true observables are needed: give --obs_in " +
                "FILE or --in_includes_appended_observables");
        }
        final ResultLineFile file = resultOut == null || DecodeSettings.isStandardStream(resultOut) ? null :
            ResultLineFile.check("--out", resultOut, settings.inputs());

        final DecodeSummary summary = OfflineDecodeRun.run(spec, settings, streams, null);
        if (summary == null)
        {
            return DecodeCommand.EXIT_DATA_ERROR;
        }
        final String line = summary.mistakes() + " / " + summary.shots() + "\n";
        if (file != null)
        {
            file.write(line);
        }
        else
        {
            final PrintWriter out = spec.commandLine().getOut();
            out.print(line);
            if (out.checkError())
            {
                throw new CommandFailure("cannot write the result to standard output, --out=-");
            }
        }
        if (time)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.print("Total decoding time: " + summary.decodeNs() / NANOS_PER_MICRO + "us\n" +
                "Decoding time per shot: " + streamFormat(summary.microsPerShot()) + "us\n");
            err.flush();
        }
        return ExitCode.OK;
    }

    @Override
    public StandardStreams standardStreams()
    {
        return streams;
    }

    /**
     * A double as C++'s {@code std::ostream} writes it by default, which is how pymatching prints its times: C's
     * {@code %g} with 6 significant digits, trailing zeros dropped ({@code 0.5}, {@code 12.3457}, {@code 1.5e-05},
     * {@code 1.23457e+06}).
     *
     * @param value the number.
     * @return its text.
     */
    static String streamFormat(final double value)
    {
        if (Double.isNaN(value))
        {
            return "nan";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0)
        {
            return 1 / value < 0 ? "-0" : "0";
        }
        // Rounded exactly, as C rounds the binary value, before the exponent decides fixed or scientific.
        final BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS,
            RoundingMode.HALF_EVEN));
        final int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= MIN_FIXED_EXPONENT && exponent < SIGNIFICANT_DIGITS)
        {
            return rounded.stripTrailingZeros().toPlainString();
        }
        final String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        final int magnitude = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    }
}
