package io.qecnode.node.harness.chain;

import io.aeron.logbuffer.FragmentHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Stands in for a subscription: fragments queued in order, each copied into its own slot of a preallocated ring, and
 * handed over by {@link #poll} as Aeron would (without a header). Allocates nothing after construction.
 */
final class FragmentQueue implements ChainVerifierAgent.FragmentSource
{
    private static final int SLOT = ChainPieces.SLOT;
    private static final int CAPACITY = 1 << 12;

    private final UnsafeBuffer ring = new UnsafeBuffer(new byte[CAPACITY * SLOT]);
    private final int[] lengths = new int[CAPACITY];
    private long head;
    private long tail;

    void add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (tail - head == CAPACITY || length > SLOT)
        {
            throw new IllegalStateException("queue full or fragment too long: length=" + length);
        }
        final int slot = (int)(tail++ & (CAPACITY - 1));
        ring.putBytes(slot * SLOT, buffer, offset, length);
        lengths[slot] = length;
    }

    int size()
    {
        return (int)(tail - head);
    }

    @Override
    public int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        int handed = 0;
        while (handed < fragmentLimit && head < tail)
        {
            final int slot = (int)(head++ & (CAPACITY - 1));
            handler.onFragment(ring, slot * SLOT, lengths[slot], null);
            handed++;
        }
        return handed;
    }
}
