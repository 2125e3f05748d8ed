package io.qecnode.node.harness;

import io.aeron.Subscription;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.sim.run.TruthRing;
import io.qecnode.node.measure.HotRecorders;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The end of the chain: checks every logical state against the simulator's ground truth and records the end-to-end
 * latency, from the block's last round's slot in the hardware schedule to the state's arrival here.
 * <p>
 * A state carries the logical qubit's Pauli frame accumulated over its blocks, so the sink accumulates the truth too
 * (the XOR of every block's true flips so far). Their difference, the residual, is the logical error the qubit
 * carries after the block. A block makes a logical error when its state changes the residual: a mistake is counted
 * once, at its block, not again at every later one. Only complete blocks are judged so: a block that directly follows
 * the last one judged and whose state is not flagged incomplete. A state flagged incomplete (rounds of its block
 * were lost, or a block before it never reached the frame) is counted apart, with the residual changes it brought.
 * A state after states lost on the way, or whose truth is unknown, is not judged; its residual becomes the reference.
 * <p>
 * Measuring from the schedule rather than from when a round was actually sent keeps coordinated omission out: a
 * stall shows up in the latency of every block that waited behind it.
 * <p>
 * <b>Note:</b> single-threaded; counts are plain fields written here and read by others only after the agent
 * stopped, or approximately while it runs.
 */
public final class SinkAgent implements Agent, FrameHandler
{
    /** Sees every valid state the sink receives, e.g. to record the frame bits of each block. */
    @FunctionalInterface
    public interface StateListener
    {
        /** Ignores every state. */
        StateListener NONE = (block, frameBits, flags) -> { };

        /**
         * @param block     the block the state closes.
         * @param frameBits the forwarded logical frame bits.
         * @param flags     the state's flags (LogicalStateFlags).
         */
        void onState(long block, long frameBits, int flags);
    }

    private final FrameSubscriber subscriber;
    private final TruthRing truths;
    private final SingleWriterRecorder latencyNs;
    private final NanoClock clock;
    private final StateListener listener;
    private final LogicalStateView view = new LogicalStateView();
    private static final int BLOCKS = 0;
    private static final int COMPLETE_BLOCKS = 1;
    private static final int LOGICAL_ERRORS = 2;
    private static final int INCOMPLETE_ERRORS = 3;
    private static final int UNKNOWN_TRUTH = 4;
    private static final int REJECTED = 5;
    private static final int INCOMPLETE = 6;
    private static final int FALLBACK = 7;
    private static final int LAST_BLOCK = 8;
    // Written by this agent only, read by others while it runs: ordered stores (plain stores on x86), not volatile
    // ones, which would put a fence per count on the hot thread that runs the sink on small machines.
    private final AtomicLongArray counts = new AtomicLongArray(LAST_BLOCK + 1);
    private long missingBlocks;
    // The truth accumulated over blocks 0..truthThrough, and the residual of the last state.
    private long truthFrame;
    private long truthThrough = -1;
    private long residual;

    /**
     * @param subscription       states from the last node.
     * @param truths             the simulator's ground truth.
     * @param latencyNs          receives end-to-end latencies.
     * @param clock              the clock the simulator stamps rounds with.
     * @param listener           sees every valid state.
     */
    public SinkAgent(
        final Subscription subscription,
        final TruthRing truths,
        final SingleWriterRecorder latencyNs,
        final NanoClock clock,
        final StateListener listener)
    {
        this.listener = listener;
        this.subscriber = new FrameSubscriber(subscription, this);
        this.truths = truths;
        this.latencyNs = latencyNs;
        this.clock = clock;
        counts.set(LAST_BLOCK, -1);
    }

    @Override
    public int doWork()
    {
        return subscriber.poll(64);
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final long nowNs = clock.nanoTime();
        if (!view.wrapAndVerify(buffer, offset, length))
        {
            add(REJECTED, 1);
            return;
        }
        final long latency = HotRecorders.clamp(nowNs - view.originTimestampNs());
        // The stamp is the round's slot in the hardware schedule, so a late pipeline shows in every block's own
        // latency and no synthetic fill-in against coordinated omission is needed.
        latencyNs.recordValue(latency);
        final long block = view.blockSequence();
        final long lastBlock = counts.get(LAST_BLOCK);
        if (lastBlock >= 0 && block > lastBlock + 1)
        {
            missingBlocks += block - lastBlock - 1;
        }
        counts.lazySet(LAST_BLOCK, block);
        if (truths.truth(block) == TruthRing.UNKNOWN)
        {
            add(UNKNOWN_TRUTH, 1);
        }
        judge(block, view.frameBits(), view.incomplete());
        listener.onState(block, view.frameBits(), view.flags());
        add(INCOMPLETE, view.incomplete() ? 1 : 0);
        add(FALLBACK, view.fallback() ? 1 : 0);
        add(BLOCKS, 1);
    }

    private void add(final int count, final long delta)
    {
        if (delta != 0)
        {
            counts.lazySet(count, counts.get(count) + delta);
        }
    }

    private void judge(final long block, final long frameBits, final boolean incompleteState)
    {
        final boolean follows = block == truthThrough + 1;
        final boolean truthKnown = foldTruthThrough(block);
        final long previous = residual;
        residual = (frameBits ^ truthFrame) & 3;
        if (!truthKnown)
        {
            return;
        }
        final long changed = residual != previous ? 1 : 0;
        if (incompleteState)
        {
            add(INCOMPLETE_ERRORS, changed);
        }
        else if (follows)
        {
            add(COMPLETE_BLOCKS, 1);
            add(LOGICAL_ERRORS, changed);
        }
    }

    // Folds the truth of every block up to this one not folded yet; false if one was unknown (the reference then
    // moves to this state's residual) or the block does not come after those folded (a repeat).
    private boolean foldTruthThrough(final long block)
    {
        if (block <= truthThrough)
        {
            return false;
        }
        boolean known = block - truthThrough <= truths.capacity();
        for (long b = known ? truthThrough + 1 : block + 1; b <= block; b++)
        {
            final long truth = truths.truth(b);
            if (truth == TruthRing.UNKNOWN)
            {
                known = false;
                break;
            }
            truthFrame ^= truth & 3;
        }
        truthThrough = block;
        return known;
    }

    /** @return states received and checked. */
    public long blocks()
    {
        return counts.get(BLOCKS);
    }

    /** @return complete blocks judged: not flagged incomplete, right after the last block judged, truth known. */
    public long completeBlocks()
    {
        return counts.get(COMPLETE_BLOCKS);
    }

    /** @return complete blocks whose state changed the residual (accumulated frame XOR accumulated truth). */
    public long logicalErrors()
    {
        return counts.get(LOGICAL_ERRORS);
    }

    /** @return states flagged incomplete that changed the residual: errors from lost rounds or blocks. */
    public long incompleteErrors()
    {
        return counts.get(INCOMPLETE_ERRORS);
    }

    /** @return states whose block's truth was no longer (or not yet) known. */
    public long unknownTruth()
    {
        return counts.get(UNKNOWN_TRUTH);
    }

    /** @return frames that were not valid logical states. */
    public long rejected()
    {
        return counts.get(REJECTED);
    }

    /** @return states flagged incomplete. */
    public long incomplete()
    {
        return counts.get(INCOMPLETE);
    }

    /** @return states flagged as decoded by the fallback. */
    public long fallback()
    {
        return counts.get(FALLBACK);
    }

    /** @return blocks skipped in the sequence of states. */
    public long missingBlocks()
    {
        return missingBlocks;
    }

    /** @return the last block received, or -1. */
    public long lastBlock()
    {
        return counts.get(LAST_BLOCK);
    }

    @Override
    public String roleName()
    {
        return "qec-sink";
    }
}
