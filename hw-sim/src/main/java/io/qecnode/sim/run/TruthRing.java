package io.qecnode.sim.run;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ground truth of recent blocks, written by the simulator's thread and read by another (a sink checking what
 * the nodes forwarded). A fixed ring: block b lives in slot {@code b % capacity} until block {@code b + capacity}
 * overwrites it.
 * <p>
 * The writer stores the truth, then publishes the block index with a release store; the reader loads the index with
 * acquire, reads the truth, and loads the index again, so it never returns the truth of another block.
 * <p>
 * <b>Note:</b> one writer thread, any number of readers; allocation-free.
 */
public final class TruthRing implements TruthListener
{
    /** Returned by {@link #truth(long)} when the block has not been simulated yet or has been overwritten. */
    public static final long UNKNOWN = -1L;

    private final int mask;
    private final AtomicLongArray blocks;
    private final AtomicLongArray truths;

    /**
     * @param capacity blocks remembered; rounded up to a power of two.
     */
    public TruthRing(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = size - 1;
        blocks = new AtomicLongArray(size);
        truths = new AtomicLongArray(size);
        for (int i = 0; i < size; i++)
        {
            blocks.set(i, -1);
        }
    }

    @Override
    public void onBlockTruth(final long blockIndex, final long observableFlips)
    {
        final int slot = (int)(blockIndex & mask);
        blocks.lazySet(slot, -1);
        truths.lazySet(slot, observableFlips);
        blocks.lazySet(slot, blockIndex);
    }

    /**
     * @param blockIndex a block.
     * @return its true observable flips, or {@link #UNKNOWN}.
     */
    public long truth(final long blockIndex)
    {
        final int slot = (int)(blockIndex & mask);
        if (blocks.get(slot) != blockIndex)
        {
            return UNKNOWN;
        }
        final long truth = truths.get(slot);
        return blocks.get(slot) == blockIndex ? truth : UNKNOWN;
    }

    /** @return blocks the ring remembers. */
    public int capacity()
    {
        return mask + 1;
    }
}
