package io.qecnode.io.chain;

/**
 * The streams of a repeater chain, in one place so the hardware, the nodes and the verifier agree on them.
 * <p>
 * On a node's own host, its hardware talks to it over the node's hardware channel (IPC to the node's own media
 * driver by default): one stream per patch for the patch's {@code SyndromeRound}s, and one for the repeater's
 * {@code BellMeasurement}s. Between hosts, each node receives its left neighbour's {@code LogicalState}s on its own
 * UDP endpoint; every node reports each patch's decoded frame per epoch, and each node's hardware its ground truth,
 * to the verifier's endpoint, which only the verifier reads.
 * <p>
 * Logical qubit ids follow the chain: node i holds L_i = {@code 2i} (its half of the pair with its left neighbour) and
 * R_i = {@code 2i + 1}; A (node 0) holds only R_0 = 1 and B (node n + 1) only L_(n+1) = {@code 2(n + 1)}.
 */
public final class ChainStreams
{
    /** Side of the left patch L_i, the half of the pair shared with the left neighbour. */
    public static final int LEFT = 0;

    /** Side of the right patch R_i, the half of the pair shared with the right neighbour. */
    public static final int RIGHT = 1;

    /** Hardware channel: rounds of the left patch. */
    public static final int LEFT_ROUNDS_STREAM = 1101;

    /** Hardware channel: rounds of the right patch. */
    public static final int RIGHT_ROUNDS_STREAM = 1102;

    /** Hardware channel: a repeater's Bell measurements, one per epoch. */
    public static final int BELL_STREAM = 1103;

    /** A node's own endpoint: the left neighbour's states. */
    public static final int STATES_STREAM = 1201;

    /**
     * Stream id of the signed Q-HELLOs, both ways on every link: each node sends them to its neighbours' state
     * endpoints, beside the states.
     */
    public static final int HELLO_STREAM = 1202;

    /** The verifier's endpoint: every node's per-patch reports, {@code LogicalState}s. */
    public static final int REPORTS_STREAM = 1301;

    /** The verifier's endpoint: every node's hardware truth, one record per node and epoch. */
    public static final int TRUTH_STREAM = 1302;

    private ChainStreams()
    {
    }

    /**
     * @param side {@link #LEFT} or {@link #RIGHT}.
     * @return the hardware stream of that patch's rounds.
     */
    public static int roundsStream(final int side)
    {
        return LEFT_ROUNDS_STREAM + checkSide(side);
    }

    /**
     * @param node a node id, {@code >= 0}.
     * @param side {@link #LEFT} or {@link #RIGHT}.
     * @return the logical qubit id of the node's patch on that side.
     */
    public static int logicalQubit(final int node, final int side)
    {
        if (node < 0)
        {
            throw new IllegalArgumentException("node must be >= 0: node=" + node);
        }
        return 2 * node + checkSide(side);
    }

    private static int checkSide(final int side)
    {
        if (side != LEFT && side != RIGHT)
        {
            throw new IllegalArgumentException("side must be 0 (left) or 1 (right): side=" + side);
        }
        return side;
    }
}
