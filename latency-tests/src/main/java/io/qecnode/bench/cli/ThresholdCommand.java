package io.qecnode.bench.cli;

import io.qecnode.bench.threshold.Crossings;
import io.qecnode.bench.threshold.DemCase;
import io.qecnode.bench.threshold.DemPoint;
import io.qecnode.bench.threshold.DemThresholdRun;
import io.qecnode.bench.threshold.PyMatchingReference;
import io.qecnode.bench.threshold.ThresholdPlot;
import io.qecnode.bench.threshold.ThresholdPoint;
import io.qecnode.bench.threshold.ThresholdRun;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.DecoderModeConverter;
import io.qecnode.node.cli.Ranges;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code threshold}: logical error rate of the union-find decoder against p for several distances, from a built-in
 * noise model or from a directory of Stim detector error models.
 */
@Command(
    name = "threshold",
    header = "Logical error rate against p for several distances.",
    mixinStandardHelpOptions = true,
    description = {
        "Sample memory experiments of the rotated surface code, decode them with the union-find decoder and print",
        "the logical error rate (any logical bit wrong) with a 95%% Wilson interval for every (d, p), the decode",
        "time per shot, and where the curves of successive distances cross (the threshold).",
        "Either --model with --distances and --p, or --dem-dir: every <family>_dDD_pP/model.dem in the directory,",
        "d and p read from the directory name, sampled with the project's sampler (each error instruction fires",
        "whole, as in Stim) and decoded by every --decoders mode on the same shots. Beside each point, the counts",
        "of a README.md table | case | plain | correlated | in the directory, and its curves' crossings.",
        "A full --dem-dir run over ../shared/threshold-dems (d=3..11, 40 DEMs, 20,000 shots, weighted only) takes",
        "about 30 s on the 2 cores of the development machine (17 s of CPU); each further mode adds its decode",
        "time. With two case threads on a busy machine, us/shot is wall time and includes waiting for a core."})
public final class ThresholdCommand implements Callable<Integer>
{
    private static final String MODES_DEFAULT = "every mode";

    @Spec
    private CommandSpec spec;

    // --model, --distances and --p must be given together for a built-in sweep, while with --dem-dir the last two
    // filter the directory: each sits alone in an optional group, required within it, so picocli has no default
    // for them (a default would be the user's to see) and the command checks which combination was given.
    @ArgGroup(exclusive = false)
    private ModelOption modelOption;

    @ArgGroup(exclusive = false)
    private DistancesOption distancesOption;

    @ArgGroup(exclusive = false)
    private ProbabilitiesOption probabilitiesOption;

    @Option(names = "--dem-dir", paramLabel = "DIR",
        description = "A directory of Stim DEMs, <family>_dDD_pP/model.dem, instead of --model; --distances and " +
            "--p, if given, keep only those.")
    private Path demDir;

    @Option(names = "--decoders", split = ",", paramLabel = "NAME[,NAME...]", converter = DecoderModeConverter.class,
        description = "Decoder modes for --dem-dir, by their --decoder names, e.g. weighted,unweighted. Default: " +
            MODES_DEFAULT + ".")
    private DecoderMode[] decoders;

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

    @Option(names = "--case-threads", defaultValue = "2", paramLabel = "N",
        description = "DEMs decoded at once with --dem-dir; the results do not depend on it. Default: " +
            "${DEFAULT-VALUE}.")
    private int caseThreads;

    @Option(names = "--plot", paramLabel = "FILE",
        description = "Also draw the curves, LER against p on log axes with the 95%% intervals, to this PNG file.")
    private Path plot;

    @Option(names = "--json", description = "Print one JSON object per (d, p) instead of the table.")
    private boolean json;

    static final class ModelOption
    {
        @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Noise model: code-capacity or phenomenological; needs --distances and --p.")
        private String model;
    }

    static final class DistancesOption
    {
        @Option(names = "--distances", split = ",", required = true, paramLabel = "D[,D...]",
            description = "Odd code distances, 3..51, e.g. 3,5,7,9; with --dem-dir, the distances to keep.")
        private int[] distances;
    }

    static final class ProbabilitiesOption
    {
        @Option(names = {"--p", "-p"}, split = ",", required = true, paramLabel = "P[,P...]",
            description = "Physical error probabilities, each in (0, 0.5), ascending, e.g. 0.08,0.09,0.1,0.11,0.12 " +
                "for code-capacity; with --dem-dir, the p values to keep.")
        private double[] probabilities;
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if ((modelOption == null) == (demDir == null))
        {
            throw new ParameterException(spec.commandLine(), modelOption == null ?
                "give --model (with --distances and --p) or --dem-dir" :
                "give --model or --dem-dir, not both, --dem-dir=" + demDir);
        }
        validate();
        return demDir != null ? runDems() : runModel();
    }

