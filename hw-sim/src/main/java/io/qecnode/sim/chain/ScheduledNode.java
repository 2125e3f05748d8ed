package io.qecnode.sim.chain;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.BellMeasurementWriter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One node's hardware on the round schedule: every slot the pacer grants, round r of each of the node's patches
 * (patches with fewer rounds than the epoch has slots are done early); after the epoch's last slot, the repeater's
 * Bell measurement and the node's truth record. Each stream passes its epoch's fault, if any.
 * <p>
 * <b>Note:</b> one thread; allocation-free per slot.
 */
final class ScheduledNode implements EpochTruthSink
{
    private final int nodeId;
    private final NodeHardware hardware;
    private final RoundPacer pacer;
    private final PatchRounds[] patches;
    private final int[] roundsPerBlock;
    private final int slotsPerEpoch;
    private final ChainFaultPlan faults;
    private final HardwareStream bell;
    private final FrameSender truthSender;
    private final BellMeasurementWriter bellWriter = new BellMeasurementWriter();
    private final UnsafeBuffer bellFrame = new UnsafeBuffer(new byte[BellMeasurementWriter.FRAME_LENGTH]);
    private final EpochTruth truthReader = new EpochTruth();
    private long epoch;
    private int slot;
    private long slotNs;
    private long truthsSent;
    private long truthsRefused;

    ScheduledNode(final ChainSimulatorContext ctx, final int nodeId, final SyndromeRoundWriter writer)
    {
        this.nodeId = nodeId;
        this.slotsPerEpoch = ctx.slotsPerEpoch();
        this.faults = ctx.faults();
        this.truthSender = ctx.truthSender();
        this.pacer = new RoundPacer(ctx.clock(), ctx.periodNs());
        final boolean repeater = nodeId > 0 && nodeId < ctx.linkCodes().length;
        final int first = nodeId == 0 ? ChainStreams.RIGHT : ChainStreams.LEFT;
        final int last = repeater || nodeId == 0 ? ChainStreams.RIGHT : ChainStreams.LEFT;
        patches = new PatchRounds[last - first + 1];
        for (int side = first; side <= last; side++)
        {
            final int link = side == ChainStreams.LEFT ? nodeId - 1 : nodeId;
            final FrameSender sender = ctx.roundSenders().roundsSender(nodeId, side);
            if (sender == null)
            {
                throw new IllegalStateException("no rounds sender for node " + nodeId + " side " + side +
                    ", roundSenders");
            }
            patches[side - first] = new PatchRounds(writer, sender, ctx.heldFrames(), nodeId, side,
                ctx.linkCodes()[link].distance(), ctx.linkCodes()[link].rounds().maxDetectorsPerRound());
        }
        hardware = ChainHardware.node(nodeId, ctx.linkCodes(), ctx.chainSeed(), ctx.burstFactor(),
            (node, logicalQubitId) -> patches[logicalQubitId - ChainStreams.logicalQubit(node, first)]);
        roundsPerBlock = new int[patches.length];
        for (int p = 0; p < patches.length; p++)
        {
            roundsPerBlock[p] = hardware.source(p).rounds().roundCount();
        }
        final FrameSender bellSender = repeater ? ctx.bellSenders().bellSender(nodeId) : null;
        if (repeater && bellSender == null)
        {
            throw new IllegalStateException("no Bell sender for node " + nodeId + ", bellSenders");
        }
        bell = repeater ?
            new HardwareStream(bellSender, ctx.heldFrames(), BellMeasurementWriter.FRAME_LENGTH) : null;
    }

    /** Start the schedule: the next slot is due at {@code nowNs}. */
    void start(final long nowNs)
    {
        pacer.start(nowNs);
    }

    /**
     * Release held frames that are due, then emit the next slot if it is due and the node has not reached its last
     * epoch.
     *
     * @param nowNs     the current time.
     * @param lastEpoch the node ends no epoch past this one, {@code Long.MAX_VALUE} for none.
     * @return work done: frames released plus slots emitted.
     */
    int doWork(final long nowNs, final long lastEpoch)
    {
        int work = 0;
        for (final PatchRounds patch : patches)
        {
            work += patch.stream.release(nowNs);
        }
        if (bell != null)
        {
            work += bell.release(nowNs);
        }
        if (epoch > lastEpoch || isBlocked() || !pacer.isDue(nowNs))
        {
            return work;
        }
        slotNs = pacer.periodNs() == 0 ? nowNs : pacer.nextDeadlineNs() - pacer.periodNs();
        if (slot == 0)
        {
            beginEpoch();
        }
        for (int p = 0; p < patches.length; p++)
        {
            if (slot < roundsPerBlock[p])
            {
                patches[p].slotNs = slotNs;
                hardware.emitRound(p);
            }
        }
        if (++slot == slotsPerEpoch)
        {
            slot = 0;
            // Every block of the epoch is complete: runEpoch only measures and hands the record to onEpochTruth.
            hardware.runEpoch(this);
            epoch++;
        }
        return work + 1;
    }

