package io.qecnode.node.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.frame.ChainFlags;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.pauli.ChainCorrection;
import io.qecnode.pauli.LogicalFrame;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.qecnode.io.chain.ChainStreams.LEFT;
import static io.qecnode.io.chain.ChainStreams.RIGHT;
import static io.qecnode.node.chain.ChainRig.DEADLINE_NS;
import static io.qecnode.node.chain.ChainRig.ROUNDS_PER_BLOCK;
import static io.qecnode.node.chain.ChainRig.SEND_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each role of a chain node on its own, frames handed straight to its handlers: what it sends for each epoch, when,
 * and with which flags when a piece is late or missing.
 */
class ChainNodeAgentTest
{
    private static final int REPEATER_ID = 1;
    private static final int B_ID = 2;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final Random random = new Random(12);

    @Test
    void shouldStartEachEpochAtAWithNoCorrectionHopOneAndItsLastRoundsEmitTime()
    {
        final ChainRig a = new ChainRig(ChainRole.FIRST_END, 0, clock);
        for (int epoch = 0; epoch < 20; epoch++)
        {
            final long mask = random.nextInt(4);
            final long lastEmitNs = a.lastRoundEmitNs();
            a.block(RIGHT, epoch, mask);

            assertEquals(epoch + 1, a.states.size(), "one state per epoch, sent at the block's end");
            final LogicalStateView state = a.states.last();
            assertChainFields(state, epoch, 0, 1, 1, ChainCorrection.NONE, 0);
            assertEquals(1, state.logicalQubit(), "A's patch R_0");
            assertEquals(mask, state.frameBits());
            assertEquals(lastEmitNs, state.originTimestampNs());
            assertEquals(ROUNDS_PER_BLOCK, state.roundsDecoded());

            final LogicalStateView report = a.reports.last();
            assertEquals(epoch + 1, a.reports.size());
            assertEquals(1, report.logicalQubit());
            assertEquals(mask, report.frameBits());
            assertEquals(LogicalStateWriter.NO_NODE, report.destinationNode());
            assertEquals(ChainCorrection.NONE, report.chainCorrection());
        }
        assertEquals(20, a.counters.epochsClosed());
    }

