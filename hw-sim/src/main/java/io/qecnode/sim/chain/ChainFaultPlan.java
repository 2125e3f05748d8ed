package io.qecnode.sim.chain;

import io.qecnode.io.chain.ChainStreams;

import java.util.Arrays;

/**
 * Faults on a chain's hardware streams, each aimed at one node, one stream and one epoch: a patch's rounds of that
 * epoch, or a repeater's Bell measurement of it, dropped or delayed. They drive a node's deadline and failure paths
 * from real hardware output.
 * <ul>
 *     <li>Drop: the frames are encoded but never sent; a patch's sequence numbers still advance, so the node sees the
 *     gap as lost rounds. The truth record is unchanged: the hardware measured, the link lost it.</li>
 *     <li>Delay: the frames leave {@code delayNs} after their schedule slot, with their emit stamps unchanged. The
 *     stream's later frames queue behind them (a stream is never reordered), so it trails and then catches up back
 *     to back; the node's other streams keep their schedule.</li>
 * </ul>
 * The node's truth record of the epoch goes out at the epoch's end whatever the plan says: the verifier always learns
 * what the hardware measured.
 * Immutable: each method returns a new plan with one more fault. Built off the hot path; looking a fault up
 * allocates nothing.
 */
public final class ChainFaultPlan
{
    /** No fault at all. */
    public static final ChainFaultPlan NONE = new ChainFaultPlan(new long[0]);

    /** Target of a Bell-measurement fault, beside {@link ChainStreams#LEFT} and {@link ChainStreams#RIGHT}. */
    public static final int BELL = 2;

    /** What {@link #faultNs} returns for a dropped stream. */
    static final long DROP = -1;

    // Four longs per fault: node, target, epoch, delay (DROP for a drop).
    private static final int FIELDS = 4;

    private final long[] faults;

    private ChainFaultPlan(final long[] faults)
    {
        this.faults = faults;
    }

    /**
     * @param node  the node whose patch loses its rounds.
     * @param side  {@link ChainStreams#LEFT} or {@link ChainStreams#RIGHT}.
     * @param epoch the epoch whose block is lost.
     * @return a plan with this fault added.
     */
    public ChainFaultPlan dropRounds(final int node, final int side, final long epoch)
    {
        return with(node, checkSide(side), epoch, DROP);
    }

    /**
     * @param node    the node whose patch's rounds are late.
     * @param side    {@link ChainStreams#LEFT} or {@link ChainStreams#RIGHT}.
     * @param epoch   the epoch whose block is late.
     * @param delayNs how late each of its rounds leaves, {@code > 0}.
     * @return a plan with this fault added.
     */
    public ChainFaultPlan delayRounds(final int node, final int side, final long epoch, final long delayNs)
    {
        return with(node, checkSide(side), epoch, checkDelay(delayNs));
    }

    /**
     * @param node  the repeater whose Bell measurement is lost.
     * @param epoch the epoch it ends.
     * @return a plan with this fault added.
     */
    public ChainFaultPlan dropBell(final int node, final long epoch)
    {
        return with(node, BELL, epoch, DROP);
    }

    /**
     * @param node    the repeater whose Bell measurement is late.
     * @param epoch   the epoch it ends.
     * @param delayNs how late it leaves, {@code > 0}.
     * @return a plan with this fault added.
     */
    public ChainFaultPlan delayBell(final int node, final long epoch, final long delayNs)
    {
        return with(node, BELL, epoch, checkDelay(delayNs));
    }

    /** @return the faults in the plan. */
    public int size()
    {
        return faults.length / FIELDS;
    }

    /** @return the highest node a fault is aimed at, -1 for an empty plan. */
    public int maxNode()
    {
        long max = -1;
        for (int i = 0; i < faults.length; i += FIELDS)
        {
            max = Math.max(max, faults[i]);
        }
        return (int)max;
    }

    /**
     * @param node   a node id.
     * @param target {@link ChainStreams#LEFT}, {@link ChainStreams#RIGHT} or {@link #BELL}.
     * @param epoch  an epoch.
     * @return 0 for no fault, {@link #DROP}, or the delay in ns; the first matching fault wins.
     */
    long faultNs(final int node, final int target, final long epoch)
    {
        final long[] faults = this.faults;
        for (int i = 0; i < faults.length; i += FIELDS)
        {
            if (faults[i] == node && faults[i + 1] == target && faults[i + 2] == epoch)
            {
                return faults[i + 3];
            }
        }
        return 0;
    }

    private ChainFaultPlan with(final int node, final int target, final long epoch, final long delayNs)
    {
        if (node < 0 || epoch < 0)
        {
            throw new IllegalArgumentException("fault node and epoch must be >= 0, node=" + node + ", epoch=" + epoch);
        }
        final long[] more = Arrays.copyOf(faults, faults.length + FIELDS);
        more[faults.length] = node;
        more[faults.length + 1] = target;
        more[faults.length + 2] = epoch;
        more[faults.length + 3] = delayNs;
        return new ChainFaultPlan(more);
    }

    private static int checkSide(final int side)
    {
        if (side != ChainStreams.LEFT && side != ChainStreams.RIGHT)
        {
            throw new IllegalArgumentException("fault side must be 0 (left) or 1 (right), side=" + side);
        }
        return side;
    }

    private static long checkDelay(final long delayNs)
    {
        if (delayNs <= 0)
        {
            throw new IllegalArgumentException("fault delay must be > 0, delayNs=" + delayNs);
        }
        return delayNs;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("ChainFaultPlan{");
        for (int i = 0; i < faults.length; i += FIELDS)
        {
            final long target = faults[i + 1];
            sb.append(i == 0 ? "" : ", ").append(faults[i + 3] == DROP ? "drop " : "delay ")
                .append(target == BELL ? "bell" : target == ChainStreams.LEFT ? "left" : "right")
                .append(" node=").append(faults[i]).append(" epoch=").append(faults[i + 2]);
            if (faults[i + 3] != DROP)
            {
                sb.append(" delayNs=").append(faults[i + 3]);
            }
        }
        return sb.append('}').toString();
    }
}
