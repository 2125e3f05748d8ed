package io.qecnode.bench.jmh;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.window.StreamingDecoder;
import io.qecnode.node.pipeline.StreamingBlockDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The streaming decoder's share of the node's reaction: from the block's last round handed to
 * {@link StreamingDecoder#addRound} to {@link StreamingDecoder#finishBlock()}, with the final window built up round by
 * round ({@code incremental=true}) or decoded from scratch ({@code false}), in the window the node picks by default
 * ({@link StreamingBlockDecoder#autoWindow}). Blocks are pre-sampled; the rounds before the last are fed in a
 * per-invocation setup, untimed.
 * <p>
 * {@link #reaction} runs in sample-time mode for the median and tail; {@link #reactionAverage} is the same in average
 * time, for the gc profiler (whose B/op then covers the whole block, the untimed rounds included).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class StreamingFinishBenchmark
{
    /** Pre-sampled blocks per trial; a power of two. */
    static final int BLOCK_RING = 2048;

    /** A decoder and its blocks; before each timed call, the next block fed up to its last round. */
    @State(Scope.Thread)
    public static class Stream
    {
        @Param({"5", "11", "17"})
        int distance;

        /** phenomenological (d noisy rounds and a perfect one), or circuit (the golden Stim model of d rounds). */
        @Param({"phenomenological", "circuit"})
        String model;

        /** Physical error probability, spelt as the golden case folder spells it. */
        @Param("0.001")
        String p;

        @Param({"true", "false"})
        boolean incremental;

        // Per block, per round: the round's fired detectors, numbered within the round.
        int[][][] blocks;
        StreamingDecoder decoder;
        int lastRound;
        int next;

        /**
         * Sample the blocks and build the decoder.
         *
         * @throws IOException when the circuit model cannot be read.
         */
        @Setup(Level.Trial)
        public void setup() throws IOException
        {
            final DecodingGraph graph;
            final RoundStructure rounds;
            final ErrorSampler sampler;
            final SampledShot shot;
            if ("circuit".equals(model))
            {
                final DetectorErrorModel dem = DetectorErrorModel.parse(GoldenDems.circuitModel(distance, p));
                graph = dem.graph();
                rounds = RoundStructure.of(dem);
                sampler = new ErrorSampler(dem.errorMechanisms(), 20_261_400L + distance);
                shot = new SampledShot(dem.errorMechanisms());
            }
            else
            {
                final SurfaceCodeModel code =
                    SurfaceCodeModel.phenomenological(distance, distance, Double.parseDouble(p));
                graph = code.graph();
                rounds = RoundStructure.of(code);
                sampler = new ErrorSampler(graph, 20_261_400L + distance);
                shot = new SampledShot(graph);
            }
            blocks = new int[BLOCK_RING][][];
            for (int b = 0; b < BLOCK_RING; b++)
            {
                sampler.sample(shot);
                blocks[b] = byRound(rounds, Arrays.copyOf(shot.defects(), shot.defectCount()));
            }
            decoder = new StreamingDecoder(graph, rounds, StreamingBlockDecoder
                .autoWindow(distance, rounds.roundCount(), DecoderMode.DEFAULT).incremental(incremental));
            lastRound = rounds.roundCount() - 1;
        }

        /** Feed the next block up to its last round: what is left is the reaction. */
        @Setup(Level.Invocation)
        public void feedAllButLast()
        {
            final int[][] block = blocks[next & (BLOCK_RING - 1)];
            for (int round = 0; round < lastRound; round++)
            {
                decoder.addRound(round, block[round], block[round].length);
            }
        }

        long finishBlock()
        {
            final int[] last = blocks[next & (BLOCK_RING - 1)][lastRound];
            decoder.addRound(lastRound, last, last.length);
            next++;
            return decoder.finishBlock();
        }
    }

    /**
     * @param stream the block fed up to its last round.
     * @return the block's flips, so the work cannot be eliminated.
     */
    @Benchmark
    public long reaction(final Stream stream)
    {
        return stream.finishBlock();
    }

    /**
     * @param stream the block fed up to its last round.
     * @return the block's flips; the same work as {@link #reaction}, for the gc profiler.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long reactionAverage(final Stream stream)
    {
        return stream.finishBlock();
    }

    private static int[][] byRound(final RoundStructure rounds, final int[] defects)
    {
        final int[][] byRound = new int[rounds.roundCount()][];
        for (int round = 0; round < byRound.length; round++)
        {
            final int first = rounds.firstDetector(round);
            final int end = first + rounds.detectorCount(round);
            byRound[round] = Arrays.stream(defects).filter(d -> d >= first && d < end).map(d -> d - first).toArray();
        }
        return byRound;
    }
}
