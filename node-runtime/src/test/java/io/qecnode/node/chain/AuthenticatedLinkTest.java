package io.qecnode.node.chain;

import io.qecnode.io.auth.SealCheck;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.auth.StateOpener;
import io.qecnode.io.auth.StateSealer;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.trust.AdmittedNodes;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.qecnode.io.chain.ChainStreams.LEFT;
import static io.qecnode.io.chain.ChainStreams.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A repeater on authenticated links: it accepts a state from its left only when it opens under the left link's key
 * and its epoch is new, refuses each kind of forgery with its own counter (one line of facts for the first of each
 * kind), and seals every state it forwards under the right link's key, or holds it back (counted) with none.
 */
class AuthenticatedLinkTest
{
    private static final int NODE = 1;
    private static final long OVERLAP_NS = 1_000_000;
    private static final StateMacAlgorithm MAC = StateMacAlgorithm.SIPHASH_128;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final SessionKeys upstreamKeys = new SessionKeys(MAC);
    private final SessionKeys leftKeys = new SessionKeys(MAC);
    private final SessionKeys rightKeys = new SessionKeys(MAC);
    private final SessionKeys downstreamKeys = new SessionKeys(MAC);
    private final AdmittedNodes admitted = new AdmittedNodes();
    private final StateSealer upstream = new StateSealer(upstreamKeys);
    private final ChainRig repeater;

    AuthenticatedLinkTest()
    {
        install(7, 0x11, upstreamKeys, leftKeys);
        install(3, 0x22, rightKeys, downstreamKeys);
        admitted.replace(List.of(0, 1, 2));
        repeater = new ChainRig(ChainRole.REPEATER, NODE, clock, null, context -> context.leftKeys(leftKeys)
            .rightKeys(rightKeys).admittedNodes(admitted).keyOverlapNs(OVERLAP_NS));
    }

    private static void install(final int generation, final int fill, final SessionKeys... ends)
    {
        final byte[] key = new byte[MAC.keyLength()];
        Arrays.fill(key, (byte)fill);
        for (final SessionKeys keys : ends)
        {
            keys.install(generation, key);
        }
    }

    @Test
    void shouldForwardAGenuineStateSealedUnderTheRightLinksKey()
    {
        ownPieces(0);
        assertEquals(0, deliverSealed(0, 2));

        assertEquals(1, repeater.states.size());
        final UnsafeBuffer sent = repeater.states.frames.get(0);
        assertEquals(SealedState.LENGTH, sent.capacity());
        assertEquals(3, SealedState.generation(sent, 0));
        final StateOpener downstream = new StateOpener(downstreamKeys, OVERLAP_NS);
        assertEquals(SealCheck.OPENED, downstream.open(sent, 0, sent.capacity(), 0, clock.nanoTime()));
        assertEquals(1, repeater.counters.statesAccepted());
    }

