package io.qecnode.node.chain;

import io.qecnode.decoder.model.RotatedSurfaceCode;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.trust.AdmittedNodes;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A chain node's settings: the defaults a concluded context holds, and one line naming the setting for each value
 * it refuses.
 */
class ChainNodeContextTest
{
    @Test
    void shouldFillNeighboursFromTheNodesPlaceAndTheDocumentedDefaults()
    {
        final ChainNodeContext repeater = new ChainNodeContext().role(ChainRole.REPEATER).nodeId(3).conclude();
        assertEquals(2, repeater.leftNode());
        assertEquals(4, repeater.rightNode());
        assertEquals(0, repeater.pathId());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), repeater.neighbourDeadlineNs());
        assertEquals(64, repeater.epochWindow());
        assertNotNull(repeater.left());
        assertNotNull(repeater.right());
        assertNotNull(repeater.counters());
        assertNotNull(repeater.clock());

        final ChainNodeContext a = new ChainNodeContext().role(ChainRole.FIRST_END).conclude();
        assertEquals(ChainNodeContext.NO_NEIGHBOUR, a.leftNode());
        assertEquals(1, a.rightNode());
        assertNull(a.left(), "A has no left patch");

        final ChainNodeContext b = new ChainNodeContext().role(ChainRole.LAST_END).nodeId(4).leftNode(7).conclude();
        assertEquals(7, b.leftNode(), "a neighbour given is kept");
        assertEquals(ChainNodeContext.NO_NEIGHBOUR, b.rightNode());
        assertNull(b.right(), "B has no right patch");
    }

    @Test
    void shouldNameTheSettingOfEachValueItRefuses()
    {
        assertRefused("a chain node needs a role (FIRST_END, REPEATER or LAST_END), --role=none",
            new ChainNodeContext());
        assertRefused("must be >= 0, --node=-2", new ChainNodeContext().role(ChainRole.REPEATER).nodeId(-2));
        assertRefused("a FIRST_END node has no neighbour on that side, --left-node=5",
            new ChainNodeContext().role(ChainRole.FIRST_END).leftNode(5));
        assertRefused("a LAST_END node has no neighbour on that side, --right-node=5",
            new ChainNodeContext().role(ChainRole.LAST_END).nodeId(4).rightNode(5));
        assertRefused("must be >= 0 and not the node's own id, --left-node=2",
            new ChainNodeContext().role(ChainRole.REPEATER).nodeId(2).leftNode(2));
        assertRefused("must be >= 0 and not the node's own id, --left-node=-1",
            new ChainNodeContext().role(ChainRole.LAST_END).nodeId(0));
        assertRefused("must be in [0, 4294967294], --path=4294967295",
            new ChainNodeContext().role(ChainRole.FIRST_END).pathId(4294967295L));
        assertRefused("an authenticated node with a right neighbour needs the right link's keys, --right-keys=none",
            new ChainNodeContext().role(ChainRole.REPEATER).nodeId(1)
                .leftKeys(new SessionKeys(StateMacAlgorithm.SIPHASH_128))
                .admittedNodes(new AdmittedNodes()));
        assertRefused("an authenticated node needs the admitted node ids, --admitted-nodes=none",
            new ChainNodeContext().role(ChainRole.FIRST_END)
                .rightKeys(new SessionKeys(StateMacAlgorithm.SIPHASH_128)));
        assertRefused("must be > 0 ns, --neighbour-deadline=0ns",
            new ChainNodeContext().role(ChainRole.FIRST_END).neighbourDeadlineNs(0));
        assertRefused("must be a power of two in [2, 65536], --epoch-window=48",
            new ChainNodeContext().role(ChainRole.FIRST_END).epochWindow(48));
        assertRefused("must be an odd distance in [" + RotatedSurfaceCode.MIN_DISTANCE + ", " +
            RotatedSurfaceCode.MAX_DISTANCE + "], --distance=4",
            new ChainNodeContext().role(ChainRole.REPEATER).nodeId(1).right(new NodeContext().distance(4)));
    }

    @Test
    void shouldRefuseToBuildAnAgentThatCouldNotSendItsStates()
    {
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> ChainNodeFactory.newChainNodeAgent(new ChainNodeContext().role(ChainRole.REPEATER).nodeId(1)));
        assertEquals("a REPEATER chain node needs a sender for its states", refused.getMessage());
        assertNotNull(ChainNodeFactory.newChainNodeAgent(new ChainNodeContext().role(ChainRole.LAST_END).nodeId(2)),
            "B sends no states");
    }

    private static void assertRefused(final String message, final ChainNodeContext context)
    {
        assertEquals(message, assertThrows(NodeConfigException.class, context::conclude).getMessage());
    }
}
