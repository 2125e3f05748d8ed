package io.qecnode.node.cli;

import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.code.CodeDescription;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The code and noise a command works with: a built-in rotated surface code model, or a Stim DEM.
 */
public final class CodeOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "phenomenological", paramLabel = "MODEL",
        description = "Built-in noise model: code-capacity or phenomenological. Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--dem", paramLabel = "FILE",
        description = "Stim detector error model with detector(x, y, t) coordinates, instead of --model.")
    private Path dem;

    @Option(names = {"--distance", "-d"}, paramLabel = "D",
        description = OptionDefaults.DISTANCE_DESCRIPTION)
    private Integer distance;

    @Option(names = "--rounds", paramLabel = "R",
        description = "Noisy rounds per block (phenomenological), 1.." + Ranges.MAX_ROUNDS + "; a perfect round " +
            "closes each block. Default: d.")
    private Integer rounds;

    @Option(names = {"--p", "-p"}, defaultValue = "0.001", paramLabel = "P",
        description = "Physical error probability of the built-in model, in (0, 0.5). Default: ${DEFAULT-VALUE}.")
    private double p;

    /**
     * @param settings receives the options under the keys a node's settings use.
     */
    public void putInto(final java.util.Properties settings)
    {
        settings.setProperty("model", model);
        if (dem != null)
        {
            settings.setProperty("dem", dem.toString());
        }
        if (distance != null)
        {
            settings.setProperty("distance", String.valueOf(distance));
        }
        if (rounds != null)
        {
            settings.setProperty("rounds", String.valueOf(rounds));
        }
        settings.setProperty("p", String.valueOf(p));
    }

    /**
     * @return the code, built from the options.
     * @throws ParameterException for a bad combination or value, naming the option.
     */
    public CodeDescription code()
    {
        if (distance != null)
        {
            Ranges.distance(spec, "--distance", distance);
        }
        if (rounds != null)
        {
            Ranges.check(spec, "--rounds", rounds, 1, Ranges.MAX_ROUNDS);
        }
        Ranges.probability(spec, "--p", p);
        try
        {
            if (dem != null)
            {
                return CodeDescription.fromDem(dem, distance == null ? 0 : distance);
            }
            final int d = distance == null ? 5 : distance;
            return CodeDescription.builtIn(NoiseModel.fromCliName(model), d, rounds == null ? d : rounds, p);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot read the DEM (" + CliErrors.reason(ex) + "), --dem=" + dem, ex);
        }
        catch (final DemFormatException ex)
        {
            throw new CommandFailure(ex.getMessage() + ", --dem=" + dem, ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
