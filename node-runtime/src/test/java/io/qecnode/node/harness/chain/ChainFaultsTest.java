package io.qecnode.node.harness.chain;

import io.aeron.ExclusivePublication;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.LossCounters;
import io.qecnode.node.chain.ChainCounters;
import io.qecnode.node.chain.StateRefusal;
import io.qecnode.node.pipeline.VersionOneStates;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.qecnode.node.harness.chain.ChainFaultRun.EPOCHS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults between the nodes of a running one-process chain (A, two repeaters, B; d=3), each held epoch by epoch
 * against a run of the same seed without it: the hardware is seeded, so every epoch's verdict is the same in both
 * unless the fault touched that epoch. A fault must show exactly where it struck (INCOMPLETE or FAILED at the
 * verifier, never RIGHT, never missing) and nowhere else, and the chain must carry on.
 */
class ChainFaultsTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long DELAY_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static VerdictLog baseline;

    @BeforeAll
    static void runWithoutFaults() throws Exception
    {
        try (ChainFaultRun run = new ChainFaultRun(ChainFaultRun.config(25310, DEADLINE_NS), node -> null))
        {
            run.awaitJudged(EPOCHS + 500);
            run.stopAndDrain();
            run.stopAndCheckWhole();
            baseline = run.log;
            assertEquals(0, baseline.count(EpochVerdict.INCOMPLETE, 0, baseline.judged()) +
                baseline.count(EpochVerdict.FAILED, 0, baseline.judged()), "a run without faults is whole");
            System.out.printf("baseline: %d epochs, %d right, %d wrong%n", baseline.judged(),
                baseline.count(EpochVerdict.RIGHT, 0, baseline.judged()),
                baseline.count(EpochVerdict.WRONG, 0, baseline.judged()));
        }
    }

    @Test
    void udpLossIsRepairedByRetransmitSoEveryEpochIsJudgedAsWithoutLoss() throws Exception
    {
        final ChainPipelineConfig config = ChainFaultRun.config(25320, DEADLINE_NS)
            .withUdpLoss(new ChainPipelineConfig.UdpLoss(0.05, 0, 5));
        try (ChainFaultRun run = new ChainFaultRun(config, node -> null))
        {
            run.awaitJudged(EPOCHS);
            run.stopAndDrain();
            run.stopAndCheckWhole();
            final LossCounters loss = run.pipeline.lossCounters();
            final long dropped = run.pipeline.framesDroppedByLoss();
            System.out.printf("5%% receive loss: %d data frames dropped; %s%n", dropped, loss);
            assertTrue(dropped > 0, "loss was injected");
            assertTrue(loss.naksSent() > 0 && loss.retransmitsSent() > 0, loss.toString());
            assertEquals(0, loss.lossGapFills(), "nothing lost for good");
            for (int node = 0; node < run.pipeline.config().nodeCount(); node++)
            {
                final ChainCounters counters = run.pipeline.node(node).counters();
                assertEquals(0, refusedStates(counters), "node " + node + ": " + refusals(counters));
                assertEquals(0, counters.epochsIncomplete() + counters.epochsFailed(), "node " + node + ": " +
                    counters.epochsIncomplete() + " incomplete, " + counters.epochsOverrun() + " overrun");
            }
            // IPC (the hardware's rounds and Bell measurements, the reports) has no UDP endpoint to lose frames in: a
            // lost round would fail its epoch, and none did.
            final long common = assertSameVerdicts(run.log, Map.of());
            System.out.printf("with loss: %d epochs alike, %d right, %d wrong in both%n", common,
                run.log.count(EpochVerdict.RIGHT, 0, common), run.log.count(EpochVerdict.WRONG, 0, common));
        }
    }

    @Test
    void ownPiecesLostFailExactlyTheirEpochAndLatePiecesInsideTheDeadlineChangeNothing() throws Exception
    {
        final ChainFaultPlan plan = ChainFaultPlan.NONE
            .dropRounds(0, ChainStreams.RIGHT, 400)
            .dropRounds(1, ChainStreams.LEFT, 800)
            .dropBell(2, 1200)
            .dropRounds(3, ChainStreams.LEFT, 1600)
            .delayRounds(1, ChainStreams.RIGHT, 2000, DELAY_NS)
            .delayBell(2, 2400, DELAY_NS);
        final ChainPipelineConfig config = ChainFaultRun.config(25330, DEADLINE_NS).withFaults(plan);
        try (ChainFaultRun run = new ChainFaultRun(config, node -> null))
        {
            run.awaitJudged(EPOCHS);
            run.stopAndDrain();
            run.stopAndCheckWhole();
            final Map<Long, EpochVerdict> expected = new HashMap<>();
            for (final long epoch : new long[]{400, 800, 1200, 1600})
            {
                expected.put(epoch, EpochVerdict.FAILED);
            }
            final long common = assertSameVerdicts(run.log, expected);
            for (int node = 0; node < run.pipeline.config().nodeCount(); node++)
            {
                final ChainCounters counters = run.pipeline.node(node).counters();
                assertEquals(1, counters.epochsFailed(), "each node failed the one epoch it lost a piece of");
                assertEquals(0, counters.epochsIncomplete());
            }
            assertTrue(run.pipeline.simulator().framesDropped() > 0 && run.pipeline.simulator().framesDelayed() > 0);
            assertEquals(4, run.log.count(EpochVerdict.FAILED, 0, run.log.judged()));
            assertTrue(run.log.count(EpochVerdict.RIGHT, 1601, common) > 0, "the chain carries on");
            System.out.printf("hardware faults: %d epochs alike but 4 failed (400, 800, 1200, 1600); %d frames " +
                "dropped, %d delayed%n", common, run.pipeline.simulator().framesDropped(),
                run.pipeline.simulator().framesDelayed());
        }
    }

    @Test
    void aNeighbourSilentMakesExactlyItsEpochsIncompleteAndALateStateIsRefused() throws Exception
    {
        final StateTap atA = new StateTap();
        atA.withheld.add(700L);
        for (long e = 1500; e < 1510; e++)
        {
            atA.withheld.add(e);
        }
        final StateTap atRepeater1 = new StateTap();
        atRepeater1.withheld.add(1100L);
        final ChainPipelineConfig config = ChainFaultRun.config(25340, DEADLINE_NS);
        try (ChainFaultRun run = new ChainFaultRun(config, node -> node == 0 ? atA : node == 1 ? atRepeater1 : null))
        {
            run.awaitJudged(EPOCHS);
            // A falls silent for good: the repeaters can only close what follows at their deadline.
            atA.goSilent();
            run.await(() -> atA.firstSilentEpoch >= 0, "A silent");
            run.stopAndDrain();
            final long silentFrom = atA.firstSilentEpoch;
            final ChainCounters repeater1 = run.pipeline.node(1).counters();
            assertEquals(0, refusedStates(repeater1));
            // A's first withheld state, sent after its epoch closed at its deadline: late, refused.
            try (ExclusivePublication stranger = stranger(run, 1))
            {
                offer(stranger, atA.firstSilentState, atA.firstSilentState.length);
                run.await(() -> repeater1.refused(StateRefusal.OUT_OF_WINDOW) == 1, "the late state refused");
            }
            run.stopAndCheckWhole();

            final long end = run.log.judged();
            final Map<Long, EpochVerdict> expected = new HashMap<>();
            for (final long epoch : atA.withheld)
            {
                expected.put(epoch, EpochVerdict.INCOMPLETE);
            }
            expected.put(1100L, EpochVerdict.INCOMPLETE);
            for (long e = silentFrom; e < end; e++)
            {
                expected.put(e, EpochVerdict.INCOMPLETE);
            }
            final long common = assertSameVerdicts(run.log, expected, silentFrom);
            for (long e = silentFrom; e < end; e++)
            {
                assertEquals(EpochVerdict.INCOMPLETE, run.log.verdict(e), "epoch " + e);
            }
            assertEquals(11 + end - silentFrom, repeater1.epochsIncomplete());
            assertEquals(0, repeater1.epochsFailed());
            assertEquals(refusedStates(repeater1), repeater1.refused(StateRefusal.OUT_OF_WINDOW));
            assertTrue(run.log.count(EpochVerdict.RIGHT, 1510, silentFrom) > 0, "the chain carries on");
            System.out.printf("silent neighbour: %d epochs alike, 12 incomplete in the middle, %d incomplete from " +
                "epoch %d when A fell silent to the end, repeater 1 counted %d incomplete%n", common,
                end - silentFrom, silentFrom, repeater1.epochsIncomplete());
        }
    }

    /*
     * What a stranger on a node's UDP endpoint can send that the node refuses by its own checks, each counted under
     * its kind, with every verdict as without the stranger. Not tested, because it would pass: a forged state with the
     * right source, destination and path and an epoch not yet received, arriving before the real one, is accepted
     * by design (the real one is then the duplicate). Nothing authenticates a state until issue 13; the checks here
     * stop misrouted, stale, replayed and damaged states, not an attacker who knows the chain.
     */
    @Test
    void statesANodeMustNotTakeAreRefusedByKindAndChangeNoVerdict() throws Exception
    {
        final StateTap atA = new StateTap();
        atA.duplicated.add(20L);
        atA.keepEpoch = 10;
        try (ChainFaultRun run = new ChainFaultRun(ChainFaultRun.config(25350, DEADLINE_NS), node -> node == 0 ? atA :
            null))
        {
            final ChainCounters repeater1 = run.pipeline.node(1).counters();
            // After 50 states accepted the last one accepted is epoch 49 or later.
            run.await(() -> repeater1.statesAccepted() >= 50, "50 states accepted");
            final long ahead = repeater1.statesAccepted() + 1000;
            final Map<StateRefusal, Long> expected = new EnumMap<>(StateRefusal.class);
            try (ExclusivePublication stranger = stranger(run, 1))
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH]);
                send(stranger, buffer, forge(buffer, 2, 1, 0, ahead), StateRefusal.WRONG_SOURCE, expected);
                send(stranger, buffer, forge(buffer, 7, 1, 0, ahead), StateRefusal.WRONG_SOURCE, expected);
                send(stranger, buffer, forge(buffer, 0, 2, 0, ahead), StateRefusal.WRONG_DESTINATION, expected);
                send(stranger, buffer, forge(buffer, 0, 1, 7, ahead), StateRefusal.WRONG_PATH, expected);
                final int length = forge(buffer, 0, 1, 0, ahead);
                buffer.putByte(24, (byte)(buffer.getByte(24) ^ 1));
                send(stranger, buffer, length, StateRefusal.BAD_FRAME, expected);
                forge(buffer, 0, 1, 0, ahead);
                send(stranger, buffer, VersionOneStates.downgrade(buffer, 0), StateRefusal.BAD_FRAME, expected);
                // Well formed, but a million epochs ahead: beyond the window of open epochs.
                send(stranger, buffer, forge(buffer, 0, 1, 0, ahead + 1_000_000), StateRefusal.OUT_OF_WINDOW,
                    expected);
                // Epochs long closed, one a replay of A's real state: older than the last accepted, reordered.
                assertNotNull(atA.kept);
                buffer.putBytes(0, atA.kept);
                send(stranger, buffer, atA.kept.length, StateRefusal.REORDERED, expected);
                send(stranger, buffer, forge(buffer, 0, 1, 0, 5), StateRefusal.REORDERED, expected);
                // A's epoch 20 went out twice back to back on A's own publication.
                expected.put(StateRefusal.DUPLICATE, 1L);
                run.await(() -> refusedStates(repeater1) == 10, "10 states refused");
            }
            run.awaitJudged(EPOCHS);
            run.stopAndDrain();
            run.stopAndCheckWhole();
            for (final StateRefusal kind : StateRefusal.values())
            {
                assertEquals(expected.getOrDefault(kind, 0L), repeater1.refused(kind), kind.label());
            }
            for (final int node : new int[]{0, 2, 3})
            {
                assertEquals(0, refusedStates(run.pipeline.node(node).counters()), "node " + node);
            }
            final long common = assertSameVerdicts(run.log, Map.of());
            System.out.printf("stranger: %d epochs alike; repeater 1 refused %s%n", common, expected);
        }
    }

    private static ExclusivePublication stranger(final ChainFaultRun run, final int node)
        throws InterruptedException
    {
        final ExclusivePublication publication = run.pipeline.bus().publication(
            run.pipeline.config().stateChannel(node) + "|term-length=65536", ChainStreams.STATES_STREAM);
        run.await(publication::isConnected, "the stranger connected");
        return publication;
    }

    private static int forge(
        final UnsafeBuffer buffer, final long source, final long destination, final long path, final long epoch)
    {
        return new LogicalStateWriter().encode(buffer, 0, source, ChainStreams.logicalQubit((int)source,
            ChainStreams.RIGHT), epoch, 0, 3, 0, 0, 0, epoch, source, destination, 1, path, 3, 0);
    }

    private static void send(
        final ExclusivePublication publication,
        final UnsafeBuffer buffer,
        final int length,
        final StateRefusal kind,
        final Map<StateRefusal, Long> expected)
    {
        expected.merge(kind, 1L, Long::sum);
        offer(publication, buffer.byteArray(), length);
    }

    private static void offer(final ExclusivePublication publication, final byte[] frame, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        for (int attempt = 0; publication.offer(buffer, 0, length) < 0; attempt++)
        {
            assertTrue(attempt < 1_000_000, "the stranger could not send");
            Thread.yield();
        }
    }

    private static long refusedStates(final ChainCounters counters)
    {
        long refused = 0;
        for (final StateRefusal kind : StateRefusal.values())
        {
            refused += counters.refused(kind);
        }
        return refused;
    }

    private static String refusals(final ChainCounters counters)
    {
        final Map<StateRefusal, Long> kinds = new EnumMap<>(StateRefusal.class);
        for (final StateRefusal kind : StateRefusal.values())
        {
            kinds.put(kind, counters.refused(kind));
        }
        return "refused " + kinds;
    }

    private static long assertSameVerdicts(final VerdictLog run, final Map<Long, EpochVerdict> faulted)
    {
        return assertSameVerdicts(run, faulted, Long.MAX_VALUE);
    }

    // Every epoch both runs judged, up to `until`, as in the baseline but where a fault struck; at least EPOCHS.
    private static long assertSameVerdicts(
        final VerdictLog run, final Map<Long, EpochVerdict> faulted, final long until)
    {
        final long common = Math.min(until, Math.min(baseline.judged(), run.judged()));
        assertTrue(common >= Math.min(until, EPOCHS), "epochs to compare: " + common);
        for (long e = 0; e < common; e++)
        {
            assertEquals(faulted.getOrDefault(e, baseline.verdict(e)), run.verdict(e), "epoch " + e);
        }
        for (final Map.Entry<Long, EpochVerdict> fault : faulted.entrySet())
        {
            if (fault.getKey() < common)
            {
                assertEquals(fault.getValue(), run.verdict(fault.getKey()), "faulted epoch " + fault.getKey());
            }
        }
        return common;
    }
}
