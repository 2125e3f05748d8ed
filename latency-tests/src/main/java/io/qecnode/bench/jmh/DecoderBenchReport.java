package io.qecnode.bench.jmh;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.Locale;

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
 * @param bytesPerOp    bytes allocated per decode (gc profiler), NaN if not profiled.
 */
public record DecoderBenchReport(
    String model, int distance, double p, int rounds, double medianNs, double p90Ns, double meanDefects,
    double bytesPerOp)
{
    /**
     * @param result a finished JMH run of the decoder benchmark.
     * @return its row.
     */
    public static DecoderBenchReport of(final RunResult result)
    {
        final String model = result.getParams().getParam("model");
        final int distance = Integer.parseInt(result.getParams().getParam("distance"));
        final double p = Double.parseDouble(result.getParams().getParam("p"));
        final Statistics statistics = result.getPrimaryResult().getStatistics();
        double bytesPerOp = Double.NaN;
        for (final String label : result.getSecondaryResults().keySet())
        {
            if (label.endsWith("gc.alloc.rate.norm"))
            {
                bytesPerOp = result.getSecondaryResults().get(label).getScore();
            }
        }
        return new DecoderBenchReport(model, distance, p, distance, statistics.getPercentile(50.0),
            statistics.getPercentile(90.0), meanDefects(model, distance, p), bytesPerOp);
    }

    /** @return median decode time per noisy round. */
    public double medianNsPerRound()
    {
        return medianNs / rounds;
    }

    /** @return the row as text. */
    public String row()
    {
        return String.format(Locale.ROOT, "%-17s %-4d %-7s %-7.2f %-12.0f %-12.0f %-12.1f %-10s",
            model, distance, p, meanDefects, medianNs, p90Ns, medianNsPerRound(),
            Double.isNaN(bytesPerOp) ? "-" : String.format(Locale.ROOT, "%.3f", bytesPerOp));
    }

    /** @return the header matching {@link #row()}. */
    public static String header()
    {
        return String.format(Locale.ROOT, "%-17s %-4s %-7s %-7s %-12s %-12s %-12s %-10s",
            "model", "d", "p", "defects", "p50 ns/shot", "p90 ns/shot", "p50 ns/round", "B/op");
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
