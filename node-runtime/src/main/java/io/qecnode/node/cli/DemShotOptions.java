package io.qecnode.node.cli;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.offline.DecodeSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The options {@code decode}, {@code predict} and {@code count_mistakes} share, spelt and meant as in PyMatching's
 * command line: the model, the detection events and whether they carry the observables, and the decoder. The
 * formats stay with each command, because PyMatching's defaults differ between its commands.
 */
public final class DemShotOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--dem", required = true, paramLabel = "FILE",
        description = "Stim detector error model (.dem) to decode with.")
    private Path dem;

    @Option(names = "--in", paramLabel = "FILE",
        description = "Detection events, one shot per record. '-' or omitted: standard input (as pymatching).")
    private Path shotsIn;

    @Option(names = {"--in_includes_appended_observables", "--in-includes-appended-observables"},
        description = "Each shot of --in ends with the model's observables (stim --append_observables): read as " +
            "the true flips, not decoded.")
    private boolean shotsIncludeObservables;

    @Option(names = "--decoder", paramLabel = "NAME", defaultValue = DecoderModeConverter.DEFAULT_NAME,
        converter = DecoderModeConverter.class,
        description = "Decoder: " + DecoderModeConverter.MODES + ". Default: ${DEFAULT-VALUE}.")
    private DecoderMode decoder;

    @Option(names = {"--enable_correlations", "--enable-correlations"},
        description = "Decode with the model's correlations, as pymatching --enable_correlations: the same as " +
            "--decoder correlated, and refused beside another --decoder.")
    private boolean enableCorrelations;

    /**
     * @param observablesIn the true observables' file the command was given, or null.
     * @return settings with the model, the detection events (standard input when {@code --in} is omitted), whether
     * they carry the observables, and the decoder; formats and outputs are the command's to add.
     * @throws ParameterException when {@code --in} and {@code observablesIn} both name standard input, or
     *                            {@code --enable_correlations} comes with another {@code --decoder}.
     */
    public DecodeSettings settings(final Path observablesIn)
    {
        final boolean shotsFromStandardIn = shotsIn == null || DecodeSettings.isStandardStream(shotsIn);
        if (shotsFromStandardIn && DecodeSettings.isStandardStream(observablesIn))
        {
            throw new ParameterException(spec.commandLine(), "--in and --obs_in cannot both read standard input: " +
                "in=" + (shotsIn == null ? "(omitted)" : shotsIn) + ", obs_in=" + observablesIn);
        }
        return new DecodeSettings()
            .dem(dem)
            .shotsIn(shotsFromStandardIn ? DecodeSettings.STANDARD_STREAM : shotsIn)
            .shotsIncludeObservables(shotsIncludeObservables)
            .observablesIn(observablesIn)
            .growth(decoderMode());
    }

    private DecoderMode decoderMode()
    {
        if (!enableCorrelations)
        {
            return decoder;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--decoder") && decoder != DecoderMode.CORRELATED)
        {
            throw new ParameterException(spec.commandLine(), "--enable_correlations asks for the correlated " +
                "decoder, not another, --decoder=" + decoder.cliName());
        }
        return DecoderMode.CORRELATED;
    }
}