    @Override
    public void onEpochTruth(final DirectBuffer buffer, final int offset, final int length)
    {
        final EpochTruth truth = truthReader.wrap(buffer, offset);
        if (truth.measured())
        {
            final int frameLength = bellWriter.encode(bellFrame, 0, nodeId,
                ChainStreams.logicalQubit(nodeId, ChainStreams.LEFT),
                ChainStreams.logicalQubit(nodeId, ChainStreams.RIGHT), truth.epoch(), slotNs, truth.rawXx(),
                truth.rawZz());
            bell.offer(bellFrame, 0, frameLength, slotNs);
        }
        if (truthSender.send(buffer, offset, length))
        {
            truthsSent++;
        }
        else
        {
            truthsRefused++;
        }
    }

    private void beginEpoch()
    {
        for (final PatchRounds patch : patches)
        {
            patch.stream.fault(faults.faultNs(nodeId, patch.side, epoch));
        }
        if (bell != null)
        {
            bell.fault(faults.faultNs(nodeId, ChainFaultPlan.BELL, epoch));
        }
    }

    private boolean isBlocked()
    {
        for (final PatchRounds patch : patches)
        {
            if (patch.stream.isBlocked())
            {
                return true;
            }
        }
        return bell != null && bell.isBlocked();
    }

    /** Send every frame still held. */
    void flush()
    {
        for (final PatchRounds patch : patches)
        {
            patch.stream.flush();
        }
        if (bell != null)
        {
            bell.flush();
        }
    }

    /** @return true when no frame is held back. */
    boolean isIdle()
    {
        for (final PatchRounds patch : patches)
        {
            if (!patch.stream.isIdle())
            {
                return false;
            }
        }
        return bell == null || bell.isIdle();
    }

    /**
     * @return epochs ended so far.
     */
    long epochsCompleted()
    {
        return epoch;
    }

    /** @return true between epochs: no round of the next epoch is out yet. */
    boolean atEpochBoundary()
    {
        return slot == 0;
    }

    RoundPacer pacer()
    {
        return pacer;
    }

    NodeHardware hardware()
    {
        return hardware;
    }

    int patchCount()
    {
        return patches.length;
    }

    HardwareStream roundsStream(final int patch)
    {
        return patches[patch].stream;
    }

    HardwareStream bellStream()
    {
        return bell;
    }

    long truthsSent()
    {
        return truthsSent;
    }

    long truthsRefused()
    {
        return truthsRefused;
    }

    /** A patch's rounds as {@code SyndromeRound} frames, stamped with their slot. */
    private static final class PatchRounds implements RoundSink
    {
        private final SyndromeRoundWriter writer;
        private final HardwareStream stream;
        private final UnsafeBuffer frame;
        private final int sourceNode;
        private final int side;
        private final int logicalQubit;
        private final int distance;
        private long sequence;
        private long slotNs;

        PatchRounds(
            final SyndromeRoundWriter writer,
            final FrameSender sender,
            final int heldFrames,
            final int sourceNode,
            final int side,
            final int distance,
            final int maxDetectorsPerRound)
        {
            final int maxFrameLength = SyndromeRoundWriter.frameLength(maxDetectorsPerRound);
            this.writer = writer;
            this.stream = new HardwareStream(sender, heldFrames, maxFrameLength);
            this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(maxFrameLength));
            this.sourceNode = sourceNode;
            this.side = side;
            this.logicalQubit = ChainStreams.logicalQubit(sourceNode, side);
            this.distance = distance;
        }

        @Override
        public void onRound(
            final long blockIndex,
            final int roundIndex,
            final boolean endOfBlock,
            final long[] detectorWords,
            final int detectorCount)
        {
            // A dropped round still takes its sequence number: the receiver sees the gap, as on a lossy link.
            final int length = writer.encode(frame, 0, sourceNode, logicalQubit, sequence++, blockIndex, roundIndex,
                endOfBlock, distance, Basis.Z, slotNs, detectorWords, detectorCount);
            stream.offer(frame, 0, length, slotNs);
        }

        @Override
        public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
        {
        }
    }
}
