package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.BellMeasurementView;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.sim.source.SyndromeSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qecnode.io.chain.ChainStreams.LEFT;
import static io.qecnode.io.chain.ChainStreams.RIGHT;
import static io.qecnode.sim.chain.FrameLog.TRUTH;
import static io.qecnode.sim.chain.FrameLog.bell;
import static io.qecnode.sim.chain.FrameLog.rounds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainSimulatorAgentTest
{
    private static final long SEED = 0xC4A1_5EEDL;
    private static final long PERIOD_NS = 1_000;
    private static final long START_NS = 1_000_000;
    // Logical flips in a sizeable share of blocks, so the raw parities move away from the ideal ones.
    private static final CodeDescription D3 = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.04);
    private static final CodeDescription[] LINKS = {D3, D3};
    private static final int ROUNDS = D3.rounds().roundCount();

    private final long[] now = {START_NS};

    @Test
    void shouldSendEachPatchsRoundsInOrderThenTheBellThenTheTruthOfEveryEpoch()
    {
        final int epochs = 40;
        final FrameLog log = new FrameLog(() -> now[0]);
        final ChainSimulatorAgent agent = log.senders(context()).periodNs(0).epochLimit(epochs).newAgent();
        runUntilDone(agent, 0);

        for (int node = 0; node <= 2; node++)
        {
            for (final int side : sides(node))
            {
                final List<FrameLog.Entry> frames = log.of(rounds(node, side));
                assertEquals(epochs * ROUNDS, frames.size(), rounds(node, side));
                for (int i = 0; i < frames.size(); i++)
                {
                    final SyndromeRoundView round = frames.get(i).round();
                    assertTrue(round.isChecksumValid());
                    assertEquals(node, round.sourceNode());
                    assertEquals(ChainStreams.logicalQubit(node, side), round.logicalQubit());
                    assertEquals(i, round.sequence());
                    assertEquals(i / ROUNDS, round.blockIndex());
                    assertEquals(i % ROUNDS, round.roundIndex());
                    assertEquals(i % ROUNDS == ROUNDS - 1, round.endOfBlock());
                    assertEquals(3, round.distance());
                    assertEquals(Basis.Z, round.basis());
                }
            }
            final List<EpochTruth> truths = log.truths(node);
            assertEquals(epochs, truths.size(), "one truth record per node and epoch");
            for (int k = 0; k < epochs; k++)
            {
                assertEquals(k, truths.get(k).epoch());
            }
        }
        assertTrue(log.of(bell(0)).isEmpty() && log.of(bell(2)).isEmpty(), "end nodes measure nothing");

        // The repeater's Bell measurement of epoch k follows both its patches' last rounds of k and carries the raw
        // parities of its truth record of k.
        int flippedParities = 0;
        final List<EpochTruth> repeaterTruths = log.truths(1);
        for (int k = 0; k < epochs; k++)
        {
            final int bellAt = indexOf(log, bell(1), k);
            final BellMeasurementView bell = log.entries.get(bellAt).bell();
            assertEquals(k, bell.epoch());
            assertEquals(1, bell.sourceNode());
            assertEquals(2, bell.leftQubit());
            assertEquals(3, bell.rightQubit());
            assertTrue(lastRoundAt(log, rounds(1, LEFT), k) < bellAt, "epoch " + k);
            assertTrue(lastRoundAt(log, rounds(1, RIGHT), k) < bellAt, "epoch " + k);
            final EpochTruth truth = repeaterTruths.get(k);
            assertEquals(truth.rawXx(), bell.xx(), "epoch " + k);
            assertEquals(truth.rawZz(), bell.zz(), "epoch " + k);
            flippedParities += truth.rawXx() != truth.idealXx() || truth.rawZz() != truth.idealZz() ? 1 : 0;
        }
        assertTrue(flippedParities > 0, "the noise must flip some parity for the check to mean anything");
        assertEquals(epochs, log.of(bell(1)).size());
        assertEquals(3L * epochs, agent.truthsSent());
        assertEquals(epochs, agent.bellsSent());
        assertEquals(4L * epochs * ROUNDS, agent.roundsSent());

        // The truth is the chain hardware's own for the seed, epoch by epoch.
        final ChainHardware chain = new ChainHardware(LINKS, SEED, SyndromeSource.BURST_FACTOR_DEFAULT,
            ChainHardware.PatchRounds.DISCARD);
        final List<FrameLog.Entry> truths = log.of(TRUTH);
        final int[] at = {0};
        for (int k = 0; k < epochs; k++)
        {
            chain.runEpoch((buffer, offset, length) ->
            {
                final byte[] expected = new byte[length];
                buffer.getBytes(offset, expected);
                assertArrayEquals(expected, truths.get(at[0]++).bytes());
            });
        }
    }

    @Test
    void shouldSendTheSameFramesAndTruthForANodeRunAloneAsInTheWholeChain()
    {
        final int epochs = 25;
        final FrameLog whole = new FrameLog(() -> now[0]);
        runUntilDone(whole.senders(context()).epochLimit(epochs).newAgent(), PERIOD_NS);
        for (int n = 0; n <= 2; n++)
        {
            final int node = n;
            now[0] = START_NS;
            final FrameLog alone = new FrameLog(() -> now[0]);
            runUntilDone(alone.senders(context()).epochLimit(epochs).nodes(node).newAgent(), PERIOD_NS);
            for (final String stream : List.of(rounds(node, LEFT), rounds(node, RIGHT), bell(node)))
            {
                assertSameFrames(whole.of(stream), alone.of(stream), stream);
            }
            assertFalse(alone.truths(node).isEmpty());
            assertSameFrames(whole.of(TRUTH).stream().filter(e -> e.truth().node() == node).toList(),
                alone.of(TRUTH), "truth of node " + node);
        }
    }

    @Test
    void shouldSendNoSlotBeforeItIsDueAndStampEveryFrameWithItsSlot()
    {
        // Blocks of 3 and 5 rounds: an epoch is the longer block's slots, the shorter block ends early.
        final CodeDescription longer = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 5, 0.04);
        final int slots = longer.rounds().roundCount();
        final int epochs = 6;
        final FrameLog log = new FrameLog(() -> now[0]);
        final ChainSimulatorAgent agent = log.senders(new ChainSimulatorContext().linkCodes(D3, longer)
            .chainSeed(SEED).clock(() -> now[0]).periodNs(PERIOD_NS).epochLimit(epochs)).newAgent();
        runUntilDone(agent, PERIOD_NS / 4);

        for (final FrameLog.Entry entry : log.entries)
        {
            final long stampNs = entry.stream().startsWith("rounds") ? entry.round().emitTimestampNs() :
                entry.stream().startsWith("bell") ? entry.bell().emitTimestampNs() : Long.MIN_VALUE;
            assertTrue(stampNs <= entry.sentNs(), "sent before its slot: " + entry.stream());
        }
        for (int node = 0; node <= 2; node++)
        {
            for (final int side : sides(node))
            {
                for (final FrameLog.Entry entry : log.of(rounds(node, side)))
                {
                    final SyndromeRoundView round = entry.round();
                    final long slot = round.blockIndex() * slots + round.roundIndex();
                    assertEquals(START_NS + slot * PERIOD_NS, round.emitTimestampNs(), entry.stream());
                    assertTrue(entry.sentNs() - round.emitTimestampNs() < PERIOD_NS / 4 + 1, "sent on time");
                }
            }
        }
        // Link 0 (node 0 right, node 1 left) has the short blocks: they end early in the epoch.
        assertTrue(ROUNDS < slots);
        assertEquals(START_NS + (slots + ROUNDS - 1) * PERIOD_NS,
            log.of(rounds(1, LEFT)).get(2 * ROUNDS - 1).round().emitTimestampNs());
        for (final FrameLog.Entry entry : log.of(bell(1)))
        {
            final BellMeasurementView bell = entry.bell();
            assertEquals(START_NS + ((bell.epoch() + 1) * slots - 1) * PERIOD_NS, bell.emitTimestampNs());
        }
        assertEquals(0, agent.lateSlots());
        assertEquals(0, agent.scheduleLagNs(now[0]));
    }

    @Test
    void shouldCatchUpBackToBackWithSlotStampsAndSayItFellBehind()
    {
        final FrameLog log = new FrameLog(() -> now[0]);
        final ChainSimulatorAgent agent = log.senders(context()).epochLimit(10).newAgent();
        agent.onStart();
        agent.doWork();
        // The thread is away for ten periods: the next slots are all overdue.
        now[0] += 10 * PERIOD_NS;
        assertEquals(9 * PERIOD_NS, agent.scheduleLagNs(now[0]));
        for (int i = 0; i < 10; i++)
        {
            agent.doWork();
        }
        assertTrue(agent.lateSlots() > 0, "lateSlots=" + agent.lateSlots());
        assertEquals(9 * PERIOD_NS, agent.maxLatenessNs());
        final List<FrameLog.Entry> left = log.of(rounds(1, LEFT));
        assertEquals(11, left.size(), "one slot per duty cycle while catching up");
        for (int i = 0; i < left.size(); i++)
        {
            assertEquals(START_NS + i * PERIOD_NS, left.get(i).round().emitTimestampNs(), "stamp of slot " + i);
        }
        assertEquals(0, agent.scheduleLagNs(now[0]));
        agent.doWork();
        assertEquals(11, log.of(rounds(1, LEFT)).size(), "caught up: the next slot is not due yet");
    }

    @Test
    void shouldStopEveryNodeAtTheSameEpochBoundaryWhenAsked()
    {
        final FrameLog log = new FrameLog(() -> now[0]);
        final ChainSimulatorAgent agent = log.senders(context()).periodNs(0).newAgent();
        agent.onStart();
        for (int i = 0; i < 3 * ROUNDS + 1; i++)
        {
            agent.doWork();
        }
        agent.requestStopAtEpochEnd();
        runUntilDone(agent, 0);

        assertEquals(4, agent.epochsCompleted());
        for (int node = 0; node <= 2; node++)
        {
            assertEquals(4, log.truths(node).size());
            for (final int side : sides(node))
            {
                final List<FrameLog.Entry> frames = log.of(rounds(node, side));
                assertEquals(4 * ROUNDS, frames.size());
                assertTrue(frames.get(frames.size() - 1).round().endOfBlock(), "blocks go out whole");
            }
        }
        assertEquals(4, log.of(bell(1)).size());
        assertEquals(0, agent.scheduleLagNs(now[0] + 1_000_000), "unpaced: no schedule to trail");
    }

    @Test
    void shouldDropAndDelayTheFramesThePlanNames()
    {
        final long delayNs = 7 * ROUNDS * PERIOD_NS;
        final ChainFaultPlan faults = ChainFaultPlan.NONE
            .dropRounds(1, LEFT, 2)
            .dropBell(1, 3)
            .delayBell(1, 4, delayNs)
            .delayRounds(1, RIGHT, 5, delayNs);
        final FrameLog log = new FrameLog(() -> now[0]);
        final ChainSimulatorAgent agent = log.senders(context()).faults(faults).epochLimit(12).newAgent();
        runUntilDone(agent, PERIOD_NS / 2);

        // Dropped rounds take their sequence numbers with them: the node sees the gap.
        final List<FrameLog.Entry> left = log.of(rounds(1, LEFT));
        assertEquals(11 * ROUNDS, left.size());
        assertTrue(left.stream().noneMatch(e -> e.round().blockIndex() == 2));
        assertEquals(3L * ROUNDS, left.get(2 * ROUNDS).round().sequence());
        assertEquals(3, left.get(2 * ROUNDS).round().blockIndex());

        final List<Long> bellEpochs = log.of(bell(1)).stream().map(e -> e.bell().epoch()).toList();
        assertEquals(List.of(0L, 1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), bellEpochs, "3 dropped, 4 not reordered");
        final FrameLog.Entry lateBell = log.of(bell(1)).get(3);
        assertTrue(lateBell.sentNs() >= lateBell.bell().emitTimestampNs() + delayNs, "the Bell of epoch 4 is late");
        assertTrue(log.of(bell(1)).get(4).sentNs() >= lateBell.sentNs(), "later Bells wait behind it");

        // The delayed block is late, whole and in order; the other patch and the truth keep their schedule.
        final List<FrameLog.Entry> right = log.of(rounds(1, RIGHT));
        assertEquals(12 * ROUNDS, right.size());
        for (int i = 0; i < right.size(); i++)
        {
            final SyndromeRoundView round = right.get(i).round();
            assertEquals(i, round.sequence());
            final boolean late = round.blockIndex() == 5;
            assertEquals(late, right.get(i).sentNs() >= round.emitTimestampNs() + delayNs, "round " + i);
        }
        for (final FrameLog.Entry entry : left)
        {
            assertTrue(entry.sentNs() - entry.round().emitTimestampNs() < PERIOD_NS, "left patch on time");
        }
        assertEquals(12, log.truths(1).size(), "the truth of every epoch, faults or not");
        assertEquals(ROUNDS + 1, agent.framesDropped());
        assertEquals(ROUNDS + 1, agent.framesDelayed());
    }

    @Test
    void shouldAllocateNothingPerSlotAfterWarmUp()
    {
        final long[] bytes = new long[1];
        final FrameSender counting = (buffer, offset, length) ->
        {
            bytes[0] += length + buffer.getByte(offset);
            return true;
        };
        // Faults all through the measured stretch: holding and releasing frames allocates nothing either.
        final int slotsPerRun = 2_000;
        final long warmUpEpochs = 10L * slotsPerRun / ROUNDS;
        ChainFaultPlan faults = ChainFaultPlan.NONE;
        for (long epoch = warmUpEpochs + 1; epoch < warmUpEpochs + 5L * slotsPerRun / ROUNDS; epoch += 10)
        {
            faults = faults.delayBell(1, epoch, 3 * PERIOD_NS).delayRounds(1, LEFT, epoch + 1, 5 * PERIOD_NS)
                .dropRounds(2, LEFT, epoch + 2);
        }
        final ChainSimulatorAgent agent = context().roundSenders((node, side) -> counting)
            .bellSenders(node -> counting).truthSender(counting).faults(faults).newAgent();
        agent.onStart();
        final Runnable slots = () ->
        {
            for (int i = 0; i < slotsPerRun; i++)
            {
                agent.doWork();
                now[0] += PERIOD_NS;
            }
        };
        for (int i = 0; i < 10; i++)
        {
            slots.run();
        }
        final long delayedBefore = agent.framesDelayed();
        final long droppedBefore = agent.framesDropped();
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(slots, 5));
        assertTrue(bytes[0] > 0);
        assertTrue(agent.framesDelayed() > delayedBefore && agent.framesDropped() > droppedBefore,
            "the faults fell in the measured part");
    }

    private ChainSimulatorContext context()
    {
        return new ChainSimulatorContext().linkCodes(LINKS).chainSeed(SEED).clock(() -> now[0]).periodNs(PERIOD_NS);
    }

    private void runUntilDone(final ChainSimulatorAgent agent, final long stepNs)
    {
        agent.onStart();
        while (!agent.isDone())
        {
            agent.doWork();
            now[0] += stepNs;
        }
        agent.onClose();
    }

    private static int[] sides(final int node)
    {
        return node == 0 ? new int[]{RIGHT} : node == 2 ? new int[]{LEFT} : new int[]{LEFT, RIGHT};
    }

    private static int indexOf(final FrameLog log, final String stream, final long epoch)
    {
        for (int i = 0; i < log.entries.size(); i++)
        {
            final FrameLog.Entry entry = log.entries.get(i);
            if (entry.stream().equals(stream) && entry.bell().epoch() == epoch)
            {
                return i;
            }
        }
        throw new AssertionError("no frame of epoch " + epoch + " on " + stream);
    }

    private static int lastRoundAt(final FrameLog log, final String stream, final long epoch)
    {
        int last = -1;
        for (int i = 0; i < log.entries.size(); i++)
        {
            final FrameLog.Entry entry = log.entries.get(i);
            if (entry.stream().equals(stream) && entry.round().blockIndex() == epoch)
            {
                last = i;
            }
        }
        assertTrue(last >= 0, "no round of epoch " + epoch + " on " + stream);
        return last;
    }

    private static void assertSameFrames(
        final List<FrameLog.Entry> expected, final List<FrameLog.Entry> actual, final String stream)
    {
        assertEquals(expected.size(), actual.size(), stream);
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i).bytes(), actual.get(i).bytes(), stream + ", frame " + i);
        }
    }
}
