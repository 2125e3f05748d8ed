package io.qecnode.bench.cli;

import io.qecnode.bench.jmh.DecoderBenchReport;
import io.qecnode.bench.jmh.DecoderBenchmark;
import io.qecnode.node.cli.Ranges;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code decoder-bench}: runs {@link DecoderBenchmark} under JMH with the gc profiler and prints the median decode
 * time per shot and per round, with bytes allocated per decode.
 */
@Command(
    name = "decoder-bench",
    header = "JMH benchmark of one union-find decode per shot.",
    mixinStandardHelpOptions = true,
    description = {
        "JMH benchmark of one union-find decode per shot (d noisy rounds), with -prof gc.",
        "Prints the median and p90 per shot, the median per round and bytes allocated per decode."})
public final class DecoderBenchCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "phenomenological", paramLabel = "MODEL",
        description = "Noise model: code-capacity or phenomenological. Default: ${DEFAULT-VALUE}.")
    private String model;

    // The sweep is the benchmark: distances and probabilities are the user's to say (elsewhere --p names one code).
    @Option(names = "--distances", split = ",", required = true, paramLabel = "D[,D...]",
        description = "Odd code distances, 3..51, e.g. 5,9,13,17.")
    private String[] distances;

    @Option(names = {"--p", "-p"}, split = ",", required = true, paramLabel = "P[,P...]",
        description = "Physical error probabilities, each in (0, 0.5), e.g. 0.001,0.01.")
    private String[] probabilities;

    @Option(names = "--warmup-iterations", defaultValue = "3", paramLabel = "N",
        description = "Warm-up iterations of 1 s. Default: ${DEFAULT-VALUE}.")
    private int warmupIterations;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N",
        description = "Measured iterations of 1 s. Default: ${DEFAULT-VALUE}.")
    private int iterations;

    @Option(names = "--forks", defaultValue = "1", paramLabel = "N",
        description = "JVM forks per point. Default: ${DEFAULT-VALUE}.")
    private int forks;

    @Override
    public Integer call() throws RunnerException
    {
        // JMH would only fail on these inside its fork, with a stack trace.
        for (final String d : distances)
        {
            Ranges.distance(spec, "--distances", wholeNumber("--distances", d));
        }
        for (final String p : probabilities)
        {
            Ranges.probability(spec, "--p", number("--p", p));
        }
        Ranges.check(spec, "--warmup-iterations", warmupIterations, 0, 1000);
        Ranges.check(spec, "--iterations", iterations, 1, 1000);
        Ranges.check(spec, "--forks", forks, 0, 100);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(DecoderBenchmark.class.getName() + "\\.decode")
            .param("model", model)
            .param("distance", distances)
            .param("p", probabilities)
            .warmupIterations(warmupIterations)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(1))
            .forks(forks)
            .addProfiler(GCProfiler.class)
            .verbosity(VerboseMode.SILENT);

        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        err.printf("running %d points under JMH, three benchmarks each (about %d s a point)...%n",
            distances.length * probabilities.length, 3 * ((warmupIterations + iterations) * forks + 2));
        err.flush();
        final Collection<RunResult> results = new Runner(options.build()).run();
        final List<DecoderBenchReport> reports = DecoderBenchReport.of(results);
        out.println(DecoderBenchReport.header());
        for (final DecoderBenchReport report : reports)
        {
            out.println(report.row());
        }
        out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
            ", cores: " + Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }

    private int wholeNumber(final String option, final String text)
    {
        try
        {
            return Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a whole number, " + option + "=" + text);
        }
    }

    private double number(final String option, final String text)
    {
        try
        {
            return Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a number, " + option + "=" + text);
        }
    }
}
