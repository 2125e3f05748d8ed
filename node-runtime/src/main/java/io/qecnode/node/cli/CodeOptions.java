package io.qecnode.node.cli;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.node.pipeline.NodeContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
     * @param context receives the code settings given; what is absent keeps the context's default.
     * @return the context.
     */
    public NodeContext applyTo(final NodeContext context)
    {
        context.model(model).dem(dem).p(p);
        if (distance != null)
        {
            context.distance(distance);
        }
        if (rounds != null)
        {
            context.rounds(rounds);
        }
        return context;
    }

    /**
     * @return the code, built from the options as a node builds it.
     * @throws ParameterException for a bad combination or value, naming the option.
     * @throws CommandFailure     for a DEM that cannot be read.
     */
    public CodeDescription code()
    {
        return ConfigErrors.checked(spec, () -> applyTo(new NodeContext()).code());
    }
}
