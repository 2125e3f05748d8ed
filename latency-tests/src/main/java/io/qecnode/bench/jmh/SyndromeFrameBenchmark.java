package io.qecnode.bench.jmh;

import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.decoder.code.CodeDescription;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.util.concurrent.TimeUnit;

/**
 * The wire cost of one syndrome round at both ends: encode a {@code SyndromeRound} frame (checksum included) into a
 * direct buffer, then validate it as a node does and list its fired detectors through the in-place view.
 * <p>
 * Rounds are pre-sampled from the phenomenological model (d noisy rounds and a perfect closing one per block, every
 * round carrying all d²-1 stabilizers) and cycled through a ring. Each frame carries the next sequence number of one
 * source, so the validator sees an in-order stream however long the run; the sequence is therefore part of the
 * encode, as it is on the hardware side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class SyndromeFrameBenchmark
{
    /** Pre-sampled rounds cycled through; a power of two. */
    static final int ROUND_RING = 4096;

    private static final long SOURCE_NODE = 1;
    private static final long LOGICAL_QUBIT = 0;
    private static final int ALIGNMENT = 64;

    @Param({"5", "11", "17"})
    int distance;

    @Param("0.001")
    double p;

    SampledRounds rounds;
    LongArrayFrameCounters counters;
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final SyndromeRoundView view = new SyndromeRoundView();
    private FrameValidator validator;
    private UnsafeBuffer buffer;
    private int[] fired;
    private int next;
    private long sequence;

    /** Sample the rounds and build the codec, the validator and the frame buffer. */
    @Setup
    public void setup()
    {
        final CodeDescription code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, distance, distance, p);
        final int roundsPerBlock = code.rounds().roundCount();
        final int detectors = code.rounds().maxDetectorsPerRound();
        rounds = SampledRounds.sample(code, 20_260_200L + distance, ROUND_RING / roundsPerBlock + 1);
        counters = new LongArrayFrameCounters();
        validator = new FrameValidator(
            FrameLayout.uniform(distance, roundsPerBlock, detectors), 1, counters, RejectionLog.NO_OP);
        final int capacity = BitUtil.align(SyndromeRoundWriter.frameLength(detectors), ALIGNMENT);
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, ALIGNMENT));
        fired = new int[detectors];
    }

    /**
     * @return the number of fired detectors read back, or -1 if the validator rejected the frame.
     */
    @Benchmark
    public int encodeAndDecode()
    {
        final int i = next++ & (ROUND_RING - 1);
        final SampledRounds rounds = this.rounds;
        final UnsafeBuffer buffer = this.buffer;
        final int length = writer.encode(buffer, 0, SOURCE_NODE, LOGICAL_QUBIT, sequence++, rounds.blockIndex(i),
            rounds.roundIndex(i), rounds.endOfBlock(i), distance, Basis.Z, i, rounds.detectorWords(i),
            rounds.detectorCount(i));
        if (!validator.validate(buffer, 0, length).isAccepted())
        {
            return -1;
        }
        return view.wrap(buffer, 0).firedDetectors(fired);
    }
}
