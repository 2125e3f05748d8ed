package io.qecnode.node.cli;

import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.sim.run.SimulatedCode;
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

    @Option(names = {"--distance", "-d"}, defaultValue = "0", paramLabel = "D",
        description = "Odd code distance, 3..51. Default: 5 for --model; inferred from the first round for --dem.")
    private int distance;

    @Option(names = "--rounds", defaultValue = "0", paramLabel = "R",
        description = "Noisy rounds per block (phenomenological); a perfect round closes each block. Default: d.")
    private int rounds;

    @Option(names = {"--p", "-p"}, defaultValue = "0.001", paramLabel = "P",
        description = "Physical error probability of the built-in model. Default: ${DEFAULT-VALUE}.")
    private double p;

    /**
     * @param settings receives the options under the keys a node's settings use.
     */
    void putInto(final java.util.Properties settings)
    {
        settings.setProperty("model", model);
        if (dem != null)
        {
            settings.setProperty("dem", dem.toString());
        }
        settings.setProperty("distance", String.valueOf(distance));
        settings.setProperty("rounds", String.valueOf(rounds));
        settings.setProperty("p", String.valueOf(p));
    }

    /**
     * @return the code, built from the options.
     * @throws ParameterException for a bad combination or value, naming the option.
     */
    public SimulatedCode code()
    {
        try
        {
            if (dem != null)
            {
                return SimulatedCode.fromDem(dem, distance);
            }
            final int d = distance == 0 ? 5 : distance;
            return SimulatedCode.builtIn(NoiseModel.fromCliName(model), d, rounds == 0 ? d : rounds, p);
        }
        catch (final IOException ex)
        {
            throw new ParameterException(spec.commandLine(), "--dem: cannot read: file=" + dem + ", reason=" +
                ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
