package io.qecnode.bench.jmh;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One union-find decode of a whole shot (d noisy rounds plus the closing perfect round), over a ring of pre-sampled
 * syndromes so that sampling is not timed.
 * <p>
 * {@link #decodeShot()} runs in sample-time mode: every call is timed, giving the median. JMH's sample buffers
 * allocate on the benchmark thread, so allocation per decode is read from {@link #decodeShotAverage()}, the same
 * work in average-time mode, where only the decoder can allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class DecoderBenchmark
{
    /** Pre-sampled shots per trial; a power of two. */
    static final int SHOT_RING = 4096;

    @Param({"5", "9", "13", "17"})
    int distance;

    @Param({"0.001", "0.01"})
    double p;

    @Param("phenomenological")
    String model;

    int[][] shots;
    private UnionFindDecoder decoder;
    private DecodeResult result;
    private int next;

    /** Build the model and sample the shots. */
    @Setup
    public void setup()
    {
        final DecodingGraph graph = modelGraph(NoiseModel.fromCliName(model), distance, p);
        final ErrorSampler sampler = new ErrorSampler(graph, 20_260_000L + distance);
        final SampledShot shot = new SampledShot(graph);
        shots = new int[SHOT_RING][];
        for (int i = 0; i < SHOT_RING; i++)
        {
            sampler.sample(shot);
            shots[i] = Arrays.copyOf(shot.defects(), shot.defectCount());
        }
        decoder = new UnionFindDecoder(graph, DecoderMode.DEFAULT);
        result = new DecodeResult(graph);
    }

    /**
     * @return the predicted observable flips, so the work cannot be eliminated.
     */
    @Benchmark
    public long decodeShot()
    {
        final int[] defects = shots[next++ & (SHOT_RING - 1)];
        return decoder.decode(defects, defects.length, result);
    }

    /**
     * Baseline for the same run: a call with no defects, the fixed cost of entering and leaving the decoder plus
     * JMH's own timing.
     *
     * @return the predicted observable flips of the empty syndrome.
     */
    @Benchmark
    public long decodeEmptyShot()
    {
        return decoder.decode(shots[0], 0, result);
    }

    /**
     * @return the predicted observable flips; the same work as {@link #decodeShot()}, for the gc profiler.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long decodeShotAverage()
    {
        return decodeShot();
    }

    /**
     * @param noise    noise model.
     * @param distance code distance; phenomenological shots have d noisy rounds.
     * @param p        physical error probability.
     * @return the decoding graph the benchmark uses.
     */
    static DecodingGraph modelGraph(final NoiseModel noise, final int distance, final double p)
    {
        return SurfaceCodeModel.of(noise, distance, distance, p).graph();
    }
}
