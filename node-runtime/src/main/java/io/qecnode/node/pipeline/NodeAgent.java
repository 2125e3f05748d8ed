package io.qecnode.node.pipeline;

import io.qecnode.pauli.LogicalFrame;
import io.qecnode.io.frame.FrameCheck;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.node.telemetry.BlockTelemetry;
import io.qecnode.node.measure.HotRecorders;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The node's hot path, run to completion on one thread: poll the hardware's rounds, validate each frame, add the
 * round to the block decoder, and at the end of a block fold the decoded logical flips into the Pauli frame, encode
 * a {@code LogicalState} and offer it to the next hop.
 * <p>
 * The Pauli frame lives as long as the logical qubit it describes, not as long as a block: each state carries the
 * frame after folding in its block's flips, and checkpoints carry it over a restart. Rounds lost on the way (a gap
 * inside a block) are filled in empty so the block can still be decoded; the state then carries the incomplete flag.
 * A block whose end never arrives is abandoned when the next block starts; its flips never reach the frame, so the
 * next state, and any state whose block does not follow the last one finished, is flagged incomplete too. The
 * reaction time, from the last round's arrival to the state's offer, goes through a bounded SPSC ring to a telemetry
 * thread; a full ring is counted, never waited on.
 * <p>
 * <b>Note:</b> single-threaded; nothing on this path allocates, locks or blocks.
 */
public final class NodeAgent implements Agent, FrameHandler
{
    private static final int FRAGMENT_LIMIT = 64;

    private final FrameSubscriber subscriber;
    private final FrameValidator validator;
    private final PatchDecoding patch;
    private final FrameSender out;
    private final NodeCounters counters;
    private final BlockTelemetry telemetry;
    private final SingleWriterRecorder roundNs;
    private final SingleWriterRecorder ingressNs;
    private final NanoClock clock;
    private final int nodeId;
    private final SyndromeRoundView view = new SyndromeRoundView();
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final LogicalFrame frame = new LogicalFrame(1);
    private final UnsafeBuffer state = new UnsafeBuffer(ByteBuffer.allocateDirect(LogicalStateWriter.FRAME_LENGTH));
    private JournalHandOff journal;
    private int checkpointEvery = Integer.MAX_VALUE;
    private int blocksSinceCheckpoint;

    // Built by NodeFactory from a concluded context: the one way a node is wired.
    NodeAgent(final NodeContext context, final FrameValidator validator, final BlockDecoder decoder)
    {
        this.subscriber = context.subscription() == null ? null : new FrameSubscriber(context.subscription(), this);
        this.validator = validator;
        this.patch = new PatchDecoding(decoder, context.counters(), context.code().rounds().maxDetectorsPerRound());
        this.out = context.sender();
        this.counters = context.counters();
        this.telemetry = context.telemetry();
        this.roundNs = context.roundRecorder();
        this.ingressNs = context.ingressRecorder();
        this.clock = context.clock();
        this.nodeId = context.nodeId();
    }

    @Override
    public int doWork()
    {
        return subscriber == null ? 0 : subscriber.poll(FRAGMENT_LIMIT);
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final long arrivedNs = clock.nanoTime();
        final FrameCheck check = validator.validate(buffer, offset, length);
        if (!check.isAccepted())
        {
            if (journal != null)
            {
                journal.offerRejected(buffer, offset, length, check.ordinal(), arrivedNs);
            }
            return;
        }
        if (journal != null)
        {
            journal.offerRound(buffer, offset, length, arrivedNs);
        }
        final SyndromeRoundView view = this.view.wrap(buffer, offset);
        if (ingressNs != null)
        {
            ingressNs.recordValue(HotRecorders.clamp(arrivedNs - view.emitTimestampNs()));
        }
        if (patch.onRound(view))
        {
            finishBlock(arrivedNs, view.emitTimestampNs());
        }
        else
        {
            roundNs.recordValue(HotRecorders.clamp(clock.nanoTime() - arrivedNs));
        }
    }

    private void finishBlock(final long arrivedNs, final long originTimestampNs)
    {
        final PatchDecoding patch = this.patch;
        final long block = patch.currentBlock();
        // Timed inside the decoder, window by window where each is decoded: the final window runs inside the last
        // round's addRound, so timing the block's end here would time a field read.
        final long decodeNs = patch.decodeNs();
        // A block that does not follow the last one finished leaves the frame without the flips of those between.
        final int flags = patch.blockFlags() | (patch.followsLastBlock() ? 0 : LogicalStateFlags.INCOMPLETE);
        // Never reset: the state carries the qubit's frame with this block folded in.
        frame.foldObservableFlips(0, patch.flips());
        final long frameBits = frame.observableFlips(0);
        final int length = writer.encode(state, 0, nodeId, patch.logicalQubit(), block, frameBits,
            patch.roundsDecoded(), originTimestampNs, decodeNs, flags);
        out.send(state, 0, length);
        if (journal != null)
        {
            journal.offerState(state, 0, length);
        }
        final long reactionNs = clock.nanoTime() - arrivedNs;
        telemetry.offer(block, reactionNs, decodeNs, patch.lastWindowNs(), flags);
        counters.maxReactionNs.proposeMaxOrdered(reactionNs);
        counters.blocksOut.incrementOrdered();
        if (journal != null && ++blocksSinceCheckpoint >= checkpointEvery)
        {
            checkpoint();
        }
    }

    /**
     * Journal every frame (accepted rounds, rejected frames with their reason) and every state offered, with a
     * checkpoint every so many blocks. Call before the agent starts, or with null to stop journaling.
     *
     * @param handOff         the journal thread's hand-off; null for none.
     * @param checkpointEvery blocks between checkpoints.
     * @return this agent.
     */
    public NodeAgent journal(final JournalHandOff handOff, final int checkpointEvery)
    {
        this.journal = handOff;
        this.checkpointEvery = checkpointEvery;
        return this;
    }

    /**
     * Hand a checkpoint to the journal if the node is between blocks, where the decoder window is empty and the
     * state is whole: the last block finished and the logical qubit's frame after it.
     *
     * @return true if a checkpoint was handed over.
     */
    public boolean checkpoint()
    {
        if (journal == null || !patch.betweenBlocks())
        {
            return false;
        }
        blocksSinceCheckpoint = 0;
        return journal.offerCheckpoint(patch.lastBlockFinished(), frame.observableFlips(0));
    }

    /**
     * Restore the state a checkpoint recorded, between blocks: before any round is handed in, or (a replay taking
     * the journal's frame after a state it could not reproduce) right after a block finished.
     *
     * @param lastBlock the last block finished, -1 for none.
     * @param frameBits the logical qubit's frame after that block, carried into the next.
     */
    public void restore(final long lastBlock, final long frameBits)
    {
        patch.restore(lastBlock);
        frame.reset(0);
        frame.foldObservableFlips(0, frameBits & (LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP));
    }

    /** @return true between blocks: no round of an unfinished block is held. */
    public boolean betweenBlocks()
    {
        return patch.betweenBlocks();
    }

    /** @return the block in hand, or the last one finished when between blocks. */
    public long currentBlock()
    {
        return patch.currentBlock();
    }

    /** @return rounds of the block in hand added so far (0 between blocks). */
    public int roundsInHand()
    {
        return patch.roundsInHand();
    }

    @Override
    public String roleName()
    {
        return "qec-node-" + nodeId;
    }
}
