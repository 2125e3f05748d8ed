package io.qecnode.bench.jmh;

import io.qecnode.pauli.LogicalFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The node's logical frame update at the end of each block, as {@code NodeAgent} does it: fold the block's decoded
 * observable flips into the logical frame, read the frame back as the mask to forward, and reset it. The masks are
 * pre-drawn uniformly from the four logical Paulis, so the branch predictor cannot learn them (decoded blocks at low p
 * are nearly all identity, which would read faster). Too short for sample-time mode: average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class LogicalFrameBenchmark
{
    /** Pre-drawn observable-flip masks cycled through; a power of two. */
    static final int MASK_RING = 4096;

    private static final int LOGICAL = 0;

    long[] flips;
    private LogicalFrame frame;
    private int next;

    /** Draw the masks and build the frame. */
    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(20_260_400L);
        flips = new long[MASK_RING];
        for (int i = 0; i < MASK_RING; i++)
        {
            flips[i] = random.nextInt(4);
        }
        frame = new LogicalFrame(1);
    }

    /**
     * @return the frame as the observable-flip mask to forward: the block's own flips, as the frame was reset.
     */
    @Benchmark
    public long foldBlock()
    {
        final LogicalFrame frame = this.frame;
        frame.foldObservableFlips(LOGICAL, flips[next++ & (MASK_RING - 1)]);
        final long forwarded = frame.observableFlips(LOGICAL);
        frame.reset(LOGICAL);
        return forwarded;
    }
}
