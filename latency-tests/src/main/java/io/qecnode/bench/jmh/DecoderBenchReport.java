package io.qecnode.bench.jmh;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the decoder benchmark table: a JMH run of {@link DecoderBenchmark} read per shot and per round.
 *
 * @param model         noise model name.
 * @param distance      code distance.
 * @param p             physical error probability.
 * @param rounds        noisy rounds per shot.
 * @param medianNs      median decode time of one shot.
 * @param p90Ns         90th percentile decode time of one shot.
 * @param meanDefects   mean defects per shot of the model.
 * @param bytesPerOp    bytes allocated per decode (gc profiler, average-time run), NaN if not profiled.
 * @param baselineNs    median time of an empty-syndrome decode in the same run, NaN if not run.
 */
public record DecoderBenchReport(
    String model, int distance, double p, int rounds, double medianNs, double p90Ns, double meanDefects,
    double bytesPerOp, double baselineNs)
{
    /**
     * @param results finished JMH runs of both decoder benchmark methods, over the same parameters.
     * @return one row per parameter set: percentiles from the sample-time run, bytes per decode from the
     * average-time run.
     */
    public static List<DecoderBenchReport> of(final Collection<RunResult> results)
    {
        final Map<String, Double> bytesPerOpByParams = new HashMap<>();
        final Map<String, Double> baselineByParams = new HashMap<>();
        for (final RunResult result : results)
        {
            if (result.getParams().getBenchmark().endsWith("decodeEmptyShot"))
            {
                baselineByParams.put(paramsKey(result), result.getPrimaryResult().getStatistics().getPercentile(50.0));
            }
            if (result.getParams().getBenchmark().endsWith("decodeShotAverage"))
            {
                for (final String label : result.getSecondaryResults().keySet())
                {
                    if (label.endsWith("gc.alloc.rate.norm"))
                    {
                        bytesPerOpByParams.put(paramsKey(result), result.getSecondaryResults().get(label).getScore());
                    }
                }
            }
        }
        final List<DecoderBenchReport> reports = new ArrayList<>();
        for (final RunResult result : results)
        {
            if (result.getParams().getBenchmark().endsWith("decodeShot"))
            {
                final String model = result.getParams().getParam("model");
                final int distance = Integer.parseInt(result.getParams().getParam("distance"));
                final double p = Double.parseDouble(result.getParams().getParam("p"));
                final Statistics statistics = result.getPrimaryResult().getStatistics();
                reports.add(new DecoderBenchReport(model, distance, p, distance, statistics.getPercentile(50.0),
                    statistics.getPercentile(90.0), meanDefects(model, distance, p),
                    bytesPerOpByParams.getOrDefault(paramsKey(result), Double.NaN),
                    baselineByParams.getOrDefault(paramsKey(result), Double.NaN)));
            }
        }
        reports.sort((a, b) -> a.p != b.p ? Double.compare(a.p, b.p) : Integer.compare(a.distance, b.distance));
        return reports;
    }

    private static String paramsKey(final RunResult result)
    {
        return result.getParams().getParam("model") + "/" + result.getParams().getParam("distance") + "/" +
            result.getParams().getParam("p");
    }

    /** @return median decode time per noisy round. */
    public double medianNsPerRound()
    {
        return medianNs / rounds;
    }

    /** @return the row as text. */
    public String row()
    {
        return String.format(Locale.ROOT, "%-17s %-4d %-7s %-7.2f %-12.0f %-12.0f %-12.1f %-10s %-10.0f",
            model, distance, p, meanDefects, medianNs, p90Ns, medianNsPerRound(),
            Double.isNaN(bytesPerOp) ? "-" : String.format(Locale.ROOT, "%.3f", bytesPerOp), baselineNs);
    }

    /** @return the header matching {@link #row()}. */
    public static String header()
    {
        return String.format(Locale.ROOT, "%-17s %-4s %-7s %-7s %-12s %-12s %-12s %-10s %-10s",
            "model", "d", "p", "defects", "p50 ns/shot", "p90 ns/shot", "p50 ns/round", "B/op", "empty ns");
    }

    private static double meanDefects(final String model, final int distance, final double p)
    {
        final DecodingGraph graph = DecoderBenchmark.modelGraph(NoiseModel.fromCliName(model), distance, p);
        final ErrorSampler sampler = new ErrorSampler(graph, 1);
        final SampledShot shot = new SampledShot(graph);
        final int shots = DecoderBenchmark.SHOT_RING;
        long total = 0;
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            total += shot.defectCount();
        }
        return (double)total / shots;
    }
}
