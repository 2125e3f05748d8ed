package io.qecnode.bench.cli;

import io.qecnode.bench.threshold.Crossings;
import io.qecnode.bench.threshold.ThresholdPoint;
import io.qecnode.bench.threshold.ThresholdRun;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.node.cli.Ranges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code threshold}: logical error rate of the union-find decoder against p for several distances.
 */
@Command(
    name = "threshold",
    header = "Logical error rate against p for several distances.",
    mixinStandardHelpOptions = true,
    description = {
        "Sample memory experiments of the rotated surface code, decode them with the union-find decoder and print",
        "the logical error rate (any logical bit wrong) with a 95%% Wilson interval for every (d, p), the decode",
        "time per shot, and where the curves of successive distances cross (the threshold)."})
public final class ThresholdCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    // The sweep is the experiment: model, distances and probabilities are the user's to say (elsewhere --model, --p
    // name one code and have one default).
    @Option(names = "--model", required = true, paramLabel = "MODEL",
        description = "Noise model: code-capacity or phenomenological.")
    private String model;

    @Option(names = "--distances", split = ",", required = true, paramLabel = "D[,D...]",
        description = "Odd code distances, 3..51, e.g. 3,5,7,9.")
    private int[] distances;

    @Option(names = {"--p", "-p"}, split = ",", required = true, paramLabel = "P[,P...]",
        description = "Physical error probabilities, each in (0, 0.5), ascending, e.g. 0.08,0.09,0.1,0.11,0.12 for " +
            "code-capacity.")
    private double[] probabilities;

    @Option(names = "--rounds", paramLabel = "R",
        description = "Noisy rounds per shot for phenomenological noise, up to " + Ranges.MAX_ROUNDS + "; 0 means d " +
            "rounds. Default: d.")
    private Integer rounds;

    @Option(names = "--shots", defaultValue = "20000", paramLabel = "N",
        description = "Shots per (d, p) point. Default: ${DEFAULT-VALUE}.")
    private long shots;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "Base seed; each point derives its own. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--json", description = "Print one JSON object per (d, p) instead of the table.")
    private boolean json;

    @Override
    public Integer call()
    {
        final NoiseModel noise = parseModel();
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ThresholdRun run = new ThresholdRun(noise, distances, probabilities, rounds == null ? 0 : rounds,
            shots, seed);

        if (!json)
        {
            out.printf(Locale.ROOT, "union-find threshold run: model=%s shots/point=%d seed=%d%n",
                noise.cliName(), shots, seed);
            out.printf(Locale.ROOT, "%-4s %-6s %-8s %-8s %-7s %-11s %-25s %-10s %-8s%n",
                "d", "rounds", "p", "shots", "errors", "LER", "95% CI", "us/shot", "defects");
            out.flush();
        }
        final List<ThresholdPoint> points = run.run(
            point ->
            {
                out.println(json ? point.toJson() : row(point));
                out.flush();
            },
            message ->
            {
                err.println(message);
                err.flush();
            });
        if (!json)
        {
            out.println();
            for (final String line : Crossings.describe(points, distances, probabilities))
            {
                out.println(line);
            }
            out.flush();
        }
        return 0;
    }

    private static String row(final ThresholdPoint point)
    {
        return String.format(Locale.ROOT, "%-4d %-6d %-8s %-8d %-7d %-11.4e [%.4e, %.4e] %-10.3f %-8.2f",
            point.distance(), point.rounds(), point.p(), point.shots(), point.logicalErrors(),
            point.logicalErrorRate(), point.ciLow(), point.ciHigh(), point.decodeMicrosPerShot(),
            point.meanDefects());
    }

    private NoiseModel parseModel()
    {
        try
        {
            return NoiseModel.fromCliName(model);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --model=" + model);
        }
    }

    private void validate()
    {
        for (final int d : distances)
        {
            Ranges.distance(spec, "--distances", d);
        }
        for (int i = 0; i < probabilities.length; i++)
        {
            final double p = Ranges.probability(spec, "--p", probabilities[i]);
            if (i > 0 && p <= probabilities[i - 1])
            {
                throw new ParameterException(spec.commandLine(), "values must ascend, --p=" +
                    probabilities[i - 1] + "," + p);
            }
        }
        Ranges.check(spec, "--shots", shots, 1, Long.MAX_VALUE);
        Ranges.check(spec, "--rounds", rounds == null ? 0 : rounds, 0, Ranges.MAX_ROUNDS);
    }
}
