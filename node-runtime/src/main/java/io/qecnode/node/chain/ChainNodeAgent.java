package io.qecnode.node.chain;

import io.aeron.Subscription;
import io.qecnode.io.auth.SealCheck;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateOpener;
import io.qecnode.io.auth.StateSealer;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.BellMeasurementView;
import io.qecnode.io.frame.ChainFlags;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.transport.FrameSubscriber;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.pipeline.PatchDecoding;
import io.qecnode.node.trust.AdmittedNodes;
import io.qecnode.pauli.ChainCorrection;
import io.qecnode.pauli.LogicalFrame;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The hot path of a repeater-chain node, run to completion on one thread: decode each patch's blocks, collect each
 * epoch's pieces (the left neighbour's state, the patches' blocks, a repeater's Bell measurement) in a ring of
 * preallocated epoch slots, and close the epochs in order, each once.
 * <ul>
 *     <li>A ({@link ChainRole#FIRST_END}) closes epoch k when R_0's block k is decoded: a state (hop 1, correction
 *     {@link ChainCorrection#NONE}, origin the emit time of the block's last round) and its report.</li>
 *     <li>A repeater closes epoch k with the left state, L_i's and R_i's blocks and the Bell measurement k, and
 *     forwards {@link ChainCorrection#swap} of them; then its reports of L_i and R_i.</li>
 *     <li>B ({@link ChainRole#LAST_END}) closes epoch k with the left state and L's block k: its frame of the epoch is
 *     its decoded flips times the correction ({@link ChainCorrection#complete}); its report carries both apart.</li>
 * </ul>
 * An epoch waits for a missing piece until its stream has moved past the epoch (the piece will not come: blocks, Bell
 * measurements and accepted left states arrive in epoch order) or until the neighbour deadline from when the epoch
 * opened. Then it closes with what it has: no left state adds {@link ChainFlags#EPOCH_INCOMPLETE} and the swap is
 * folded into {@link ChainCorrection#NONE}; an own piece missing, or a block decoded with lost rounds, adds
 * {@link ChainFlags#EPOCH_FAILED}, and the left correction goes on untouched when no swap is possible. An own piece
 * a whole window ahead of the oldest open epoch closes it early (counted as overrun). Left states are checked and
 * each refusal counted by its {@link StateRefusal}; Bell measurements are verified and bad ones counted. Nothing
 * refused ever reaches a frame, and nothing throws.
 * <p>
 * On authenticated links ({@link ChainNodeContext#authenticated()}) every state to the right is sealed with the right
 * link's newest session key ({@link StateSealer}; with no key up it is not sent, and counted), and a state from the
 * left is accepted only if it opens under the left link's keys ({@link StateOpener}) and its epoch is new: a genuine
 * state seen again is a replay. The cheap checks (length, checksum, source, destination, path) come before the MAC, so
 * a flood of forgeries costs little; the first refusal of each kind is kept for the cold thread to report.
 * <p>
 * Feed it by its subscriptions ({@link #doWork()}) or hand frames to its handlers ({@link #leftRoundsHandler()},
 * {@link #rightRoundsHandler()}, {@link #bellHandler()}, {@link #leftStatesHandler()}); {@link #doWork()} also
 * closes epochs whose deadline passed. Built by {@link ChainNodeFactory}.
 * <p>
 * <b>Note:</b> single-threaded; nothing on this path allocates, locks or blocks.
 */
public final class ChainNodeAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long NONE = EpochRing.NONE;
    private static final int LEFT = ChainStreams.LEFT;
    private static final int RIGHT = ChainStreams.RIGHT;

    private final ChainRole role;
    private final int nodeId;
    private final int leftNode;
    private final int rightNode;
    private final long pathId;
    private final long[] patchQubit = new long[2];
    private final FrameValidator[] validators;
    private final PatchDecoding[] patches;
    private final EpochRing ring;
    private final FrameSender stateSender;
    private final FrameSender reportSender;
    private final NanoClock clock;
    private final ChainCounters counters;
    private final SingleWriterRecorder hopRecorder;
    private final SingleWriterRecorder epochEndRecorder;
    private final FrameHandler leftRoundsHandler = (buffer, offset, length) -> onRound(LEFT, buffer, offset, length);
    private final FrameHandler rightRoundsHandler = (buffer, offset, length) -> onRound(RIGHT, buffer, offset, length);
    private final FrameHandler bellHandler = this::onBellMeasurement;
    private final FrameHandler leftStatesHandler = this::onLeftState;
    private final FrameSubscriber[] subscribers;
    private final SyndromeRoundView roundView = new SyndromeRoundView();
    private final BellMeasurementView bellView = new BellMeasurementView();
    private final LogicalStateView stateView = new LogicalStateView();
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final UnsafeBuffer outBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(SealedState.LENGTH));
    private final LogicalFrame frame = new LogicalFrame(2);
    private final EpochRing.Epochs epochs = new EpochRing.Epochs()
    {
        @Override
        public boolean settled(final EpochSlot slot)
        {
            return ChainNodeAgent.this.settled(slot);
        }

        @Override
        public void close(final EpochSlot slot, final long nowNs)
        {
            ChainNodeAgent.this.close(slot, nowNs);
        }
    };

    private final StateSealer sealer;
    private final StateOpener opener;
    private final SessionKeys leftKeys;
    private final AdmittedNodes admitted;
    private final FirstRefusals firstRefusals;

    private long lastLeftEpoch = NONE;
    private long lastBellEpoch = NONE;
    // The left state just accepted, while its epoch may close: its arrival starts the hop cost.
    private long hopEpoch = NONE;
    private long hopArrivalNs;
    private long lastFinalFrame;

    // Built by ChainNodeFactory from a concluded context: the one way a chain node is wired.
    ChainNodeAgent(final ChainNodeContext context, final FrameValidator[] validators, final PatchDecoding[] patches)
    {
        this.role = context.role();
        this.nodeId = context.nodeId();
        this.leftNode = context.leftNode();
        this.rightNode = context.rightNode();
        this.pathId = context.pathId();
        this.validators = validators;
        this.patches = patches;
        this.stateSender = context.stateSender();
        this.reportSender = context.reportSender();
        this.clock = context.clock();
        this.counters = context.counters();
        this.hopRecorder = context.hopRecorder();
        this.epochEndRecorder = context.epochEndRecorder();
        this.admitted = context.admittedNodes();
        this.leftKeys = context.leftKeys();
        this.sealer = context.rightKeys() == null ? null : new StateSealer(context.rightKeys());
        this.opener = leftKeys == null ? null : new StateOpener(leftKeys, context.keyOverlapNs());
        this.firstRefusals = context.firstRefusals();
        patchQubit[LEFT] = ChainStreams.logicalQubit(nodeId, LEFT);
        patchQubit[RIGHT] = ChainStreams.logicalQubit(nodeId, RIGHT);
        ring = new EpochRing(context.epochWindow(), context.neighbourDeadlineNs(), epochs, counters.epochsOverrun);
        final Subscription[] given = {context.leftRounds(), context.rightRounds(), context.bellMeasurements(),
            context.leftStates()};
        final FrameHandler[] handlers = {leftRoundsHandler, rightRoundsHandler, bellHandler, leftStatesHandler};
        int count = 0;
        for (final Subscription subscription : given)
        {
            count += subscription == null ? 0 : 1;
        }
        subscribers = new FrameSubscriber[count];
        count = 0;
        for (int i = 0; i < given.length; i++)
        {
            if (given[i] != null)
            {
                subscribers[count++] = new FrameSubscriber(given[i], handlers[i]);
            }
        }
    }

    @Override
    public int doWork()
    {
        int work = 0;
        final FrameSubscriber[] subscribers = this.subscribers;
        for (int i = 0; i < subscribers.length; i++)
        {
            work += subscribers[i].poll(FRAGMENT_LIMIT);
        }
        if (ring.anyOpen())
        {
            work += ring.advance(clock.nanoTime());
        }
        return work;
    }

    /** @return takes the left patch L_i's {@code SyndromeRound}s (ignored by A). */
    public FrameHandler leftRoundsHandler()
    {
        return leftRoundsHandler;
    }

    /** @return takes the right patch R_i's {@code SyndromeRound}s (ignored by B). */
    public FrameHandler rightRoundsHandler()
    {
        return rightRoundsHandler;
    }

    /** @return takes a repeater's {@code BellMeasurement}s (counted bad at A and B). */
    public FrameHandler bellHandler()
    {
        return bellHandler;
    }

    /** @return takes the left neighbour's states (refused as from the wrong source at A). */
    public FrameHandler leftStatesHandler()
    {
        return leftStatesHandler;
    }

    private void onRound(final int side, final DirectBuffer buffer, final int offset, final int length)
    {
        final FrameValidator validator = validators[side];
        if (validator == null || !validator.validate(buffer, offset, length).isAccepted())
        {
            return;
        }
        final SyndromeRoundView view = roundView.wrap(buffer, offset);
        final PatchDecoding patch = patches[side];
        if (patch.onRound(view))
        {
            counters.defectsCounter(side).getAndAddOrdered(patch.blockDefects());
            final long now = clock.nanoTime();
            final EpochSlot slot = ring.slotFor(patch.currentBlock(), now, true);
            if (slot == null || slot.hasBlock[side])
            {
                counters.latePieces.incrementOrdered();
                return;
            }
            slot.block(side, patch.flips(), patch.blockFlags(), patch.roundsDecoded(), patch.decodeNs(),
                view.emitTimestampNs());
            ring.advance(now);
        }
    }

    private void onBellMeasurement(final DirectBuffer buffer, final int offset, final int length)
    {
        final BellMeasurementView view = bellView;
        if (role != ChainRole.REPEATER || !view.wrapAndVerify(buffer, offset, length) ||
            view.sourceNode() != nodeId || view.leftQubit() != patchQubit[LEFT] ||
            view.rightQubit() != patchQubit[RIGHT] || view.epoch() < 0 || view.epoch() <= lastBellEpoch)
        {
            counters.badBell.incrementOrdered();
            return;
        }
        final long epoch = view.epoch();
        lastBellEpoch = epoch;
        final long now = clock.nanoTime();
        final EpochSlot slot = ring.slotFor(epoch, now, true);
        if (slot == null)
        {
            counters.latePieces.incrementOrdered();
            return;
        }
        slot.bell(view.xx(), view.zz());
        ring.advance(now);
    }

    private void onLeftState(final DirectBuffer buffer, final int offset, final int length)
    {
        final long now = clock.nanoTime();
        final StateRefusal refusal = check(buffer, offset, length, now);
        if (refusal != null)
        {
            refuse(refusal, buffer, offset, length);
            return;
        }
        final LogicalStateView view = stateView;
        final long epoch = view.epoch();
        final EpochSlot slot = ring.slotFor(epoch, now, false);
        if (slot == null)
        {
            refuse(StateRefusal.OUT_OF_WINDOW, buffer, offset, length);
            return;
        }
        lastLeftEpoch = epoch;
        counters.statesAccepted.incrementOrdered();
        slot.left(view.chainCorrection(), view.chainFlags() & ChainFlags.ALL, view.hopCount(),
            view.originTimestampNs());
        hopEpoch = epoch;
        hopArrivalNs = now;
        ring.advance(now);
        hopEpoch = NONE;
    }

    private void refuse(final StateRefusal refusal, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.refusedCounter(refusal).incrementOrdered();
        // Fields are readable once the frame passed its checksum: every refusal but these two comes after that.
        final boolean readable = refusal != StateRefusal.BAD_FRAME && role.hasLeft();
        firstRefusals.capture(refusal, length, readable ? stateView.sourceNode() : -1,
            readable ? stateView.epoch() : -1,
            length == SealedState.LENGTH ? SealedState.generation(buffer, offset) : SessionKeys.NO_GENERATION);
    }

    private StateRefusal check(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        final LogicalStateView view = stateView;
        if (!role.hasLeft())
        {
            return StateRefusal.WRONG_SOURCE;
        }
        final boolean sealed = opener != null && length == SealedState.LENGTH;
        final int frameLength = sealed ? LogicalStateWriter.FRAME_LENGTH : length;
        if (!view.wrapAndVerify(buffer, offset, frameLength) || !view.hasChainFields() || view.epoch() < 0 ||
            (view.chainCorrection() & ~(LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP)) != 0)
        {
            return StateRefusal.BAD_FRAME;
        }
        if (opener != null && !sealed)
        {
            return StateRefusal.NO_MAC;
        }
        final long source = view.sourceNode();
        if (source != leftNode)
        {
            return admitted == null || admitted.contains(source) ? StateRefusal.WRONG_SOURCE :
                StateRefusal.NOT_ADMITTED;
        }
        if (view.destinationNode() != nodeId)
        {
            return StateRefusal.WRONG_DESTINATION;
        }
        if (view.pathId() != pathId)
        {
            return StateRefusal.WRONG_PATH;
        }
        if (opener != null)
        {
            final StateRefusal sealRefusal = open(buffer, offset, length, view.epoch(), nowNs);
            if (sealRefusal != null)
            {
                return sealRefusal;
            }
            if (view.epoch() <= lastLeftEpoch)
            {
                return StateRefusal.REPLAYED;
            }
        }
        if (view.epoch() == lastLeftEpoch)
        {
            return StateRefusal.DUPLICATE;
        }
        if (view.epoch() < lastLeftEpoch)
        {
            return StateRefusal.REORDERED;
        }
        return null;
    }

    private StateRefusal open(
        final DirectBuffer buffer, final int offset, final int length, final long epoch, final long nowNs)
    {
        if (!admitted.contains(leftNode))
        {
            return StateRefusal.NOT_ADMITTED;
        }
        final SealCheck check = opener.open(buffer, offset, length, epoch, nowNs);
        switch (check)
        {
            case OPENED:
                return null;
            case NO_MAC:
                return StateRefusal.NO_MAC;
            case NOT_ADMITTED:
                return StateRefusal.NOT_ADMITTED;
            case OLD_KEY:
                return StateRefusal.OLD_KEY;
            case BAD_LENGTH:
                return StateRefusal.BAD_FRAME;
            default:
                return StateRefusal.WRONG_MAC;
        }
    }

    // True when no missing piece can still come: each one's stream has moved past the epoch.
    private boolean settled(final EpochSlot slot)
    {
        final long epoch = slot.epoch;
        if (role.hasLeft() && !slot.hasLeft && lastLeftEpoch <= epoch)
        {
            return false;
        }
        for (int side = LEFT; side <= RIGHT; side++)
        {
            if (role.hasSide(side) && !slot.hasBlock[side] && patches[side].currentBlock() <= epoch)
            {
                return false;
            }
        }
        return role != ChainRole.REPEATER || slot.hasBell || lastBellEpoch > epoch;
    }

    private void close(final EpochSlot slot, final long nowNs)
    {
        final long epoch = slot.epoch;
        boolean failed = role == ChainRole.REPEATER && !slot.hasBell;
        for (int side = LEFT; side <= RIGHT; side++)
        {
            // A block missing reads as incomplete, as does one decoded with lost rounds.
            failed |= role.hasSide(side) && (slot.flags[side] & LogicalStateFlags.INCOMPLETE) != 0;
        }
        final boolean incomplete = role.hasLeft() && !slot.hasLeft;
        final int chainFlags = slot.leftChainFlags | (incomplete ? ChainFlags.EPOCH_INCOMPLETE : 0) |
            (failed ? ChainFlags.EPOCH_FAILED : 0);
        final long received = slot.leftCorrection;
        counters.epochsClosed.incrementOrdered();
        if (incomplete)
        {
            counters.epochsIncomplete.incrementOrdered();
        }
        if (failed)
        {
            counters.epochsFailed.incrementOrdered();
        }
        if (role == ChainRole.FIRST_END)
        {
            final long originNs = slot.lastRoundNs[RIGHT];
            sendState(slot, ChainCorrection.NONE, chainFlags, 1, originNs);
            report(slot, RIGHT, ChainCorrection.NONE, chainFlags, 1, originNs);
        }
        else if (role == ChainRole.REPEATER)
        {
            long correction = received;
            if (slot.hasBlock[LEFT] && slot.hasBlock[RIGHT] && slot.hasBell)
            {
                frame.foldObservableFlips(LEFT, slot.flips[LEFT]);
                frame.foldObservableFlips(RIGHT, slot.flips[RIGHT]);
                correction = ChainCorrection.swap(received, frame, LEFT, RIGHT, slot.xx, slot.zz);
            }
            final int hop = slot.hasLeft ? slot.leftHop + 1 : nodeId + 1;
            final long originNs = slot.hasLeft ? slot.leftOriginNs : slot.lastRoundNs[RIGHT];
            sendState(slot, correction, chainFlags, hop, originNs);
            if (hopRecorder != null && epoch == hopEpoch)
            {
                hopRecorder.recordValue(HotRecorders.clamp(clock.nanoTime() - hopArrivalNs));
            }
            report(slot, LEFT, correction, chainFlags, hop, originNs);
            report(slot, RIGHT, correction, chainFlags, hop, originNs);
        }
        else
        {
            frame.reset(LEFT);
            frame.foldObservableFlips(LEFT, slot.flips[LEFT]);
            ChainCorrection.complete(received, frame, LEFT);
            lastFinalFrame = frame.observableFlips(LEFT);
            if (epochEndRecorder != null && chainFlags == 0)
            {
                epochEndRecorder.recordValue(HotRecorders.clamp(clock.nanoTime() - slot.leftOriginNs));
            }
            report(slot, LEFT, received, chainFlags, slot.leftHop, slot.leftOriginNs);
        }
    }

    private void sendState(
        final EpochSlot slot, final long correction, final int chainFlags, final int hop, final long originNs)
    {
        final long epoch = slot.epoch;
        final boolean bothSides = role == ChainRole.REPEATER;
        final int rounds = slot.rounds[RIGHT] + (bothSides ? slot.rounds[LEFT] : 0);
        final long decodeNs = slot.decodeNs[RIGHT] + (bothSides ? slot.decodeNs[LEFT] : 0);
        final int length = writer.encode(outBuffer, 0, nodeId, patchQubit[RIGHT], epoch, slot.flips[RIGHT], rounds,
            originNs, decodeNs, blocksFlags(slot), epoch, nodeId, rightNode, hop, pathId, correction, chainFlags);
        final int sealedLength = sealer == null ? length : sealer.seal(outBuffer, 0, length, epoch);
        if (sealedLength < 0)
        {
            counters.statesUnsealed.incrementOrdered();
            return;
        }
        stateSender.send(outBuffer, 0, sealedLength);
    }

    // The flags of the node's blocks together: any incomplete or fallback makes the whole so; clean only if all are.
    private int blocksFlags(final EpochSlot slot)
    {
        int any = 0;
        int all = LogicalStateFlags.CLEAN_BLOCK;
        for (int side = LEFT; side <= RIGHT; side++)
        {
            if (role.hasSide(side))
            {
                any |= slot.flags[side];
                all &= slot.flags[side];
            }
        }
        return (any & ~LogicalStateFlags.CLEAN_BLOCK) | all;
    }

    private void report(
        final EpochSlot slot, final int side, final long correction, final int chainFlags, final int hop,
        final long originNs)
    {
        if (reportSender == null)
        {
            return;
        }
        final long epoch = slot.epoch;
        final int length = writer.encode(outBuffer, 0, nodeId, patchQubit[side], epoch, slot.flips[side],
            slot.rounds[side], originNs, slot.decodeNs[side], slot.flags[side], epoch, nodeId,
            LogicalStateWriter.NO_NODE, hop, pathId, correction, chainFlags);
        reportSender.send(outBuffer, 0, length);
    }

    /**
     * @return the oldest epoch still open, or the next to open when none is; -1 before any piece arrived. Read on the
     *         agent's thread, or after it stopped.
     */
    public long nextEpoch()
    {
        return ring.nextEpoch();
    }

    /**
     * @return B's frame of its patch for the last epoch it closed: its decoded flips times the correction received,
     *         an observable-flip mask (0 at A and a repeater). Read on the agent's thread, or after it stopped.
     */
    public long lastFinalFrame()
    {
        return lastFinalFrame;
    }

    /** @return the node's counters. */
    public ChainCounters counters()
    {
        return counters;
    }

    @Override
    public String roleName()
    {
        return "qec-chain-node-" + nodeId;
    }
}
