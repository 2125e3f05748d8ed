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
import io.qecnode.node.decode.DecodeWorkers;
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
 * With decode threads ({@link NodeContext#decodeThreads(int)}), this thread keeps the bookkeeping of blocks and
 * hands each round to the decode thread owning its block; each block's result comes back on that thread's result
 * ring and is folded here in block order, and the reaction time then includes both ring hops:
 * <pre>
 *   rounds --&gt; hot thread: validate, PatchDecoding --round ring k--&gt; decode thread k (block j, j mod N = k)
 *   states &lt;-- hot thread: fold in order, encode, send &lt;--result ring k-- decode thread k
 * </pre>
 * The node measures its backlog, rounds received but not yet decoded: rounds handed to the decode threads and not
 * yet taken, plus how far the rounds this thread handles lag behind the hardware ({@link RoundLag}). Blocks started
 * while it is over the bound are shed to the decoder's bounded fallback (flagged, counted) until it is back under
 * half the bound.
 * <p>
 * <b>Note:</b> single-threaded; nothing on this path allocates, locks or blocks (a full round ring waits for its
 * decode thread).
 */
public final class NodeAgent implements Agent, FrameHandler, AutoCloseable
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long CLOSE_FOLD_NS = 1_000_000_000L;

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
    private final DecodeWorkers workers;
    private final FoldQueue pending;
    private final RoundLag lag = new RoundLag();
    private final long backlogLimit;
    private boolean shedding;
    private JournalHandOff journal;
    private int checkpointEvery = Integer.MAX_VALUE;
    private int blocksSinceCheckpoint;

    // Built by NodeFactory from a concluded context: the one way a node is wired.
    NodeAgent(
        final NodeContext context, final FrameValidator validator, final BlockDecoder decoder,
        final DecodeWorkers workers)
    {
        this.subscriber = context.subscription() == null ? null : new FrameSubscriber(context.subscription(), this);
        this.validator = validator;
        this.workers = workers;
        this.pending = workers == null ? null : new FoldQueue(DecodeWorkers.PENDING_BLOCKS);
        this.backlogLimit = context.backlogLimitRounds();
        this.patch = new PatchDecoding(decoder, context.counters(), context.code().rounds().maxDetectorsPerRound(),
            workers != null);
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
        final int frames = subscriber == null ? 0 : subscriber.poll(FRAGMENT_LIMIT);
        final int work = workers == null ? frames : frames + foldResults();
        if (frames == 0 && subscriber != null)
        {
            // Nothing waiting: the hot thread is caught up, and only rounds with the decode threads are behind.
            final long backlog = workers == null ? 0 : workers.roundsInFlight();
            if (backlog != counters.backlogRounds.get())
            {
                counters.backlogRounds.setOrdered(backlog);
            }
        }
        return work;
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
        measureBacklog(arrivedNs, view.emitTimestampNs());
        if (!patch.onRound(view))
        {
            roundNs.recordValue(HotRecorders.clamp(clock.nanoTime() - arrivedNs));
        }
        else if (workers == null)
        {
            finishBlock(arrivedNs, view.emitTimestampNs());
        }
        else
        {
            handOver(arrivedNs, view.emitTimestampNs());
        }
    }

    // Before the round is added, so that a block this round starts is shed or not by the backlog up to it.
    private void measureBacklog(final long arrivedNs, final long emitNs)
    {
        final long backlog = lag.roundsBehind(arrivedNs, emitNs) + (workers == null ? 0 : workers.roundsInFlight());
        counters.backlogRounds.setOrdered(backlog);
        counters.maxBacklogRounds.proposeMaxOrdered(backlog);
        if (backlogLimit > 0)
        {
            // Hysteresis: shed from above the bound until back under half of it, not block by block at its edge.
            shedding = shedding ? backlog > backlogLimit / 2 : backlog > backlogLimit;
            patch.shed(shedding);
        }
    }

    private void finishBlock(final long arrivedNs, final long originTimestampNs)
    {
        final PatchDecoding patch = this.patch;
        // Timed inside the decoder, window by window where each is decoded: the final window runs inside the last
        // round's addRound, so timing the block's end here would time a field read.
        sendState(patch.currentBlock(), patch.logicalQubit(), patch.flips(), patch.roundsDecoded(),
            blockFlags(patch), arrivedNs, originTimestampNs, patch.decodeNs(), patch.lastWindowNs());
    }

    // A block that does not follow the last one finished leaves the frame without the flips of those between.
    private static int blockFlags(final PatchDecoding patch)
    {
        return patch.blockFlags() | (patch.followsLastBlock() ? 0 : LogicalStateFlags.INCOMPLETE);
    }

    // The block's rounds are all with its decode thread: keep what is known of it until its result comes back.
    private void handOver(final long arrivedNs, final long originTimestampNs)
    {
        while (pending.isFull())
        {
            if (foldResults() == 0)
            {
                Thread.onSpinWait();
            }
        }
        pending.add(patch.currentBlock(), patch.logicalQubit(), patch.roundsDecoded(), blockFlags(patch), arrivedNs,
            originTimestampNs, workers.currentWorker());
        roundNs.recordValue(HotRecorders.clamp(clock.nanoTime() - arrivedNs));
        foldResults();
    }

    // Fold every result that is back, in the order the blocks were handed over.
    private int foldResults()
    {
        final FoldQueue pending = this.pending;
        final DecodeWorkers workers = this.workers;
        int folded = 0;
        while (!pending.isEmpty() && workers.pollResult(pending.worker()))
        {
            int flags = pending.flags();
            if (workers.resultFallback())
            {
                flags |= LogicalStateFlags.FALLBACK;
                counters.blocksFallback.incrementOrdered();
            }
            counters.roundsDecoded.getAndAddOrdered(pending.rounds());
            sendState(pending.block(), pending.qubit(), workers.resultFlips(), pending.rounds(), flags,
                pending.arrivedNs(), pending.originNs(), workers.resultDecodeNs(), workers.resultLastWindowNs());
            pending.removeHead();
            folded++;
        }
        return folded;
    }

    private void sendState(
        final long block, final long qubit, final long flips, final int rounds, final int flags,
        final long arrivedNs, final long originTimestampNs, final long decodeNs, final long lastWindowNs)
    {
        // Never reset: the state carries the qubit's frame with this block folded in.
        frame.foldObservableFlips(0, flips & (LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP));
        final long frameBits = frame.observableFlips(0);
        final int length = writer.encode(state, 0, nodeId, qubit, block, frameBits, rounds, originTimestampNs,
            decodeNs, flags);
        out.send(state, 0, length);
        if (journal != null)
        {
            journal.offerState(state, 0, length);
        }
        final long reactionNs = clock.nanoTime() - arrivedNs;
        telemetry.offer(block, reactionNs, decodeNs, lastWindowNs, flags);
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
        if (journal == null || !betweenBlocks())
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

    /** @return true between blocks: no round of an unfinished block is held, and no result is awaited. */
    public boolean betweenBlocks()
    {
        return patch.betweenBlocks() && (pending == null || pending.isEmpty());
    }

    /**
     * Wait until every block handed to the decode threads has been folded and sent, or the timeout passes; for
     * whoever drains the node after its hot thread stopped. Returns at once without decode threads.
     *
     * @param timeoutNs longest wait.
     * @return true if no result is awaited.
     */
    public boolean awaitFolded(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (pending != null && !pending.isEmpty() && System.nanoTime() - deadline < 0)
        {
            if (foldResults() == 0)
            {
                Thread.onSpinWait();
            }
        }
        return pending == null || pending.isEmpty();
    }

    /**
     * Stop and join the decode threads, after folding what they still have (at most a second's wait). Call once the
     * hot thread has stopped and the subscription is drained; nothing to do without decode threads.
     */
    @Override
    public void close()
    {
        if (workers != null)
        {
            awaitFolded(CLOSE_FOLD_NS);
            workers.close();
        }
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
