package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameSender;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node fed frames straight into {@link NodeAgent#onFrame}, as the hardware encodes them, on a clock the test
 * moves; it keeps a copy of every state the node sends.
 */
final class FrameFeed implements FrameSender, AutoCloseable
{
    static final long QUBIT = 4;

    final CachedNanoClock clock = new CachedNanoClock();
    final NodeCounters counters = NodeCounters.allocate(NodeCounters.inMemoryManager(), "feed");
    final NodeAgent agent;
    private final CodeDescription code;
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final long[] words = new long[64];
    private final List<UnsafeBuffer> states = new ArrayList<>();
    private long sequence;

    /**
     * @param code    the code.
     * @param context the node's settings beyond the code, the clock and the sender.
     */
    FrameFeed(final CodeDescription code, final NodeContext context)
    {
        this.code = code;
        agent = NodeFactory.newNodeAgent(context.code(code).clock(clock).sender(this).counters(counters)
            .telemetryCapacity(1 << 16));
    }

    /**
     * One round, arriving now on the node's clock.
     *
     * @param block   its block.
     * @param round   its round.
     * @param emitNs  the hardware's emit time.
     * @param fired   detectors fired, numbered within the round.
     */
    void round(final long block, final int round, final long emitNs, final int... fired)
    {
        Arrays.fill(words, 0);
        for (final int detector : fired)
        {
            words[detector >>> 6] |= 1L << detector;
        }
        final int length = writer.encode(frame, 0, 1, QUBIT, sequence++, block, round,
            round == code.rounds().roundCount() - 1, code.distance(), Basis.Z, emitNs, words,
            code.rounds().detectorCount(round));
        agent.onFrame(frame, 0, length);
        agent.doWork();
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        states.add(new UnsafeBuffer(copy));
        return true;
    }

    /** @return every state sent, once every block handed to decode threads has been folded. */
    List<LogicalStateView> states()
    {
        agent.awaitFolded(10_000_000_000L);
        final List<LogicalStateView> views = new ArrayList<>();
        for (final UnsafeBuffer state : states)
        {
            views.add(new LogicalStateView().wrap(state, 0));
        }
        return views;
    }

    /**
     * @return each state's fields but its times (decode time): block, qubit, frame bits, rounds, flags, origin.
     */
    List<String> stateFields()
    {
        final List<String> fields = new ArrayList<>();
        for (final LogicalStateView state : states())
        {
            fields.add("block=" + state.blockSequence() + " qubit=" + state.logicalQubit() + " frame=" +
                state.frameBits() + " rounds=" + state.roundsDecoded() + " flags=" + state.flags() + " origin=" +
                state.originTimestampNs());
        }
        return fields;
    }

    @Override
    public void close()
    {
        agent.close();
    }
}
