package io.qecnode.bench.jmh;

import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.telemetry.BlockTelemetry;
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

import java.util.concurrent.TimeUnit;

/**
 * The hot thread's telemetry hand-off, both sides on one thread: offer one block's figures to the SPSC ring of
 * {@link BlockTelemetry} and drain it again. This is the cost of the code without cross-core traffic; the two-thread
 * version is {@link TelemetryHandOffBenchmark}. Too short for sample-time mode: average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class TelemetryRoundTripBenchmark
{
    /** Ring capacity, as the node sizes it for a cold reader that drains every millisecond or so. */
    static final int CAPACITY_BYTES = 1 << 16;

    /**
     * Most events one drain hands over. One is waiting each time, but a drain stops at the end of the ring's buffer:
     * the call that meets the wrap's padding record returns nothing, and the next one must take two.
     */
    static final int DRAIN_LIMIT = 64;

    private static final long DECODE_NS = 400;
    private static final int FLAGS = 0;

    BlockTelemetry telemetry;
    long drained;
    private final BlockTelemetry.BlockHandler onBlock = this::onBlock;
    private long nextBlock;
    private long lastReactionNs;

    /** Build the ring and its overflow counter. */
    @Setup
    public void setup()
    {
        telemetry = new BlockTelemetry(CAPACITY_BYTES, NodeCounters.inMemoryManager().newCounter("telemetry dropped"));
    }

    /**
     * @return the reaction time the consumer side read back last (the previous event's, once per wrap of the ring).
     */
    @Benchmark
    public long offerAndDrain()
    {
        final long block = nextBlock++;
        telemetry.offer(block, block & 0xFFF, DECODE_NS, DECODE_NS, FLAGS);
        telemetry.drain(onBlock, DRAIN_LIMIT);
        return lastReactionNs;
    }

    private void onBlock(final long block, final long reactionNs, final long decodeNs, final long lastWindowNs,
        final int flags)
    {
        lastReactionNs = reactionNs;
        drained++;
    }
}
