package io.qecnode.sim.timing;

import org.agrona.concurrent.NanoClock;

/**
 * Paces syndrome rounds at a fixed period, as the measurement cycle of real hardware would, without drift.
 * <p>
 * Round {@code n} (from 0) is due at {@code startNs + n * periodNs}. Each deadline is the previous deadline plus the
 * period, never the serving time plus the period, so lateness in serving one round does not shift the rounds after
 * it. Deadlines are compared as {@code deadlineNs - nowNs <= 0}, which stays correct when the clock wraps past
 * {@link Long#MAX_VALUE}. A period of 0 is the unpaced mode for throughput tests: every call finds a round due.
 * <p>
 * <b>Note:</b> after a stall the pacer reports rounds due back to back until it has caught up, because hardware keeps
 * measuring while the node is stalled; {@link #lateRoundCount()} tells how often that happened. Call
 * {@link #start(long)} before the first {@link #isDue(long)}. Not thread safe: use from the one thread that emits
 * rounds. No method allocates.
 */
public final class RoundPacer
{
    private final NanoClock clock;
    private final long periodNs;
    private long deadlineNs;
    private long roundCount;
    private long lastLatenessNs;
    private long lateRoundCount;

    /**
     * Create a pacer that is not yet started.
     *
     * @param clock    the time source, {@code SystemNanoClock.INSTANCE} in production.
     * @param periodNs between the deadlines of consecutive rounds; 0 for unpaced.
     * @throws IllegalArgumentException if {@code periodNs} is negative.
     */
    public RoundPacer(final NanoClock clock, final long periodNs)
    {
        if (periodNs < 0)
        {
            throw new IllegalArgumentException("periodNs must be >= 0: periodNs=" + periodNs);
        }
        this.clock = clock;
        this.periodNs = periodNs;
    }

    /**
     * Start a fresh schedule at the clock's current time, with the first round due at once.
     */
    public void start()
    {
        start(clock.nanoTime());
    }

    /**
     * Start a fresh schedule whose first round is due at {@code nowNs}, and reset the counters.
     *
     * @param nowNs the time the first round is due, from the same clock as later calls.
     */
    public void start(final long nowNs)
    {
        deadlineNs = nowNs;
        roundCount = 0;
        lastLatenessNs = 0;
        lateRoundCount = 0;
    }

    /**
     * Read the clock and tell whether the next round is due, advancing the schedule if it is.
     *
     * @return true if the caller should emit a round now.
     * @see #isDue(long)
     */
    public boolean isDue()
    {
        return isDue(clock.nanoTime());
    }

    /**
     * Tell whether the next round is due at {@code nowNs}; if so, count it as emitted, record its lateness and move the
     * deadline on by exactly one period.
     *
     * @param nowNs the current time, from the same clock as {@link #start(long)}.
     * @return true if the caller should emit a round now.
     */
    public boolean isDue(final long nowNs)
    {
        if (periodNs == 0)
        {
            // Unpaced rounds have no schedule to be late against.
            roundCount++;
            return true;
        }

        final long deadlineNs = this.deadlineNs;
        if (deadlineNs - nowNs > 0)
        {
            return false;
        }

        final long latenessNs = nowNs - deadlineNs;
        lastLatenessNs = latenessNs;
        if (latenessNs > periodNs)
        {
            lateRoundCount++;
        }
        roundCount++;
        this.deadlineNs = deadlineNs + periodNs;
        return true;
    }

    /**
     * The time the next round is due; in unpaced mode this stays at the start time.
     *
     * @return the deadline of the next round in ns, on the injected clock's timeline.
     */
    public long nextDeadlineNs()
    {
        return deadlineNs;
    }

    /**
     * The fixed time between the deadlines of consecutive rounds.
     *
     * @return the period in ns, 0 when unpaced.
     */
    public long periodNs()
    {
        return periodNs;
    }

    /**
     * The number of rounds reported due since {@link #start(long)}.
     *
     * @return the count of rounds emitted.
     */
    public long roundCount()
    {
        return roundCount;
    }

    /**
     * How far behind its deadline the last round was served; always 0 when unpaced.
     *
     * @return the lateness of the last round in ns.
     */
    public long lastLatenessNs()
    {
        return lastLatenessNs;
    }

    /**
     * The number of rounds served more than one full period after their deadline, i.e. while the next round was
     * already due as well.
     *
     * @return the count of rounds more than one period late since {@link #start(long)}.
     */
    public long lateRoundCount()
    {
        return lateRoundCount;
    }
}
