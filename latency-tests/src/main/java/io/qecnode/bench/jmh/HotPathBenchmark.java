package io.qecnode.bench.jmh;

import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.telemetry.BlockTelemetry;
import io.qecnode.decoder.code.CodeDescription;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The node's whole hot path per syndrome round, without transport: one {@link NodeAgent#onFrame} call per operation
 * on a pre-encoded {@code SyndromeRound} frame. The agent validates the frame, hands the round to the streaming
 * block decoder (auto window, weighted growth), and on a block's last round decodes the final window, folds the
 * flips into the logical frame, encodes a {@code LogicalState}, offers it to a next hop that only counts it, and hands
 * the reaction time to the telemetry ring. Per round it also reads the clock and records into an HdrHistogram
 * {@code SingleWriterRecorder}, as in production.
 * <p>
 * Frames: {@value #BLOCK_RING} blocks of the phenomenological model (d noisy rounds and a perfect closing one) are
 * sampled and encoded once in setup ({@link EncodedFrames}, sequence numbers 0 to N-1) and fed in a ring, so neither
 * sampling nor encoding is timed. When the ring wraps, the stream's sequence number goes back to 0: the validator
 * reads that as a restart of the source, which it accepts (counting it under {@code RESTARTS}) and which resets the
 * source's sequence tracking, exactly as it would for hardware that restarts. One frame in N takes that branch; every
 * other frame is the in-order case.
 * <p>
 * The cold side is simulated inline: every {@value #DRAIN_INTERVAL} rounds the benchmark drains the telemetry ring
 * itself, so that cost (a few ns per block) is in the figure too.
 * <p>
 * {@link #onFrame()} runs in sample-time mode: most rounds only add to the window, the last of a block decodes, so
 * the distribution is bimodal and its high percentiles are the end-of-block rounds. {@link #onFrameAverage()} is the
 * same work in average-time mode, for the gc profiler and the mean per round.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class HotPathBenchmark
{
    /** Blocks sampled and encoded per trial. */
    static final int BLOCK_RING = 4096;

    /** Rounds between two drains of the telemetry ring; a power of two. */
    static final int DRAIN_INTERVAL = 64;

    private static final long SOURCE_NODE = 1;
    private static final int NODE_ID = 1;
    private static final int TELEMETRY_CAPACITY_BYTES = 1 << 16;

    @Param({"5", "11"})
    int distance;

    @Param("0.001")
    double p;

    /** "on": every round, state and checkpoint goes through the hand-off to a journal thread writing to disk. */
    @Param({"off", "on"})
    String journal;

    /**
     * Decode threads ({@code --decode-threads}): 0 decodes on the benchmark's thread; N hands each block to a decode
     * thread, and the operation also folds the results that came back (run with {@code -p decodeThreads=0,1}).
     */
    @Param("0")
    int decodeThreads;

    SampledRounds rounds;
    EncodedFrames frames;
    NodeCounters counters;
    LongArrayFrameCounters frameCounters;
    long states;
    long telemetryEvents;
    DirectBuffer lastState;
    int lastStateOffset;
    private final FrameSender nextHop = this::onState;
    private final BlockTelemetry.BlockHandler onTelemetry = this::onTelemetry;
    private BenchJournal benchJournal;
    private NodeAgent node;
    private BlockTelemetry telemetry;
    private int next;
    private long roundsFed;

    /** Sample and encode the frames, and build the node as every command does (its default settings), minus the bus. */
    @Setup
    public void setup()
    {
        final CodeDescription code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, distance, distance, p);
        rounds = SampledRounds.sample(code, 20_260_500L + distance, BLOCK_RING);
        frames = EncodedFrames.encode(rounds, distance, SOURCE_NODE);

        counters = NodeCounters.allocate(NodeCounters.inMemoryManager(), "bench");
        frameCounters = new LongArrayFrameCounters();
        final NodeContext context = new NodeContext().code(code).nodeId(NODE_ID).sender(nextHop).counters(counters)
            .frameCounters(frameCounters).telemetryCapacity(TELEMETRY_CAPACITY_BYTES).decodeThreads(decodeThreads)
            .conclude();
        telemetry = context.telemetry();
        node = NodeFactory.newNodeAgent(context);
        if ("on".equals(journal))
        {
            benchJournal = BenchJournal.start(node);
        }
    }

    /** Stop the journal thread and delete its files, reporting what it wrote and what it lost. */
    @TearDown
    public void tearDown()
    {
        if (benchJournal != null)
        {
            benchJournal.close();
        }
        node.close();
    }

    /**
     * @return logical states sent so far, so the work cannot be eliminated.
     */
    @Benchmark
    public long onFrame()
    {
        final int i = next;
        final EncodedFrames frames = this.frames;
        next = i + 1 == frames.count() ? 0 : i + 1;
        node.onFrame(frames.buffer(), frames.offset(i), frames.length(i));
        if (decodeThreads > 0)
        {
            node.doWork();
        }
        if ((++roundsFed & (DRAIN_INTERVAL - 1)) == 0)
        {
            telemetry.drain(onTelemetry, DRAIN_INTERVAL);
        }
        return states;
    }

    /**
     * @return logical states sent so far; the same work as {@link #onFrame()}, for the gc profiler.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long onFrameAverage()
    {
        return onFrame();
    }

    private boolean onState(final DirectBuffer buffer, final int offset, final int length)
    {
        states++;
        lastState = buffer;
        lastStateOffset = offset;
        return true;
    }

    private void onTelemetry(final long block, final long reactionNs, final long decodeNs, final long lastWindowNs,
        final int flags)
    {
        telemetryEvents++;
    }
}
