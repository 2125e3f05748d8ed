package io.qecnode.node.pipeline;

import java.util.Arrays;

/**
 * How many rounds the hot thread's work lags behind the hardware: a round's arrival time less its emit time, above
 * the least such transit seen (so that a constant clock offset or wire time does not count), divided by the round
 * period. The period is the median of the last {@value #DELTAS} gaps between consecutive emit times, re-estimated
 * every {@value #ESTIMATE_EVERY} gaps: a stall of the hardware or a burst after one moves it little.
 * <p>
 * <b>Note:</b> hot thread only; allocates nothing after construction.
 */
final class RoundLag
{
    private static final int DELTAS = 15;
    private static final int ESTIMATE_EVERY = 256;

    private final long[] deltas = new long[DELTAS];
    private final long[] sorted = new long[DELTAS];
    private int deltaCount;
    private int nextDelta;
    private int sinceEstimate;
    private long lastEmitNs;
    private boolean anyRound;
    private long periodNs;
    private long leastTransitNs = Long.MAX_VALUE;

    /**
     * @param arrivedNs the round's arrival, on the node's clock.
     * @param emitNs    its emit time, as the hardware stamped it.
     * @return rounds the hardware has emitted since this one, estimated; 0 until the period is known.
     */
    long roundsBehind(final long arrivedNs, final long emitNs)
    {
        if (anyRound && emitNs > lastEmitNs)
        {
            deltas[nextDelta] = emitNs - lastEmitNs;
            nextDelta = nextDelta == DELTAS - 1 ? 0 : nextDelta + 1;
            deltaCount = Math.min(DELTAS, deltaCount + 1);
            if (deltaCount == DELTAS && (periodNs == 0 || ++sinceEstimate >= ESTIMATE_EVERY))
            {
                estimatePeriod();
            }
        }
        if (!anyRound || emitNs > lastEmitNs)
        {
            lastEmitNs = emitNs;
            anyRound = true;
        }
        final long transitNs = arrivedNs - emitNs;
        if (transitNs < leastTransitNs)
        {
            leastTransitNs = transitNs;
        }
        return periodNs == 0 ? 0 : (transitNs - leastTransitNs) / periodNs;
    }

    private void estimatePeriod()
    {
        sinceEstimate = 0;
        System.arraycopy(deltas, 0, sorted, 0, DELTAS);
        Arrays.sort(sorted);
        periodNs = Math.max(1, sorted[DELTAS / 2]);
    }

    /** @return the round period estimated from the emit times, ns; 0 until known. */
    long periodNs()
    {
        return periodNs;
    }
}
