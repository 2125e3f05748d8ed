package io.qecnode.io.frame;

/**
 * Where {@link FrameValidator} counts what it sees. Implementations must not allocate.
 */
public interface FrameCounters
{
    /**
     * Add one to a counter.
     *
     * @param counter to add to.
     */
    void increment(FrameCounter counter);

    /**
     * Add to a counter.
     *
     * @param counter to add to.
     * @param delta   to add, not negative.
     */
    void add(FrameCounter counter, long delta);
}
