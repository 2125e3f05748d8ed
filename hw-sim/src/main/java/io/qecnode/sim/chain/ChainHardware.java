package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.sim.source.RoundSink;

/**
 * The hardware of a whole chain A, repeaters 1..n, B in one place, for a run in one process; each node's part is
 * also built alone by {@link #node}, for a process that runs one node. A node's streams depend only on the chain seed
 * and its id, so both ways produce the same rounds and truth.
 * <p>
 * Link i (0..n) joins R_i, the right patch of node i, and L_(i+1), the left patch of node i + 1; both patches take
 * link i's code. Logical qubit ids are {@code 2 * node} for a left patch and {@code 2 * node + 1} for a right patch,
 * so A's one patch is 1 and B's is {@code 2 * (n + 1)}.
 */
public final class ChainHardware
{
    /** Where each patch's rounds go. */
    @FunctionalInterface
    public interface PatchRounds
    {
        /** Discards every round. */
        PatchRounds DISCARD = (node, logicalQubitId) -> PatchSpec.DISCARD;

        /**
         * @param node           the node id.
         * @param logicalQubitId the patch's logical qubit id.
         * @return the sink of the patch's rounds.
         */
        RoundSink roundsFor(int node, int logicalQubitId);
    }

    private final NodeHardware[] nodes;

    /**
     * @param linkCodes   the code and noise of each link, 0..n: n + 1 links for n repeaters, at least one.
     * @param chainSeed   the chain's seed.
     * @param burstFactor multiplies every probability in burst blocks.
     * @param rounds      where each patch's rounds go.
     */
    public ChainHardware(
        final CodeDescription[] linkCodes, final long chainSeed, final double burstFactor, final PatchRounds rounds)
    {
        nodes = new NodeHardware[linkCodes.length + 1];
        for (int node = 0; node < nodes.length; node++)
        {
            nodes[node] = node(node, linkCodes, chainSeed, burstFactor, rounds);
        }
    }

    /**
     * @param node        the node id, 0 (A) to {@code linkCodes.length} (B).
     * @param linkCodes   the code and noise of each link, 0..n.
     * @param chainSeed   the chain's seed.
     * @param burstFactor multiplies every probability in burst blocks.
     * @param rounds      where each patch's rounds go.
     * @return the node's hardware: one patch for A and B, two for a repeater.
     */
    public static NodeHardware node(
        final int node,
        final CodeDescription[] linkCodes,
        final long chainSeed,
        final double burstFactor,
        final PatchRounds rounds)
    {
        final int last = linkCodes.length;
        if (last < 1 || node < 0 || node > last)
        {
            throw new IllegalArgumentException("node must be in 0.." + last + " for " + last + " links: node=" + node);
        }
        if (node == 0)
        {
            return new NodeHardware(node, chainSeed, burstFactor, patch(node, 1, linkCodes[0], rounds));
        }
        final PatchSpec left = patch(node, 0, linkCodes[node - 1], rounds);
        return node == last ? new NodeHardware(node, chainSeed, burstFactor, left) :
            new NodeHardware(node, chainSeed, burstFactor, left, patch(node, 1, linkCodes[node], rounds));
    }

    /**
     * @param node a node id.
     * @param side 0 for its left patch, 1 for its right patch.
     * @return the patch's logical qubit id.
     */
    public static int logicalQubitId(final int node, final int side)
    {
        return 2 * node + side;
    }

    /**
     * Run one epoch on every node, A to B, each node's record going to the sink as it is made.
     *
     * @param sink receives one {@link EpochTruth} record per node.
     * @return the epoch just run.
     */
    public long runEpoch(final EpochTruthSink sink)
    {
        long epoch = 0;
        for (final NodeHardware node : nodes)
        {
            epoch = node.runEpoch(sink);
        }
        return epoch;
    }

    /**
     * @param node a node id.
     * @return its hardware.
     */
    public NodeHardware node(final int node)
    {
        return nodes[node];
    }

    /** @return nodes in the chain: repeaters + 2. */
    public int nodeCount()
    {
        return nodes.length;
    }

    private static PatchSpec patch(
        final int node, final int side, final CodeDescription code, final PatchRounds rounds)
    {
        final int id = logicalQubitId(node, side);
        return PatchSpec.of(code, id, rounds.roundsFor(node, id));
    }
}
