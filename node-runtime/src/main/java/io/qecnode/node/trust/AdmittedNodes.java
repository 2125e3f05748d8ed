package io.qecnode.node.trust;

import java.util.Collection;

/**
 * The node ids a trust store admits, as the hot thread sees them: a bit set of ids 0 to {@link #MAX_ID}, replaced
 * whole by the cold thread when the trust store changes (one volatile reference), read without a lock or an
 * allocation. Ids above {@link #MAX_ID} are never admitted here: a chain has at most 250 nodes.
 */
public final class AdmittedNodes
{
    /** The largest node id the set can hold. */
    public static final int MAX_ID = 255;

    private volatile long[] bits = new long[(MAX_ID + 1) / Long.SIZE];

    /**
     * Replace the set; cold thread only (allocates).
     *
     * @param ids the admitted node ids; ids outside 0..{@link #MAX_ID} are left out.
     */
    public void replace(final Collection<Integer> ids)
    {
        final long[] next = new long[(MAX_ID + 1) / Long.SIZE];
        for (final int id : ids)
        {
            if (id >= 0 && id <= MAX_ID)
            {
                next[id >>> 6] |= 1L << id;
            }
        }
        bits = next;
    }

    /**
     * @param nodeId a node id, any int.
     * @return true if the trust store admits it.
     */
    public boolean contains(final long nodeId)
    {
        if (nodeId < 0 || nodeId > MAX_ID)
        {
            return false;
        }
        return (bits[(int)nodeId >>> 6] & (1L << nodeId)) != 0;
    }
}
