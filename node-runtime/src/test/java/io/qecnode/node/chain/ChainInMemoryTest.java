package io.qecnode.node.chain;

import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.node.trust.AdmittedNodes;
import io.qecnode.pauli.LogicalFrame;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.qecnode.io.chain.ChainStreams.LEFT;
import static io.qecnode.io.chain.ChainStreams.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A whole chain in memory, A, two repeaters and B, each node's states handed straight to its right neighbour's
 * handler: what B ends each epoch with, against the algebra written out here, and that the chain allocates nothing
 * per epoch once warm; both with unauthenticated links and with every state sealed and opened.
 */
class ChainInMemoryTest
{
    private static final int REPEATERS = 2;
    private static final int B_ID = REPEATERS + 1;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final Random random = new Random(5);
    private final ChainRig[] nodes = new ChainRig[REPEATERS + 2];
    // Per epoch: each node's patch masks [node][side] and each repeater's raw parities [node][xx, zz].
    private final long[][] masks = new long[REPEATERS + 2][2];
    private final boolean[][] parities = new boolean[REPEATERS + 2][2];
    private long nextEpoch;
    private long faultyEpochs;

    // Sealed: every link's states sealed with SipHash-128 under a key dealt to both its ends, as one process does.
    private void build(final boolean sealed)
    {
        final AdmittedNodes admitted = new AdmittedNodes();
        admitted.replace(List.of(0, 1, 2, 3));
        SessionKeys leftKeys = null;
        for (int node = B_ID; node >= 0; node--)
        {
            final ChainRole role = node == 0 ? ChainRole.FIRST_END : node == B_ID ? ChainRole.LAST_END :
                ChainRole.REPEATER;
            final SessionKeys openKeys = node > 0 ? keys(node) : null;
            final SessionKeys sealKeys = leftKeys;
            nodes[node] = new ChainRig(role, node, clock, node == B_ID ? null :
                nodes[node + 1].agent.leftStatesHandler(), !sealed ? null : context ->
                context.admittedNodes(admitted).leftKeys(openKeys).rightKeys(sealKeys));
            leftKeys = openKeys == null ? null : keys(node);
        }
    }

    // The same key on both ends of link (node - 1 -> node): a fresh SessionKeys each call, keyed alike.
    private static SessionKeys keys(final int node)
    {
        final SessionKeys keys = new SessionKeys(StateMacAlgorithm.SIPHASH_128);
        final byte[] key = new byte[StateMacAlgorithm.SIPHASH_128.keyLength()];
        Arrays.fill(key, (byte)node);
        keys.install(4, key);
        return keys;
    }

    @ParameterizedTest(name = "sealed={0}")
    @ValueSource(booleans = {false, true})
    void shouldEndEachEpochAtBWithItsFlipsTimesEveryRepeatersCorrectedParities(final boolean sealed)
    {
        build(sealed);
        for (int i = 0; i < 200; i++)
        {
            final long epoch = runEpoch(true);

            // zz_i' = zz_i ^ X(L_i) ^ X(R_i) drives an X on B, xx_i' = xx_i ^ Z(L_i) ^ Z(R_i) a Z.
            boolean zz = false;
            boolean xx = false;
            for (int node = 1; node <= REPEATERS; node++)
            {
                final long both = masks[node][LEFT] ^ masks[node][RIGHT];
                zz ^= parities[node][1] ^ (both & LogicalFrame.X_FLIP) != 0;
                xx ^= parities[node][0] ^ (both & LogicalFrame.Z_FLIP) != 0;
            }
            final long expected = masks[B_ID][LEFT] ^ (zz ? LogicalFrame.X_FLIP : 0) ^ (xx ? LogicalFrame.Z_FLIP : 0);
            final ChainRig b = nodes[B_ID];
            assertEquals(expected, b.agent.lastFinalFrame(), "B's frame of epoch " + epoch);
            final LogicalStateView report = b.reports.last();
            assertEquals(epoch, report.epoch());
            assertEquals(expected, report.frameBits() ^ report.chainCorrection(), "B's report of epoch " + epoch);
            assertEquals(0, report.chainFlags());
            assertEquals(B_ID, report.hopCount());
        }
        for (final ChainRig node : nodes)
        {
            assertEquals(200, node.counters.epochsClosed(), "node " + node.nodeId);
        }
        assertEquals(200, nodes[B_ID].reports.size());
        assertEquals(2 * 200, nodes[1].reports.size());
        for (final StateRefusal kind : StateRefusal.values())
        {
            assertEquals(0, nodes[2].counters.refused(kind), kind.name());
        }
        if (sealed)
        {
            assertEquals(SealedState.LENGTH, nodes[0].states.frames.get(0).capacity(), "A's states go sealed");
        }
    }

    @ParameterizedTest(name = "sealed={0}")
    @ValueSource(booleans = {false, true})
    void shouldAllocateNothingPerEpochOnceWarm(final boolean sealed)
    {
        build(sealed);
        for (final ChainRig node : nodes)
        {
            node.states.keep = false;
            node.reports.keep = false;
        }
        for (int i = 0; i < 2_000; i++)
        {
            runEpoch(i % 8 != 5);
        }

        final long least = AllocationMeter.leastBytesAllocatedBy(() ->
        {
            for (int i = 0; i < 500; i++)
            {
                runEpoch(i % 8 != 5);
            }
        }, 20);

        assertEquals(0, least, "least bytes allocated over 500 epochs of a 4-node chain");
        assertEquals(nextEpoch, nodes[B_ID].counters.epochsClosed(), "every epoch reached B");
        assertEquals(faultyEpochs, nodes[1].counters.epochsFailed(), "each epoch without a Bell measurement failed");
    }

    // One epoch: each node's own pieces, nodes in a random order (states ripple on as they complete); repeater 1's
    // Bell measurement left out unless whole.
    private long runEpoch(final boolean whole)
    {
        final long epoch = nextEpoch++;
        faultyEpochs += whole ? 0 : 1;
        for (int node = 0; node <= B_ID; node++)
        {
            masks[node][LEFT] = random.nextInt(4);
            masks[node][RIGHT] = random.nextInt(4);
            parities[node][0] = random.nextBoolean();
            parities[node][1] = random.nextBoolean();
        }
        final int first = random.nextInt(B_ID + 1);
        for (int k = 0; k <= B_ID; k++)
        {
            final int node = (first + k) % (B_ID + 1);
            final ChainRig rig = nodes[node];
            if (rig.role.hasLeft())
            {
                rig.block(LEFT, epoch, masks[node][LEFT]);
            }
            if (rig.role.hasRight())
            {
                rig.block(RIGHT, epoch, masks[node][RIGHT]);
            }
            if (rig.role == ChainRole.REPEATER && (whole || node != 1))
            {
                rig.bell(epoch, parities[node][0], parities[node][1]);
            }
            rig.agent.doWork();
        }
        return epoch;
    }
}