    private int runModel() throws IOException
    {
        final NoiseModel noise = parseModel();
        if (distancesOption == null || probabilitiesOption == null)
        {
            throw new ParameterException(spec.commandLine(), "--model needs --distances and --p, --model=" +
                modelOption.model);
        }
        if (decoders != null)
        {
            throw new ParameterException(spec.commandLine(), "only with --dem-dir, --decoders=" +
                String.join(",", spec.findOption("--decoders").stringValues()));
        }
        final int[] distances = distancesOption.distances;
        final double[] probabilities = probabilitiesOption.probabilities;
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
            for (final String line : Crossings.describe(points))
            {
                out.println(line);
            }
            out.flush();
        }
        if (plot != null)
        {
            final ThresholdPlot chart = new ThresholdPlot("Logical error rate, " + noise.cliName() + ", " + shots +
                " shots per point", 1);
            for (int i = 0; i < distances.length; i++)
            {
                final int d = distances[i];
                chart.add("d=" + d, i, 0, points.stream().filter(p -> p.distance() == d).toList(), true);
            }
            savePlot(() -> chart.save(plot));
        }
        return 0;
    }

    private int runDems() throws IOException, InterruptedException
    {
        if (rounds != null)
        {
            throw new ParameterException(spec.commandLine(), "only with --model, --rounds=" + rounds);
        }
        final List<DemCase> cases = cases();
        final DecoderMode[] modes = decoders != null ? decoders : defaultModes();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PyMatchingReference reference = reference();
        final DemThresholdReport report = new DemThresholdReport(out, json, reference, cases, modes);
        report.header(demDir, shots, seed, caseThreads);
        final List<DemPoint> points;
        try
        {
            points = new DemThresholdRun(cases, modes, shots, seed, caseThreads).run(report::caseDone, message ->
            {
                err.println(message);
                err.flush();
            });
        }
        catch (final DemThresholdRun.CaseFailure ex)
        {
            throw new CommandFailure((ex.getCause() instanceof IOException ? "cannot read the DEM: " : "") +
                ex.getMessage() + ", file=" + ex.demCase().dem(), ex);
        }
        report.crossings(points);
        if (plot != null)
        {
            savePlot(() -> report.plot(plot, "Logical error rate, " + demDir.toAbsolutePath().normalize()
                .getFileName() + ", " + shots + " shots per point", points));
        }
        return 0;
    }

    private List<DemCase> cases()
    {
        if (!Files.isDirectory(demDir))
        {
            throw new ParameterException(spec.commandLine(), "not a directory, --dem-dir=" + demDir);
        }
        final List<DemCase> found;
        try
        {
            found = DemCase.find(demDir);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot list the directory: " + ex.getMessage() + ", --dem-dir=" + demDir, ex);
        }
        if (found.isEmpty())
        {
            throw new ParameterException(spec.commandLine(), "no <family>_dDD_pP directories with a " +
                DemCase.MODEL_FILE + " in it, --dem-dir=" + demDir);
        }
        final List<DemCase> cases = new ArrayList<>();
        for (final DemCase demCase : found)
        {
            if ((distancesOption == null || Arrays.stream(distancesOption.distances).anyMatch(d -> d ==
                demCase.distance())) && (probabilitiesOption == null ||
                Arrays.stream(probabilitiesOption.probabilities).anyMatch(p -> p == demCase.p())))
            {
                cases.add(demCase);
            }
        }
        if (cases.isEmpty())
        {
            throw new ParameterException(spec.commandLine(), "no DEM in the directory has these d and p, " +
                (distancesOption != null ? "--distances=" + spec.findOption("--distances").stringValues() : "") +
                (distancesOption != null && probabilitiesOption != null ? ", " : "") +
                (probabilitiesOption != null ? "--p=" + spec.findOption("--p").stringValues() : ""));
        }
        return cases;
    }

    private PyMatchingReference reference()
    {
        try
        {
            return PyMatchingReference.read(demDir);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot read the reference table: " + ex.getMessage() + ", file=" +
                demDir.resolve(PyMatchingReference.README), ex);
        }
    }

    private static DecoderMode[] defaultModes()
    {
        return DecoderMode.values();
    }

    private interface PlotWriter
    {
        void write() throws IOException;
    }

    private void savePlot(final PlotWriter writer)
    {
        try
        {
            writer.write();
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot write the plot: " + ex.getMessage() + ", --plot=" + plot, ex);
        }
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
            return NoiseModel.fromCliName(modelOption.model);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --model=" + modelOption.model);
        }
    }

    private void validate()
    {
        if (distancesOption != null)
        {
            for (final int d : distancesOption.distances)
            {
                Ranges.distance(spec, "--distances", d);
            }
        }
        if (probabilitiesOption != null)
        {
            final double[] probabilities = probabilitiesOption.probabilities;
            for (int i = 0; i < probabilities.length; i++)
            {
                final double p = Ranges.probability(spec, "--p", probabilities[i]);
                if (i > 0 && p <= probabilities[i - 1])
                {
                    throw new ParameterException(spec.commandLine(), "values must ascend, --p=" +
                        probabilities[i - 1] + "," + p);
                }
            }
        }
        Ranges.check(spec, "--shots", shots, 1, Long.MAX_VALUE);
        Ranges.check(spec, "--rounds", rounds == null ? 0 : rounds, 0, Ranges.MAX_ROUNDS);
        Ranges.check(spec, "--case-threads", caseThreads, 1, 64);
    }
}
