package io.qecnode.io.frame;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Creates a counter with a type id and label. {@code Aeron::addCounter} fits, so the frame counters can live in the
 * media driver's counters file; {@link AtomicFrameCounters#allocate(org.agrona.concurrent.status.CountersManager)}
 * covers a plain Agrona {@code CountersManager}.
 */
@FunctionalInterface
public interface CounterAllocator
{
    /**
     * Create a counter.
     *
     * @param typeId of the counter, see {@link FrameCounter#typeId()}.
     * @param label  of the counter, see {@link FrameCounter#label()}.
     * @return the new counter, owned by the caller.
     */
    AtomicCounter newCounter(int typeId, String label);
}
