package io.qecnode.decoder.unionfind;

import java.util.Arrays;

/**
 * Bucket queue of vertices keyed by the integer time at which each is next due: the time its first unfilled edge
 * fills.
 * <p>
 * A due time is never more than the longest edge ahead of the current time, so a ring of buckets longer than that
 * (a power of two) holds every pending time without collisions. Entries come from a fixed pool. Nothing is removed
 * early: when a vertex is rescheduled or stops growing its old entry goes stale, and the growth stage drops stale
 * entries when their bucket comes due. A change of schedule is one push.
 * <pre>
 *   bucket[t &amp; mask] -&gt; entry -&gt; entry -&gt; ...   each names a vertex that was due at t when it was queued
 * </pre>
 */
final class FillQueue
{
    /** Tells whether a queued vertex is still due in the bucket it sits in. */
    interface DueCheck
    {
        /**
         * @param vertex the vertex an entry names.
         * @param bucket the bucket holding the entry.
         * @param mask   the ring's mask: a time t lives in bucket {@code t & mask}.
         * @return true if the vertex is still scheduled for a time in that bucket.
         */
        boolean isDue(int vertex, int bucket, int mask);
    }

    /** Returned by {@link #nextTime(int)} when no bucket holds an entry. */
    static final int EMPTY = Integer.MIN_VALUE;

    private static final int NONE = -1;

    private final int[] bucketHead;
    // One bit a bucket, set while the bucket holds entries: the next due time is found a word at a time.
    private final long[] occupied;
    private final int mask;
    private final int[] entryItem;
    private final int[] entryNext;
    private int freeHead;
    private int entryCount;

    FillQueue(final int maxEdgeLength, final int capacity)
    {
        final int buckets = Integer.highestOneBit(Math.max(1, maxEdgeLength)) << 1;
        bucketHead = new int[Math.max(buckets, 64)];
        Arrays.fill(bucketHead, NONE);
        occupied = new long[bucketHead.length >>> 6];
        mask = bucketHead.length - 1;
        entryItem = new int[capacity];
        entryNext = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            entryNext[i] = i + 1;
        }
        entryNext[capacity - 1] = NONE;
        freeHead = 0;
    }

    /** @return true when the pool has room for another entry. */
    boolean hasRoom()
    {
        return freeHead != NONE;
    }

    void push(final int item, final int time)
    {
        final int entry = freeHead;
        freeHead = entryNext[entry];
        final int bucket = time & mask;
        entryItem[entry] = item;
        entryNext[entry] = bucketHead[bucket];
        bucketHead[bucket] = entry;
        occupied[bucket >>> 6] |= 1L << bucket;
        entryCount++;
    }

    /**
     * @param after a time whose bucket has been drained.
     * @return the first time after it whose bucket holds entries, stale or not, or {@link #EMPTY}.
     */
    int nextTime(final int after)
    {
        if (entryCount == 0)
        {
            return EMPTY;
        }
        final long[] occupied = this.occupied;
        final int words = occupied.length;
        final int start = (after + 1) & mask;
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        // Every pending time lies less than one ring ahead, so the first occupied bucket from here is the next time.
        for (int scanned = 0; bits == 0 && scanned <= words; scanned++)
        {
            word = word + 1 == words ? 0 : word + 1;
            bits = occupied[word];
        }
        final int bucket = (word << 6) + Long.numberOfTrailingZeros(bits);
        return after + 1 + ((bucket - start) & mask);
    }

    boolean isEmpty()
    {
        return entryCount == 0;
    }

    /**
     * Take every entry queued for a time.
     *
     * @param time the time.
     * @param out  receives the vertices named, stale ones included.
     * @return number of entries taken.
     */
    int drain(final int time, final int[] out)
    {
        final int bucket = time & mask;
        int count = 0;
        int entry = bucketHead[bucket];
        while (entry != NONE)
        {
            final int next = entryNext[entry];
            out[count++] = entryItem[entry];
            entryNext[entry] = freeHead;
            freeHead = entry;
            entry = next;
        }
        bucketHead[bucket] = NONE;
        occupied[bucket >>> 6] &= ~(1L << bucket);
        entryCount -= count;
        return count;
    }

    /**
     * Free the pool of stale entries, keeping those the check still finds due; for when the pool runs dry.
     *
     * @param check tells whether a vertex is still due at the time its bucket stands for.
     */
    void compact(final DueCheck check)
    {
        for (int bucket = 0; bucket < bucketHead.length; bucket++)
        {
            // Kept entries stay in their order: which of two vertices due at the same time fills first decides ties,
            // and must not depend on when the pool happened to run dry (decodes of disjoint syndromes must add up).
            int kept = NONE;
            int keptTail = NONE;
            int entry = bucketHead[bucket];
            while (entry != NONE)
            {
                final int next = entryNext[entry];
                if (check.isDue(entryItem[entry], bucket, mask))
                {
                    entryNext[entry] = NONE;
                    if (keptTail == NONE)
                    {
                        kept = entry;
                    }
                    else
                    {
                        entryNext[keptTail] = entry;
                    }
                    keptTail = entry;
                }
                else
                {
                    entryNext[entry] = freeHead;
                    freeHead = entry;
                    entryCount--;
                }
                entry = next;
            }
            bucketHead[bucket] = kept;
            if (kept == NONE)
            {
                occupied[bucket >>> 6] &= ~(1L << bucket);
            }
        }
    }

    /**
     * Drop every entry left after a time, all of them stale once growth has ended.
     *
     * @param after the last time drained.
     * @param out   scratch for the vertices named.
     */
    void clear(final int after, final int[] out)
    {
        while (entryCount > 0)
        {
            drain(nextTime(after), out);
        }
    }
}
