package io.qecnode.bench.jmh;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
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

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One weighted union-find decode of a whole circuit-level shot: the golden reference Stim model
 * {@code circuit_dDD_rDD_pP/model.dem} (d rounds of a rotated memory-Z experiment under uniform depolarizing noise),
 * over a ring of shots pre-sampled from the model's error instructions, so that sampling is not timed. Divide by
 * {@code distance} for the time per round.
 * <p>
 * Shots are drawn from {@link DetectorErrorModel#errorMechanisms()}, every error instruction firing whole as Stim
 * samples them, and decoded on {@link DetectorErrorModel#graph()}, as the node decodes a DEM. The model is found as
 * {@link GoldenDems} describes; when it is absent the setup fails, naming every place it looked.
 * <p>
 * {@link #decodeShot()} runs in sample-time mode for the median; {@link #decodeShotAverage()} is the same work in
 * average-time mode, for the gc profiler (sample-time buffers allocate on the benchmark thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class CircuitDecoderBenchmark
{
    /** Pre-sampled shots per trial; a power of two. */
    static final int SHOT_RING = 4096;

    @Param({"5", "9", "13", "17"})
    int distance;

    /** Physical error probability, spelt as the golden case folder spells it. */
    @Param("0.001")
    String p;

    int[][] shots;
    long[] trueFlips;
    UnionFindDecoder decoder;
    DecodeResult result;
    private int next;

    /**
     * Parse the golden model, sample the shots, build the decoder.
     *
     * @throws IOException when the model cannot be read.
     */
    @Setup
    public void setup() throws IOException
    {
        final DetectorErrorModel model = DetectorErrorModel.parse(GoldenDems.circuitModel(distance, p));
        final ErrorSampler sampler = new ErrorSampler(model.errorMechanisms(), 20_260_100L + distance);
        final SampledShot shot = new SampledShot(model.errorMechanisms());
        shots = new int[SHOT_RING][];
        trueFlips = new long[SHOT_RING];
        for (int i = 0; i < SHOT_RING; i++)
        {
            sampler.sample(shot);
            shots[i] = Arrays.copyOf(shot.defects(), shot.defectCount());
            trueFlips[i] = shot.observableFlips();
        }
        decoder = new UnionFindDecoder(model.graph(), DecoderMode.WEIGHTED);
        result = new DecodeResult(model.graph());
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
     * @return the predicted observable flips; the same work as {@link #decodeShot()}, for the gc profiler.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long decodeShotAverage()
    {
        return decodeShot();
    }
}
