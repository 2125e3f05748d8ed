package io.qecnode.node.chain;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * The open epochs of a chain node, in a ring of preallocated {@link EpochSlot}s (a power of two of them): every epoch
 * below {@link #nextEpoch()} is closed, every one from it up to the highest opened is open, and they close strictly in
 * epoch order, each once.
 * <p>
 * An epoch opens with the first piece of it, or of a later one (the epochs between are opened too, so an epoch of
 * which nothing came still closes, in its turn). The oldest open epoch closes once nothing it lacks can still come,
 * or at the deadline from when it opened. Before any epoch closed, a piece of an epoch older than the oldest open one
 * opens it (the first piece to arrive need not be of the oldest epoch); after, it is late. A piece a whole window
 * ahead is either refused or makes room by closing the oldest epochs early, counted as overrun.
 * <p>
 * <b>Note:</b> single-threaded; allocation-free after construction.
 */
final class EpochRing
{
    /** What the node decides about its epochs. */
    interface Epochs
    {
        /**
         * @param slot an open epoch.
         * @return true if no piece it lacks can still come.
         */
        boolean settled(EpochSlot slot);

        /**
         * Close an epoch with what it holds: send and report it.
         *
         * @param slot  the epoch.
         * @param nowNs the node's clock.
         */
        void close(EpochSlot slot, long nowNs);
    }

    static final long NONE = -1;

    private final EpochSlot[] slots;
    private final long deadlineNs;
    private final Epochs epochs;
    private final AtomicCounter overrun;
    private long nextEpoch = NONE;
    private long highestOpen = NONE;
    private boolean closedAny;

    /**
     * @param window     slots, a power of two.
     * @param deadlineNs how long an open epoch waits for what it lacks.
     * @param epochs     decides when an epoch may close and closes it.
     * @param overrun    counts epochs closed early or skipped for want of room.
     */
    EpochRing(final int window, final long deadlineNs, final Epochs epochs, final AtomicCounter overrun)
    {
        slots = new EpochSlot[window];
        for (int i = 0; i < window; i++)
        {
            slots[i] = new EpochSlot();
        }
        this.deadlineNs = deadlineNs;
        this.epochs = epochs;
        this.overrun = overrun;
    }

    /**
     * The slot of an epoch, opening it and any not yet open before it.
     *
     * @param epoch     the epoch of a piece that arrived.
     * @param nowNs     the node's clock.
     * @param makeRoom  true to close the oldest epochs early when the epoch is a window ahead; false to refuse it.
     * @return the epoch's slot, or null if the epoch is closed already or (not making room) too far ahead.
     */
    EpochSlot slotFor(final long epoch, final long nowNs, final boolean makeRoom)
    {
        final int window = slots.length;
        if (nextEpoch == NONE)
        {
            nextEpoch = epoch;
            highestOpen = epoch - 1;
        }
        else if (epoch < nextEpoch)
        {
            if (closedAny || highestOpen - epoch >= window)
            {
                return null;
            }
            for (long k = epoch; k < nextEpoch; k++)
            {
                slot(k).open(k, nowNs);
            }
            nextEpoch = epoch;
            return slot(epoch);
        }
        else if (epoch - nextEpoch >= window)
        {
            if (!makeRoom)
            {
                return null;
            }
            makeRoom(epoch, nowNs);
        }
        for (long k = highestOpen + 1; k <= epoch; k++)
        {
            slot(k).open(k, nowNs);
        }
        highestOpen = Math.max(highestOpen, epoch);
        return slot(epoch);
    }

    private void makeRoom(final long epoch, final long nowNs)
    {
        final int window = slots.length;
        while (epoch - nextEpoch >= window && nextEpoch <= highestOpen)
        {
            closeOldest(nowNs);
            overrun.incrementOrdered();
        }
        if (epoch - nextEpoch >= window)
        {
            // Epochs of which nothing came at all, further back than the window holds: skipped, counted.
            final long first = epoch - window + 1;
            overrun.getAndAddOrdered(first - nextEpoch);
            nextEpoch = first;
            highestOpen = first - 1;
        }
    }

    /**
     * Close the oldest epochs, in order, while each is settled or past its deadline.
     *
     * @param nowNs the node's clock.
     * @return epochs closed.
     */
    int advance(final long nowNs)
    {
        int closed = 0;
        while (nextEpoch != NONE && nextEpoch <= highestOpen)
        {
            final EpochSlot slot = slot(nextEpoch);
            if (!epochs.settled(slot) && nowNs - slot.openedNs < deadlineNs)
            {
                break;
            }
            closeOldest(nowNs);
            closed++;
        }
        return closed;
    }

    private void closeOldest(final long nowNs)
    {
        closedAny = true;
        epochs.close(slot(nextEpoch), nowNs);
        nextEpoch++;
    }

    private EpochSlot slot(final long epoch)
    {
        return slots[(int)epoch & (slots.length - 1)];
    }

    /** @return the oldest open epoch, or the next to open when none is; {@link #NONE} before any piece. */
    long nextEpoch()
    {
        return nextEpoch;
    }

    /** @return true if an epoch is open. */
    boolean anyOpen()
    {
        return nextEpoch != NONE && nextEpoch <= highestOpen;
    }
}
