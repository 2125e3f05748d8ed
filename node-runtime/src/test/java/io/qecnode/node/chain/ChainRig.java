package io.qecnode.node.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.BellMeasurementWriter;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.BatchBlockDecoder;
import io.qecnode.node.pipeline.NodeContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One chain node driven without transport: its hardware's rounds and Bell measurements, and its left neighbour's
 * states, are encoded here and handed straight to the agent's handlers; its states and reports are kept (and the
 * states handed on to a downstream node's handler if one is given). Time is a cached clock the test moves.
 * <p>
 * Every patch decodes a distance-3 phenomenological code with whole-block decoding, and a block's decoded flips are
 * chosen by the test: for each observable-flip mask the rig holds a defect pattern that the same block decoder
 * decodes to exactly that mask (found once, by trying one and two defects). Nothing on the delivering side allocates
 * once built, so the rig can run inside an allocation measurement.
 */
final class ChainRig
{
    static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.01);
    static final RoundStructure ROUNDS = CODE.rounds();
    static final int ROUNDS_PER_BLOCK = ROUNDS.roundCount();
    static final long ROUND_GAP_NS = 1_000;
    static final long SEND_NS = 300;
    static final long DEADLINE_NS = 1_000_000;
    private static final DecoderMode GROWTH = DecoderMode.WEIGHTED;
    // Detector words of each round of a block decoding to each mask: [mask][round][word].
    private static final long[][][] WORDS = patterns();

    final ChainRole role;
    final int nodeId;
    final CachedNanoClock clock;
    final RecordingSender states;
    final RecordingSender reports;
    final ChainCounters counters;
    final ChainNodeAgent agent;
    private final SyndromeRoundWriter roundWriter = new SyndromeRoundWriter();
    private final BellMeasurementWriter bellWriter = new BellMeasurementWriter();
    private final LogicalStateWriter stateWriter = new LogicalStateWriter();
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final long[] sequence = new long[2];

    /**
     * @param role       the node's role.
     * @param nodeId     its id; neighbours are the ids either side.
     * @param clock      the test's clock.
     * @param downstream the right neighbour's left-state handler, or null.
     * @param settings   anything more to set on the context (recorders, window), or null.
     */
    ChainRig(
        final ChainRole role, final int nodeId, final CachedNanoClock clock, final FrameHandler downstream,
        final Consumer<ChainNodeContext> settings)
    {
        this.role = role;
        this.nodeId = nodeId;
        this.clock = clock;
        this.states = new RecordingSender(clock, downstream);
        this.reports = new RecordingSender(null, null);
        final ChainNodeContext context = new ChainNodeContext().role(role).nodeId(nodeId)
            .left(side()).right(side()).neighbourDeadlineNs(DEADLINE_NS).clock(clock).reportSender(reports);
        if (role.hasRight())
        {
            context.stateSender(states);
        }
        if (settings != null)
        {
            settings.accept(context);
        }
        agent = ChainNodeFactory.newChainNodeAgent(context);
        counters = context.counters();
    }

    ChainRig(final ChainRole role, final int nodeId, final CachedNanoClock clock)
    {
        this(role, nodeId, clock, null, null);
    }

    private static NodeContext side()
    {
        return new NodeContext().code(CODE).growth(GROWTH).window("batch");
    }

    /** Deliver a whole block of a patch whose decode gives {@code mask}. */
    void block(final int side, final long epoch, final long mask)
    {
        rounds(side, epoch, mask, 0, ROUNDS_PER_BLOCK, -1);
    }

    /** Deliver rounds {@code from} until {@code to} of a block, leaving out round {@code lost} (-1: none). */
    void rounds(final int side, final long epoch, final long mask, final int from, final int to, final int lost)
    {
        final FrameHandler handler = side == ChainStreams.LEFT ? agent.leftRoundsHandler() :
            agent.rightRoundsHandler();
        for (int round = from; round < to; round++)
        {
            clock.advance(ROUND_GAP_NS);
            final long frameSequence = sequence[side]++;
            if (round == lost)
            {
                continue;
            }
            final int length = roundWriter.encode(frame, 0, nodeId, ChainStreams.logicalQubit(nodeId, side),
                frameSequence, epoch, round, round == ROUNDS_PER_BLOCK - 1, CODE.distance(), Basis.Z,
                clock.nanoTime(), WORDS[(int)mask][round], ROUNDS.detectorCount(round));
            handler.onFrame(frame, 0, length);
        }
    }

    /** @return the emit time the last round of a block delivered next will carry. */
    long lastRoundEmitNs()
    {
        return clock.nanoTime() + ROUNDS_PER_BLOCK * ROUND_GAP_NS;
    }

    void bell(final long epoch, final boolean xx, final boolean zz)
    {
        final int length = bellWriter.encode(frame, 0, nodeId, ChainStreams.logicalQubit(nodeId, ChainStreams.LEFT),
            ChainStreams.logicalQubit(nodeId, ChainStreams.RIGHT), epoch, clock.nanoTime(), xx, zz);
        agent.bellHandler().onFrame(frame, 0, length);
    }

    /** Hand the agent a left state from its left neighbour, addressed to it, on path 0. */
    void leftState(final long epoch, final long correction, final int chainFlags)
    {
        final int length = encodeLeftState(epoch, correction, chainFlags, nodeId - 1, nodeId, 0);
        agent.leftStatesHandler().onFrame(frame, 0, length);
    }

    /** Encode a left state into {@link #frame()} without handing it over. */
    int encodeLeftState(
        final long epoch, final long correction, final int chainFlags, final long source, final long destination,
        final long path)
    {
        return stateWriter.encode(frame, 0, source, ChainStreams.logicalQubit(Math.max(0, nodeId - 1),
            ChainStreams.RIGHT), epoch, 0, ROUNDS_PER_BLOCK, clock.nanoTime(), 0, 0, epoch, source, destination,
            nodeId, path, correction, chainFlags);
    }

    UnsafeBuffer frame()
    {
        return frame;
    }

    private static long[][][] patterns()
    {
        final long[][][] words = new long[4][][];
        final int detectors = ROUNDS.detectorCount();
        words[0] = wordsOf(new int[0]);
        for (int first = 0; first < detectors; first++)
        {
            for (int second = first; second < detectors; second++)
            {
                final int[] defects = first == second ? new int[]{first} : new int[]{first, second};
                final int mask = (int)decode(defects);
                if (words[mask] == null)
                {
                    words[mask] = wordsOf(defects);
                }
            }
        }
        for (int mask = 0; mask < 4; mask++)
        {
            if (words[mask] == null)
            {
                throw new IllegalStateException("no one- or two-defect block decodes to mask " + mask);
            }
        }
        return words;
    }

    private static long decode(final int[] defects)
    {
        final BatchBlockDecoder decoder = new BatchBlockDecoder(CODE.graph(), ROUNDS, GROWTH);
        final int[] local = new int[ROUNDS.maxDetectorsPerRound()];
        for (int round = 0; round < ROUNDS_PER_BLOCK; round++)
        {
            int count = 0;
            for (final int detector : defects)
            {
                if (ROUNDS.roundOf(detector) == round)
                {
                    local[count++] = detector - ROUNDS.firstDetector(round);
                }
            }
            decoder.addRound(round, local, count);
        }
        return decoder.finishBlock() & 3;
    }

    private static long[][] wordsOf(final int[] defects)
    {
        final long[][] words = new long[ROUNDS_PER_BLOCK][];
        for (int round = 0; round < ROUNDS_PER_BLOCK; round++)
        {
            words[round] = new long[(ROUNDS.detectorCount(round) + 63) / 64];
        }
        for (final int detector : defects)
        {
            final int local = detector - ROUNDS.firstDetector(ROUNDS.roundOf(detector));
            words[ROUNDS.roundOf(detector)][local >>> 6] |= 1L << local;
        }
        return words;
    }

    /**
     * Keeps a copy of every frame it is given (unless told not to, to stay allocation-free), hands it on to a
     * downstream handler if any, and takes {@link #SEND_NS} of the clock to send it.
     */
    static final class RecordingSender implements FrameSender
    {
        final List<UnsafeBuffer> frames = new ArrayList<>();
        boolean keep = true;
        long sent;
        private final CachedNanoClock clock;
        private final FrameHandler downstream;

        RecordingSender(final CachedNanoClock clock, final FrameHandler downstream)
        {
            this.clock = clock;
            this.downstream = downstream;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            sent++;
            if (keep)
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                frames.add(new UnsafeBuffer(copy));
            }
            if (clock != null)
            {
                clock.advance(SEND_NS);
            }
            if (downstream != null)
            {
                downstream.onFrame(buffer, offset, length);
            }
            return true;
        }

        LogicalStateView get(final int index)
        {
            final UnsafeBuffer copy = frames.get(index);
            final LogicalStateView view = new LogicalStateView();
            if (!view.wrapAndVerify(copy, 0, copy.capacity()))
            {
                throw new AssertionError("frame " + index + " is not a whole state");
            }
            return view;
        }

        LogicalStateView last()
        {
            return get(frames.size() - 1);
        }

        int size()
        {
            return frames.size();
        }
    }
}
