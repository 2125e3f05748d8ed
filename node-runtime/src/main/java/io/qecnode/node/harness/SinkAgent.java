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
    private volatile long blocks;
    private volatile long completeBlocks;
    private volatile long logicalErrors;
    private volatile long incompleteErrors;
    private volatile long unknownTruth;
    private volatile long rejected;
    private volatile long incomplete;
    private volatile long fallback;
    private volatile long lastBlock = -1;
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
            rejected++;
            return;
        }
        final long latency = HotRecorders.clamp(nowNs - view.originTimestampNs());
        // The stamp is the round's slot in the hardware schedule, so a late pipeline shows in every block's own
        // latency and no synthetic fill-in against coordinated omission is needed.
        latencyNs.recordValue(latency);
        final long block = view.blockSequence();
        if (lastBlock >= 0 && block > lastBlock + 1)
        {
            missingBlocks += block - lastBlock - 1;
        }
        lastBlock = block;
        if (truths.truth(block) == TruthRing.UNKNOWN)
        {
            unknownTruth++;
        }
        judge(block, view.frameBits(), view.incomplete());
        listener.onState(block, view.frameBits(), view.flags());
        incomplete += view.incomplete() ? 1 : 0;
        fallback += view.fallback() ? 1 : 0;
        blocks++;
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
            incompleteErrors += changed;
        }
        else if (follows)
        {
            completeBlocks++;
            logicalErrors += changed;
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
        return blocks;
    }

    /** @return complete blocks judged: not flagged incomplete, right after the last block judged, truth known. */
    public long completeBlocks()
    {
        return completeBlocks;
    }

    /** @return complete blocks whose state changed the residual (accumulated frame XOR accumulated truth). */
    public long logicalErrors()
    {
        return logicalErrors;
    }

    /** @return states flagged incomplete that changed the residual: errors from lost rounds or blocks. */
    public long incompleteErrors()
    {
        return incompleteErrors;
    }

    /** @return states whose block's truth was no longer (or not yet) known. */
    public long unknownTruth()
    {
        return unknownTruth;
    }

    /** @return frames that were not valid logical states. */
    public long rejected()
    {
        return rejected;
    }

    /** @return states flagged incomplete. */
    public long incomplete()
    {
        return incomplete;
    }

    /** @return states flagged as decoded by the fallback. */
    public long fallback()
    {
        return fallback;
    }

    /** @return blocks skipped in the sequence of states. */
    public long missingBlocks()
    {
        return missingBlocks;
    }

    /** @return the last block received, or -1. */
    public long lastBlock()
    {
        return lastBlock;
    }

    @Override
    public String roleName()
    {
        return "qec-sink";
    }
}