    @Test
    void shouldRefuseABareFrame()
    {
        final int length = repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0);
        assertRefused(StateRefusal.NO_MAC, length);
    }

    @Test
    void shouldRefuseAForgedMac()
    {
        final int length = sealed(0, 2);
        final UnsafeBuffer frame = repeater.frame();
        frame.putByte(SealedState.MAC_OFFSET + 5, (byte)(frame.getByte(SealedState.MAC_OFFSET + 5) ^ 0x40));
        assertRefused(StateRefusal.WRONG_MAC, length);
    }

    @Test
    void shouldRefuseAStateWhoseCorrectionWasChangedAfterSealing()
    {
        final int length = sealed(0, 2);
        final int corrected = repeater.encodeLeftState(0, 1, 0, NODE - 1, NODE, 0);
        assertEquals(LogicalStateWriter.FRAME_LENGTH, corrected, "re-encoded in place, the MAC left as it was");
        assertRefused(StateRefusal.WRONG_MAC, length);
    }

    @Test
    void shouldRefuseAReplayOfAGenuineState()
    {
        ownPieces(0);
        final int length = sealed(0, 2);
        final byte[] copy = new byte[length];
        repeater.frame().getBytes(0, copy);
        repeater.agent.leftStatesHandler().onFrame(repeater.frame(), 0, length);
        assertEquals(1, repeater.counters.statesAccepted());

        repeater.frame().putBytes(0, copy);
        assertRefused(StateRefusal.REPLAYED, length, 1);
    }

    @Test
    void shouldRefuseAStateClaimingANodeNotAdmitted()
    {
        final int length = repeater.encodeLeftState(0, 2, 0, 9, NODE, 0);
        upstream.seal(repeater.frame(), 0, length, 0);
        assertRefused(StateRefusal.NOT_ADMITTED, SealedState.LENGTH);
    }

    @Test
    void shouldRefuseAnAdmittedNodeThatIsNotTheLeftNeighbourAsAWrongSource()
    {
        final int length = repeater.encodeLeftState(0, 2, 0, NODE + 1, NODE, 0);
        upstream.seal(repeater.frame(), 0, length, 0);
        assertRefused(StateRefusal.WRONG_SOURCE, SealedState.LENGTH);
    }

    @Test
    void shouldRefuseEverythingFromALinkWhoseKeysAreRevoked()
    {
        leftKeys.revoke();
        assertRefused(StateRefusal.NOT_ADMITTED, sealed(0, 2));
    }

    @Test
    void shouldRefuseTheLeftNeighbourOnceTakenOutOfTheTrustStore()
    {
        admitted.replace(List.of(1, 2));
        assertRefused(StateRefusal.NOT_ADMITTED, sealed(0, 2));
    }

    @Test
    void shouldAcceptTheOldKeyDuringTheOverlapAndRefuseItAfter()
    {
        // The new key reaches the repeater first, then the upstream node switches to it.
        install(8, 0x33, leftKeys);
        ownPieces(0);
        assertEquals(0, deliverSealed(0, 2), "the old key, before any state under the new one");
        install(8, 0x33, upstreamKeys);
        ownPieces(1);
        assertEquals(0, deliverSealed(1, 2), "the new key");

        final SessionKeys oldKeys = new SessionKeys(MAC);
        install(7, 0x11, oldKeys);
        final StateSealer old = new StateSealer(oldKeys);
        ownPieces(2);
        final int length = repeater.encodeLeftState(2, 2, 0, NODE - 1, NODE, 0);
        old.seal(repeater.frame(), 0, length, 2);
        repeater.agent.leftStatesHandler().onFrame(repeater.frame(), 0, SealedState.LENGTH);
        assertEquals(3, repeater.counters.statesAccepted(), "the old key within its overlap: no state lost");

        clock.advance(OVERLAP_NS + 1);
        final int next = repeater.encodeLeftState(3, 2, 0, NODE - 1, NODE, 0);
        old.seal(repeater.frame(), 0, next, 3);
        assertRefused(StateRefusal.OLD_KEY, SealedState.LENGTH, 3);
    }

    @Test
    void shouldHoldBackAStateWithNoKeyToTheRightAndCountIt()
    {
        rightKeys.revoke();
        ownPieces(0);
        deliverSealed(0, 2);
        assertEquals(0, repeater.states.size(), "nothing sent unsealed");
        assertEquals(1, repeater.counters.statesUnsealed());
        assertEquals(1, repeater.counters.epochsClosed());
    }

    @Test
    void shouldReportTheFirstRefusalOfEachKindOnceWithItsFacts()
    {
        final FirstRefusals refusals = new FirstRefusals();
        final ChainRig node = new ChainRig(ChainRole.REPEATER, NODE, clock, null, context -> context
            .leftKeys(leftKeys).rightKeys(rightKeys).admittedNodes(admitted).firstRefusals(refusals));
        for (int epoch = 0; epoch < 3; epoch++)
        {
            node.agent.leftStatesHandler().onFrame(node.frame(), 0, node.encodeLeftState(epoch, 2, 0, 9, NODE, 0));
        }
        final List<String> lines = new ArrayList<>();
        refusals.drain(NODE, lines::add);
        refusals.drain(NODE, lines::add);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("no MAC") && lines.get(0).contains("sourceNode=9") &&
            lines.get(0).contains("epoch=0"), lines.get(0));
        assertEquals(3, node.counters.refused(StateRefusal.NO_MAC));
    }

    private int sealed(final long epoch, final long correction)
    {
        final int length = repeater.encodeLeftState(epoch, correction, 0, NODE - 1, NODE, 0);
        return upstream.seal(repeater.frame(), 0, length, epoch);
    }

    // Deliver a sealed left state; the number of refusals it caused.
    private long deliverSealed(final long epoch, final long correction)
    {
        final long before = refusals();
        repeater.agent.leftStatesHandler().onFrame(repeater.frame(), 0, sealed(epoch, correction));
        return refusals() - before;
    }

    private long refusals()
    {
        long total = 0;
        for (final StateRefusal kind : StateRefusal.values())
        {
            total += repeater.counters.refused(kind);
        }
        return total;
    }

    private void ownPieces(final long epoch)
    {
        repeater.block(LEFT, epoch, 0);
        repeater.block(RIGHT, epoch, 0);
        repeater.bell(epoch, false, false);
    }

    private void assertRefused(final StateRefusal kind, final int length)
    {
        assertRefused(kind, length, 0);
    }

    private void assertRefused(final StateRefusal kind, final int length, final long acceptedBefore)
    {
        final int states = repeater.states.size();
        repeater.agent.leftStatesHandler().onFrame(repeater.frame(), 0, length);
        for (final StateRefusal other : StateRefusal.values())
        {
            assertEquals(other == kind ? 1 : 0, repeater.counters.refused(other), other.name());
        }
        assertEquals(acceptedBefore, repeater.counters.statesAccepted());
        assertEquals(states, repeater.states.size(), "nothing forwarded for a refused state");
    }
}
