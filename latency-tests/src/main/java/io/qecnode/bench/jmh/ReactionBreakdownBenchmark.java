package io.qecnode.bench.jmh;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.frame.Crc32c;
import io.qecnode.io.frame.FrameChecksum;
import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.node.telemetry.BlockTelemetry;
import io.qecnode.pauli.LogicalFrame;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.CountersManager;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The node's reaction path (a block's last round in, its logical state out) taken apart stage by stage, each on the
 * last round frame of a block, through public APIs only, so that the breakdown keeps working as the stages change
 * inside (an intrinsic CRC32C, an incremental final window, decode worker threads):
 * <ul>
 * <li>{@link #crc32c}: the frame checksum's CRC32C over a round frame, alone;</li>
 * <li>{@link #validate}: {@link FrameValidator#validate}, the CRC32C included, over frames in stream order;</li>
 * <li>{@link #view}: wrapping the frame and extracting its fired detectors;</li>
 * <li>{@link #decodeLastRound}: the block decoder's last {@code addRound} and {@code finishBlock}, the earlier rounds
 * of the block added before each call, untimed (the final window's decode);</li>
 * <li>{@link #fold}: folding a block's flips into the logical Pauli frame;</li>
 * <li>{@link #encodeState}: encoding the {@code LogicalState}, its CRC32C included;</li>
 * <li>{@link #offer}: sending the state on an embedded Aeron IPC publication (drained every
 * {@value #DRAIN_EVERY} offers, the drain's share included);</li>
 * <li>{@link #whole}: {@link NodeAgent#onFrame} of the last round, the earlier rounds fed before each call, untimed,
 * its states handed to a sender that only counts them: every stage above but the offer, plus the node's own clock
 * reads, recorders and telemetry hand-off. The reaction is {@code whole + offer}.</li>
 * </ul>
 * Sample-time mode: every figure is a distribution of single calls, so its median stands on a shared, busy host
 * where a mean is the preemptions'. Single calls carry the timer's own cost; {@link #invocationOverhead} (a call that
 * does nothing) measures that floor, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class ReactionBreakdownBenchmark
{
    /** Blocks sampled and encoded per trial. */
    static final int BLOCK_RING = 1024;

    /** Offers between two drains of the publication; a power of two. */
    static final int DRAIN_EVERY = 64;

    private static final long SOURCE_NODE = 1;
    private static final int NODE_ID = 1;
    private static final String CHANNEL = "aeron:ipc";
    private static final int STATES_STREAM = 2;

    @Param({"5", "11", "17"})
    int distance;

    @Param("0.001")
    double p;

    CodeDescription code;
    EncodedFrames frames;
    int roundsPerBlock;
    long[] blockFlips;
    private final SyndromeRoundView roundView = new SyndromeRoundView();
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final LogicalFrame pauliFrame = new LogicalFrame(1);
    private final UnsafeBuffer state = new UnsafeBuffer(ByteBuffer.allocateDirect(LogicalStateWriter.FRAME_LENGTH));
    private int[] fired;
    private FrameValidator validator;
    private MessageBus bus;
    private FramePublisher publisher;
    private Subscription states;
    private final FragmentHandler ignore = (buffer, offset, length, header) -> { };
    private int nextBlock;
    private int nextFrame;
    private long offers;

    /** Sample and encode the frames; start the bus the states go out on. */
    @Setup
    public void setup()
    {
        code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, distance, distance, p);
        roundsPerBlock = code.rounds().roundCount();
        final SampledRounds rounds = SampledRounds.sample(code, 20_260_500L + distance, BLOCK_RING);
        frames = EncodedFrames.encode(rounds, distance, SOURCE_NODE);
        blockFlips = new long[BLOCK_RING];
        for (int b = 0; b < BLOCK_RING; b++)
        {
            blockFlips[b] = rounds.trueObservableFlips(b);
        }
        fired = new int[code.rounds().maxDetectorsPerRound()];
        validator = new FrameValidator(new FrameLayout(distance, code.detectorCounts()), 1,
            new LongArrayFrameCounters(), RejectionLog.NO_OP);
        bus = MessageBus.launch(new BusContext().plan(CHANNEL, 1), Throwable::printStackTrace);
        final ExclusivePublication publication = bus.publication(CHANNEL, STATES_STREAM);
        states = bus.subscription(CHANNEL, STATES_STREAM);
        final CountersManager counters = NodeCounters.inMemoryManager();
        publisher = new FramePublisher(publication, new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT,
            counters.newCounter("sent"), counters.newCounter("back pressured"), counters.newCounter("not sent"));
        while (!publication.isConnected())
        {
            Thread.onSpinWait();
        }
    }

    /** Close the bus. */
    @TearDown
    public void tearDown()
    {
        bus.close();
    }

    /** @return the frame index of the next block's last round. */
    int nextLastRound()
    {
        final int block = nextBlock;
        nextBlock = block + 1 == BLOCK_RING ? 0 : block + 1;
        return block * roundsPerBlock + roundsPerBlock - 1;
    }

    /**
     * @return the CRC32C of a last round's frame without its checksum field.
     */
    @Benchmark
    public int crc32c()
    {
        final int i = nextLastRound();
        return Crc32c.compute(frames.buffer(), frames.offset(i), frames.length(i) - FrameChecksum.CHECKSUM_LENGTH);
    }

    /**
     * Every frame in stream order (a frame's cost depends on its size, the same for every round of the code), so
     * that each is the in-order case the node sees; one wrap in the ring reads as a restart of the source.
     *
     * @return the outcome.
     */
    @Benchmark
    public Object validate()
    {
        final int i = nextFrame;
        nextFrame = i + 1 == frames.count() ? 0 : i + 1;
        return validator.validate(frames.buffer(), frames.offset(i), frames.length(i));
    }

    /**
     * @return fired detectors of a last round.
     */
    @Benchmark
    public int view()
    {
        final int i = nextLastRound();
        return roundView.wrap(frames.buffer(), frames.offset(i)).firedDetectors(fired);
    }

    /**
     * @return the frame with a block's flips folded in.
     */
    @Benchmark
    public long fold()
    {
        final int block = nextBlock;
        nextBlock = block + 1 == BLOCK_RING ? 0 : block + 1;
        pauliFrame.foldObservableFlips(0, blockFlips[block] & (LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP));
        return pauliFrame.observableFlips(0);
    }

    /**
     * @return the encoded state's length.
     */
    @Benchmark
    public int encodeState()
    {
        final int block = nextBlock;
        nextBlock = block + 1 == BLOCK_RING ? 0 : block + 1;
        return writer.encode(state, 0, NODE_ID, 0, block, blockFlips[block], roundsPerBlock, 1_000L * block, 500L,
            0);
    }

    /**
     * @return true if sent.
     */
    @Benchmark
    public boolean offer()
    {
        final boolean sent = publisher.send(state, 0, LogicalStateWriter.FRAME_LENGTH);
        if ((++offers & (DRAIN_EVERY - 1)) == 0)
        {
            states.poll(ignore, DRAIN_EVERY);
        }
        return sent;
    }

    /**
     * @param inHand a decoder with every round of a block but the last added.
     * @return the block's flips.
     */
    @Benchmark
    public long decodeLastRound(final DecoderInHand inHand)
    {
        inHand.decoder.addRound(inHand.lastRound, inHand.fired, inHand.firedCount);
        return inHand.decoder.finishBlock();
    }

    /**
     * @param inHand a node with every round of a block but the last fed.
     */
    @Benchmark
    public void whole(final NodeInHand inHand)
    {
        inHand.node.onFrame(frames.buffer(), frames.offset(inHand.lastFrame), frames.length(inHand.lastFrame));
    }

    /**
     * @param empty a state with an empty invocation-level setup.
     * @return a field read: what timing a call alone costs.
     */
    @Benchmark
    public long invocationOverhead(final EmptyInHand empty)
    {
        return empty.calls;
    }

    /** A block decoder as the node builds it, every round of the next block but the last added before each call. */
    @State(Scope.Thread)
    public static class DecoderInHand
    {
        BlockDecoder decoder;
        int[] fired;
        int firedCount;
        int lastRound;
        private final SyndromeRoundView view = new SyndromeRoundView();

        /** @param bench the frames. */
        @Setup
        public void setup(final ReactionBreakdownBenchmark bench)
        {
            decoder = new NodeContext().code(bench.code).conclude().newBlockDecoder();
            fired = new int[bench.code.rounds().maxDetectorsPerRound()];
        }

        /** @param bench the frames. */
        @Setup(Level.Invocation)
        public void feed(final ReactionBreakdownBenchmark bench)
        {
            final int last = bench.nextLastRound();
            final int first = last - bench.roundsPerBlock + 1;
            for (int i = first; i < last; i++)
            {
                final int count = view.wrap(bench.frames.buffer(), bench.frames.offset(i)).firedDetectors(fired);
                decoder.addRound(i - first, fired, count);
            }
            firedCount = view.wrap(bench.frames.buffer(), bench.frames.offset(last)).firedDetectors(fired);
            lastRound = last - first;
        }
    }

    /** A node as every command builds it, its states counted, fed all but the last round of a block. */
    @State(Scope.Thread)
    public static class NodeInHand
    {
        NodeAgent node;
        int lastFrame;
        long states;
        private BlockTelemetry telemetry;
        private final BlockTelemetry.BlockHandler ignoreBlock = (block, reactionNs, decodeNs, lastWindowNs, flags) ->
        {
        };

        /** @param bench the frames. */
        @Setup
        public void setup(final ReactionBreakdownBenchmark bench)
        {
            final NodeContext context = new NodeContext().code(bench.code).nodeId(NODE_ID).sender(this::onState)
                .counters(NodeCounters.allocate(NodeCounters.inMemoryManager(), "bench")).frameCounters(new LongArrayFrameCounters()).conclude();
            telemetry = context.telemetry();
            node = NodeFactory.newNodeAgent(context);
        }

        private boolean onState(final DirectBuffer buffer, final int offset, final int length)
        {
            states++;
            return true;
        }

        /** @param bench the frames. */
        @Setup(Level.Invocation)
        public void feed(final ReactionBreakdownBenchmark bench)
        {
            telemetry.drain(ignoreBlock, DRAIN_EVERY);
            lastFrame = bench.nextLastRound();
            for (int i = lastFrame - bench.roundsPerBlock + 1; i < lastFrame; i++)
            {
                node.onFrame(bench.frames.buffer(), bench.frames.offset(i), bench.frames.length(i));
            }
        }
    }

    /** Nothing to set up, per call: the cost of timing a call alone. */
    @State(Scope.Thread)
    public static class EmptyInHand
    {
        long calls;

        /** Count the call. */
        @Setup(Level.Invocation)
        public void count()
        {
            calls++;
        }
    }
}