    @Test
    void shouldForwardWhatTheSwapGivesOnceTheLastOfTheEpochsFourPiecesArrivesInAnyOrder()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        final List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
        for (int epoch = 0; epoch < 200; epoch++)
        {
            final long left = random.nextInt(4);
            final long right = random.nextInt(4);
            final boolean xx = random.nextBoolean();
            final boolean zz = random.nextBoolean();
            final long received = random.nextInt(4);
            final int receivedFlags = random.nextInt(8) == 0 ? ChainFlags.EPOCH_INCOMPLETE : 0;
            Collections.shuffle(order, random);
            for (int i = 0; i < 4; i++)
            {
                assertEquals(epoch, repeater.states.size(), "nothing forwarded before the last piece, epoch " + epoch);
                deliverPiece(repeater, order.get(i), epoch, left, right, xx, zz, received, receivedFlags);
            }

            assertEquals(epoch + 1, repeater.states.size());
            final long expected = swap(received, left, right, xx, zz);
            final LogicalStateView state = repeater.states.last();
            assertChainFields(state, epoch, REPEATER_ID, B_ID, REPEATER_ID + 1, expected, receivedFlags);
            assertEquals(3, state.logicalQubit(), "R_1");
            assertEquals(right, state.frameBits());
            assertEquals(2 * ROUNDS_PER_BLOCK, state.roundsDecoded(), "both patches' rounds");

            assertEquals(2 * (epoch + 1), repeater.reports.size(), "a report per patch");
            final LogicalStateView leftReport = repeater.reports.get(2 * epoch);
            final LogicalStateView rightReport = repeater.reports.get(2 * epoch + 1);
            assertEquals(2, leftReport.logicalQubit());
            assertEquals(left, leftReport.frameBits());
            assertEquals(3, rightReport.logicalQubit());
            assertEquals(right, rightReport.frameBits());
            assertEquals(expected, leftReport.chainCorrection(), "a repeater reports the correction it forwarded");
            assertEquals(expected, rightReport.chainCorrection());
            assertEquals(receivedFlags, rightReport.chainFlags());
        }
        assertEquals(200, repeater.counters.epochsClosed());
        assertEquals(0, repeater.counters.epochsIncomplete() + repeater.counters.epochsFailed());
    }

    @Test
    void shouldCompleteEachEpochAtBWithItsDecodedFlipsTimesTheCorrection()
    {
        final SingleWriterRecorder epochEnd = HotRecorders.newRecorder();
        final ChainRig b = new ChainRig(ChainRole.LAST_END, B_ID, clock, null, context ->
            context.epochEndRecorder(epochEnd));
        int whole = 0;
        for (int epoch = 0; epoch < 100; epoch++)
        {
            final long decoded = random.nextInt(4);
            final long received = random.nextInt(4);
            final int receivedFlags = epoch % 10 == 3 ? ChainFlags.EPOCH_FAILED : 0;
            whole += receivedFlags == 0 ? 1 : 0;
            if (random.nextBoolean())
            {
                b.leftState(epoch, received, receivedFlags);
                b.block(LEFT, epoch, decoded);
            }
            else
            {
                b.block(LEFT, epoch, decoded);
                b.leftState(epoch, received, receivedFlags);
            }

            assertEquals(epoch + 1, b.reports.size());
            final LogicalStateView report = b.reports.last();
            assertEquals(decoded ^ received, b.agent.lastFinalFrame());
            assertEquals(decoded, report.frameBits(), "B reports its own flips before the correction");
            assertEquals(received, report.chainCorrection(), "and the correction it received");
            assertEquals(4, report.logicalQubit(), "L_2");
            assertEquals(receivedFlags, report.chainFlags());
            assertEquals(B_ID, report.hopCount(), "as received");
        }
        assertEquals(0, b.states.size(), "B has no right neighbour");
        assertEquals(whole, epochEnd.getIntervalHistogram().getTotalCount(), "epoch end timed for whole epochs");
    }

    @Test
    void shouldTimeTheHopFromTheLeftStateInToTheStateSentWhenTheLeftStateCameLast()
    {
        final SingleWriterRecorder hop = HotRecorders.newRecorder();
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock, null, context ->
            context.hopRecorder(hop));
        for (int epoch = 0; epoch < 10; epoch++)
        {
            repeater.block(LEFT, epoch, 0);
            repeater.block(RIGHT, epoch, 0);
            repeater.bell(epoch, false, false);
            repeater.leftState(epoch, 0, 0);
        }
        // The left state first: the epoch's last piece is then the Bell measurement, which the hop does not time.
        repeater.leftState(10, 0, 0);
        repeater.block(LEFT, 10, 0);
        repeater.block(RIGHT, 10, 0);
        repeater.bell(10, false, false);

        assertEquals(11, repeater.states.size());
        final Histogram histogram = hop.getIntervalHistogram();
        assertEquals(10, histogram.getTotalCount());
        assertEquals(SEND_NS, histogram.getMaxValue(), "the hop is the send, on the test's clock");
        assertEquals(SEND_NS, histogram.getMinValue());
    }

    @Test
    void shouldForwardWithTheOwnSwapAloneAndFlagIncompleteWhenTheLeftStateMissesTheDeadline()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.block(LEFT, 0, 1);
        final long openedNs = clock.nanoTime();
        repeater.block(RIGHT, 0, 2);
        repeater.bell(0, true, false);
        repeater.agent.doWork();
        clock.update(openedNs + DEADLINE_NS - 1);
        repeater.agent.doWork();
        assertEquals(0, repeater.states.size(), "still waiting within the deadline");

        clock.update(openedNs + DEADLINE_NS);
        repeater.agent.doWork();

        assertEquals(1, repeater.states.size());
        assertChainFields(repeater.states.last(), 0, REPEATER_ID, B_ID, REPEATER_ID + 1,
            swap(ChainCorrection.NONE, 1, 2, true, false), ChainFlags.EPOCH_INCOMPLETE);
        assertEquals(1, repeater.counters.epochsIncomplete());
        assertEquals(0, repeater.counters.epochsFailed());

        repeater.leftState(0, 3, 0);
        assertEquals(1, repeater.states.size(), "the late state changes nothing");
        assertEquals(1, repeater.counters.refused(StateRefusal.OUT_OF_WINDOW));
    }

    @Test
    void shouldNotWaitForALeftStateThatCanNoLongerComeOnceALaterOneIsAccepted()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.block(LEFT, 0, 0);
        repeater.block(RIGHT, 0, 3);
        repeater.bell(0, false, true);
        repeater.leftState(1, 2, 0);

        assertEquals(1, repeater.states.size(), "epoch 0 closed at once, long before its deadline");
        assertChainFields(repeater.states.last(), 0, REPEATER_ID, B_ID, REPEATER_ID + 1,
            swap(ChainCorrection.NONE, 0, 3, false, true), ChainFlags.EPOCH_INCOMPLETE);
    }

    @Test
    void shouldFlagFailedButStillSwapWhenABlockLostRounds()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.leftState(0, 1, 0);
        repeater.rounds(LEFT, 0, 0, 0, ROUNDS_PER_BLOCK, 1);
        repeater.block(RIGHT, 0, 0);
        repeater.bell(0, true, true);

        final LogicalStateView state = repeater.states.last();
        assertChainFields(state, 0, REPEATER_ID, B_ID, REPEATER_ID + 1, swap(1, 0, 0, true, true),
            ChainFlags.EPOCH_FAILED);
        assertTrue((state.flags() & LogicalStateFlags.INCOMPLETE) != 0, "the lost round shows in the block flags");
        assertEquals(LogicalStateFlags.INCOMPLETE, repeater.reports.get(0).flags() & LogicalStateFlags.INCOMPLETE);
        assertEquals(1, repeater.counters.epochsFailed());
        assertEquals(1, repeater.counters.decoding().roundsLost());
    }

    @Test
    void shouldFlagFailedAndPassTheLeftCorrectionOnUntouchedWhenABlockNeverEnded()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.leftState(0, 2, 0);
        repeater.rounds(LEFT, 0, 1, 0, ROUNDS_PER_BLOCK - 1, -1);
        repeater.block(RIGHT, 0, 1);
        repeater.bell(0, false, true);
        repeater.agent.doWork();
        assertEquals(0, repeater.states.size(), "L_1's block 0 may still end");

        // L_1's next block starts: block 0 is abandoned, so epoch 0 can close now, without waiting for the deadline.
        repeater.rounds(LEFT, 1, 0, 0, 1, -1);
        repeater.agent.doWork();

        assertEquals(1, repeater.states.size());
        assertChainFields(repeater.states.last(), 0, REPEATER_ID, B_ID, REPEATER_ID + 1, 2, ChainFlags.EPOCH_FAILED);
        assertEquals(0, repeater.reports.get(0).frameBits(), "no flips for the block that never ended");
        assertEquals(1, repeater.counters.epochsFailed());
    }

    @Test
    void shouldFlagFailedWhenNothingOfItsOwnCameForAnEpochByTheDeadline()
    {
        // A node restarted mid-run: its neighbour's state for an epoch whose rounds it never saw.
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.leftState(0, 3, ChainFlags.EPOCH_INCOMPLETE);
        clock.advance(DEADLINE_NS);
        repeater.agent.doWork();

        assertEquals(1, repeater.states.size());
        assertChainFields(repeater.states.last(), 0, REPEATER_ID, B_ID, REPEATER_ID + 1, 3,
            ChainFlags.EPOCH_INCOMPLETE | ChainFlags.EPOCH_FAILED);
        assertEquals(1, repeater.counters.epochsFailed());
        assertEquals(0, repeater.counters.epochsIncomplete(), "the incomplete flag came from the left");
    }

    @Test
    void shouldForwardInEpochOrderWhenLeftStatesComeEarlyOrLate()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        // Early: the left states of epochs 0 and 1 before any own piece.
        repeater.leftState(0, 1, 0);
        repeater.leftState(1, 2, 0);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            repeater.block(LEFT, epoch, 0);
            repeater.block(RIGHT, epoch, 0);
            repeater.bell(epoch, false, false);
        }
        assertEquals(2, repeater.states.size(), "epochs 2 and 3 wait for their left states");
        // Late: the left states of epochs 2 and 3 after all own pieces.
        repeater.leftState(2, 3, 0);
        repeater.leftState(3, 0, 0);

        final long[] corrections = {1, 2, 3, 0};
        assertEquals(4, repeater.states.size());
        for (int epoch = 0; epoch < 4; epoch++)
        {
            assertChainFields(repeater.states.get(epoch), epoch, REPEATER_ID, B_ID, REPEATER_ID + 1,
                corrections[epoch], 0);
        }
    }

    @Test
    void shouldCloseTheOldestEpochsEarlyWhenItsOwnPiecesRunAWindowAhead()
    {
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock, null, context ->
            context.epochWindow(4));
        for (int epoch = 0; epoch < 6; epoch++)
        {
            repeater.block(LEFT, epoch, 0);
            repeater.block(RIGHT, epoch, 0);
            repeater.bell(epoch, false, false);
        }

        assertEquals(2, repeater.states.size(), "epochs 4 and 5 made room by closing 0 and 1");
        for (int epoch = 0; epoch < 2; epoch++)
        {
            assertChainFields(repeater.states.get(epoch), epoch, REPEATER_ID, B_ID, REPEATER_ID + 1,
                ChainCorrection.NONE, ChainFlags.EPOCH_INCOMPLETE);
        }
        assertEquals(2, repeater.counters.epochsOverrun());
        repeater.leftState(2, 1, 0);
        assertEquals(3, repeater.states.size());
        assertChainFields(repeater.states.last(), 2, REPEATER_ID, B_ID, REPEATER_ID + 1, 1, 0);
    }

    @Test
    void shouldTakeAnOlderEpochThatTurnsUpBeforeAnyEpochClosed()
    {
        // Just started: the left neighbour's state of epoch 3 comes first, then the own pieces of epoch 2.
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock);
        repeater.leftState(3, 2, 0);
        for (int epoch = 2; epoch < 4; epoch++)
        {
            repeater.block(LEFT, epoch, 0);
            repeater.block(RIGHT, epoch, 0);
            repeater.bell(epoch, false, false);
        }

        assertEquals(2, repeater.states.size());
        assertChainFields(repeater.states.get(0), 2, REPEATER_ID, B_ID, REPEATER_ID + 1, ChainCorrection.NONE,
            ChainFlags.EPOCH_INCOMPLETE);
        assertChainFields(repeater.states.get(1), 3, REPEATER_ID, B_ID, REPEATER_ID + 1, 2, 0);
        assertEquals(0, repeater.counters.latePieces());
    }

    @Test
    void shouldValidateEachPatchsRoundsAgainstItsOwnCode()
    {
        final LongArrayFrameCounters rightFrames = new LongArrayFrameCounters();
        final CodeDescription wider = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 5, 5, 0.01);
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock, null, context ->
            context.right(new NodeContext().code(wider).frameCounters(rightFrames)));
        repeater.block(LEFT, 0, 0);
        repeater.block(RIGHT, 0, 0);

        assertEquals(ROUNDS_PER_BLOCK, rightFrames.value(FrameCounter.WRONG_DISTANCE), "d=3 rounds on a d=5 patch");
        assertEquals(0, rightFrames.value(FrameCounter.ACCEPTED));
        assertEquals(ROUNDS_PER_BLOCK, repeater.counters.decoding().roundsDecoded(), "the left patch's block only");
    }

    @Test
    void shouldCloseEveryEpochOnceInOrderWithFlagsThatSayWhichPiecesWereMissing()
    {
        // Each stream in epoch order, as the bus delivers it, some pieces lost, the four streams interleaved at
        // random; the deadline only flushes the end.
        // A window wide enough for how far the streams drift apart, so nothing is closed early or refused.
        final ChainRig repeater = new ChainRig(ChainRole.REPEATER, REPEATER_ID, clock, null, context ->
            context.epochWindow(1024));
        final int epochs = 300;
        final long[][] masks = new long[epochs][2];
        final boolean[][] delivered = new boolean[epochs][4];
        final long[] received = new long[epochs];
        final boolean[][] parities = new boolean[epochs][2];
        final int[] next = new int[4];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            masks[epoch][LEFT] = random.nextInt(4);
            masks[epoch][RIGHT] = random.nextInt(4);
            received[epoch] = random.nextInt(4);
            parities[epoch][0] = random.nextBoolean();
            parities[epoch][1] = random.nextBoolean();
            for (int piece = 0; piece < 4; piece++)
            {
                // Epoch 0 and the last are whole, so the first and the last epoch closed are known.
                delivered[epoch][piece] = epoch == 0 || epoch == epochs - 1 || random.nextInt(10) != 0;
            }
        }
        while (next[0] < epochs || next[1] < epochs || next[2] < epochs || next[3] < epochs)
        {
            final int piece = random.nextInt(4);
            final int epoch = next[piece];
            if (epoch == epochs)
            {
                continue;
            }
            next[piece]++;
            if (delivered[epoch][piece])
            {
                deliverPiece(repeater, piece, epoch, masks[epoch][LEFT], masks[epoch][RIGHT], parities[epoch][0],
                    parities[epoch][1], received[epoch], 0);
            }
        }
        clock.advance(DEADLINE_NS);
        repeater.agent.doWork();

        assertEquals(epochs, repeater.states.size());
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            final boolean[] pieces = delivered[epoch];
            final boolean own = pieces[0] && pieces[1] && pieces[2];
            final long from = pieces[3] ? received[epoch] : ChainCorrection.NONE;
            final long expected = own ?
                swap(from, masks[epoch][LEFT], masks[epoch][RIGHT], parities[epoch][0], parities[epoch][1]) : from;
            final int flags = (pieces[3] ? 0 : ChainFlags.EPOCH_INCOMPLETE) | (own ? 0 : ChainFlags.EPOCH_FAILED);
            assertChainFields(repeater.states.get(epoch), epoch, REPEATER_ID, B_ID, REPEATER_ID + 1, expected,
                flags);
        }
    }

    // Pieces: 0 the left patch's block, 1 the right patch's, 2 the Bell measurement, 3 the left state.
    private static void deliverPiece(
        final ChainRig rig, final int piece, final long epoch, final long left, final long right, final boolean xx,
        final boolean zz, final long received, final int receivedFlags)
    {
        switch (piece)
        {
            case 0 -> rig.block(LEFT, epoch, left);
            case 1 -> rig.block(RIGHT, epoch, right);
            case 2 -> rig.bell(epoch, xx, zz);
            default -> rig.leftState(epoch, received, receivedFlags);
        }
    }

    private static long swap(final long received, final long left, final long right, final boolean xx, final boolean zz)
    {
        final LogicalFrame frame = new LogicalFrame(2);
        frame.foldObservableFlips(0, left);
        frame.foldObservableFlips(1, right);
        return ChainCorrection.swap(received, frame, 0, 1, xx, zz);
    }

    private static void assertChainFields(
        final LogicalStateView state, final long epoch, final long source, final long destination, final int hop,
        final long correction, final int chainFlags)
    {
        assertTrue(state.hasChainFields());
        assertEquals(epoch, state.epoch(), "epoch");
        assertEquals(epoch, state.blockSequence(), "block sequence of epoch " + epoch);
        assertEquals(source, state.sourceNode(), "source of epoch " + epoch);
        assertEquals(source, state.nodeId(), "node of epoch " + epoch);
        assertEquals(destination, state.destinationNode(), "destination of epoch " + epoch);
        assertEquals(hop, state.hopCount(), "hop of epoch " + epoch);
        assertEquals(0, state.pathId(), "path of epoch " + epoch);
        assertEquals(correction, state.chainCorrection(), "correction of epoch " + epoch);
        assertEquals(chainFlags, state.chainFlags(), "chain flags of epoch " + epoch);
    }
}
