package io.qecnode.bench.jmh;

import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.telemetry.BlockTelemetry;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The telemetry hand-off across two threads, as in the node: one thread offers block figures to the SPSC ring of
 * {@link BlockTelemetry} as fast as it can, the other drains up to {@value TelemetryRoundTripBenchmark#DRAIN_LIMIT}
 * at a time. Each side reports its own time per call; the producer's {@code dropped} and the consumer's
 * {@code drained} counters say how much went through and how much was dropped on a full ring (the producer never
 * waits). It needs two free cores: on two vCPUs shared with the JMH control thread and the OS the threads are often
 * descheduled, and the split between drained and dropped swings from run to run.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class TelemetryHandOffBenchmark
{
    private static final long DECODE_NS = 400;
    private static final int FLAGS = 0;

    BlockTelemetry telemetry;

    /** Build the ring shared by the group's two threads. */
    @Setup
    public void setup()
    {
        telemetry = new BlockTelemetry(
            TelemetryRoundTripBenchmark.CAPACITY_BYTES, NodeCounters.inMemoryManager().newCounter("telemetry dropped"));
    }

    /**
     * @param producer the producer thread's block sequence and drop count.
     * @return true if the event went in, false if the ring was full and it was dropped.
     */
    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public boolean offer(final Producer producer)
    {
        final long block = producer.nextBlock++;
        final boolean offered = telemetry.offer(block, block & 0xFFF, DECODE_NS, DECODE_NS, FLAGS);
        if (!offered)
        {
            producer.dropped++;
        }
        return offered;
    }

    /**
     * @param consumer the consumer thread's handler and count.
     * @return events handed over by this call, often 0.
     */
    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public int drain(final Consumer consumer)
    {
        final int events = telemetry.drain(consumer.onBlock, TelemetryRoundTripBenchmark.DRAIN_LIMIT);
        consumer.drained += events;
        return events;
    }

    /**
     * The producer thread's side: the next block number, and events dropped on a full ring per iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Producer
    {
        /** Events dropped because the ring was full, this iteration. */
        public long dropped;
        private long nextBlock;

        /** Count each iteration afresh. */
        @Setup(Level.Iteration)
        public void clear()
        {
            dropped = 0;
        }
    }

    /**
     * The consumer thread's side: its handler, and events drained per iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Consumer
    {
        /** Events drained, this iteration. */
        public long drained;
        private long reactionNsSum;
        private final BlockTelemetry.BlockHandler onBlock = this::onBlock;

        /** Count each iteration afresh. */
        @Setup(Level.Iteration)
        public void clear()
        {
            drained = 0;
        }

        /**
         * @return the sum of the reaction times read, so the reads cannot be eliminated.
         */
        long reactionNsSum()
        {
            return reactionNsSum;
        }

        private void onBlock(final long block, final long reactionNs, final long decodeNs, final long lastWindowNs,
            final int flags)
        {
            reactionNsSum += reactionNs;
        }
    }
}
