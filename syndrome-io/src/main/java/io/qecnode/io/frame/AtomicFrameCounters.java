package io.qecnode.io.frame;

import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * {@link FrameCounters} over Agrona {@link AtomicCounter}s, so the counts are visible from outside the process through
 * the counters file they live in.
 * <p>
 * <b>Note:</b> one thread writes (the validating thread): counters are updated with release stores, not atomic
 * read-modify-write, which readers on other threads see correctly but a second writer would not.
 */
public final class AtomicFrameCounters implements FrameCounters, AutoCloseable
{
    private final AtomicCounter[] counters;

    /**
     * Wrap counters that already exist.
     *
     * @param counters one per {@link FrameCounter}, indexed by {@link FrameCounter#ordinal()}; the array is copied.
     * @throws IllegalArgumentException if the array has the wrong length or holds a null.
     */
    public AtomicFrameCounters(final AtomicCounter[] counters)
    {
        if (counters.length != FrameCounter.count())
        {
            throw new IllegalArgumentException(
                "one counter per kind: length=" + counters.length + ", kinds=" + FrameCounter.count());
        }
        for (int i = 0; i < counters.length; i++)
        {
            if (null == counters[i])
            {
                throw new IllegalArgumentException("missing counter: kind=" + FrameCounter.get(i));
            }
        }

        this.counters = counters.clone();
    }

    /**
     * Create one counter per kind, with its type id and label.
     *
     * @param allocator that creates the counters, {@code aeron::addCounter} for instance.
     * @return the counters; closing them frees the counters.
     */
    public static AtomicFrameCounters allocate(final CounterAllocator allocator)
    {
        final AtomicCounter[] counters = new AtomicCounter[FrameCounter.count()];
        try
        {
            for (int i = 0; i < counters.length; i++)
            {
                final FrameCounter kind = FrameCounter.get(i);
                counters[i] = allocator.newCounter(kind.typeId(), kind.label());
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(counters);
            throw ex;
        }

        return new AtomicFrameCounters(counters);
    }

    /**
     * Create one counter per kind in a counters manager, with its type id and label.
     *
     * @param countersManager to allocate the counters in.
     * @return the counters; closing them frees the counters.
     */
    public static AtomicFrameCounters allocate(final CountersManager countersManager)
    {
        return allocate((typeId, label) -> countersManager.newCounter(label, typeId));
    }

    /**
     * {@inheritDoc}
     */
    public void increment(final FrameCounter counter)
    {
        counters[counter.ordinal()].incrementRelease();
    }

    /**
     * {@inheritDoc}
     */
    public void add(final FrameCounter counter, final long delta)
    {
        counters[counter.ordinal()].getAndAddRelease(delta);
    }

    /**
     * @param counter kind to look up.
     * @return the counter behind it.
     */
    public AtomicCounter counter(final FrameCounter counter)
    {
        return counters[counter.ordinal()];
    }

    /**
     * Close every counter, which frees it in its counters manager.
     */
    public void close()
    {
        CloseHelper.closeAll(counters);
    }
}
