package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

/**
 * Collects error mechanisms and builds {@link ErrorMechanisms}. Unlike
 * {@link io.qecnode.decoder.graph.DecodingGraphBuilder} nothing is merged: every mechanism added with {@code p > 0}
 * stays a mechanism of its own, in the order added, however many detectors it flips.
 * <p>
 * <b>Note:</b> cold path only; allocates freely.
 */
public final class ErrorMechanismsBuilder
{
    private final int detectorCount;
    private final int observableCount;
    private int mechanismCount;
    private double[] probability = new double[64];
    private long[] observables = new long[64];
    private int[] start = new int[65];
    private int detectorTotal;
    private int[] detectors = new int[128];
    private int[] scratch = new int[8];

    /**
     * @param detectorCount   number of detectors the mechanisms may flip.
     * @param observableCount number of logical observables, at most {@link DecodingGraph#MAX_OBSERVABLES}.
     */
    public ErrorMechanismsBuilder(final int detectorCount, final int observableCount)
    {
        if (detectorCount < 0)
        {
            throw new IllegalArgumentException("detectorCount must be >= 0: detectorCount=" + detectorCount);
        }
        if (observableCount < 0 || observableCount > DecodingGraph.MAX_OBSERVABLES)
        {
            throw new IllegalArgumentException("observableCount must be in [0, " + DecodingGraph.MAX_OBSERVABLES +
                "]: observableCount=" + observableCount);
        }
        this.detectorCount = detectorCount;
        this.observableCount = observableCount;
    }

    /**
     * Add a mechanism. A detector listed an even number of times is not flipped (two flips cancel, as in Stim); a
     * mechanism with {@code p = 0}, or that flips nothing once pairs cancel, adds nothing.
     *
     * @param p           probability that the mechanism fires, in [0, 1].
     * @param detectors   the detectors it flips; read, not kept.
     * @param count       number of entries to take from {@code detectors}.
     * @param observables mask of the logical observables it flips.
     * @return this builder.
     */
    public ErrorMechanismsBuilder add(final double p, final int[] detectors, final int count, final long observables)
    {
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new IllegalArgumentException("probability must be in [0, 1]: p=" + p);
        }
        if (observableCount < DecodingGraph.MAX_OBSERVABLES && (observables >>> observableCount) != 0)
        {
            throw new IllegalArgumentException("observable mask names an observable >= observableCount: mask=0x" +
                Long.toHexString(observables) + ", observableCount=" + observableCount);
        }
        for (int i = 0; i < count; i++)
        {
            if (detectors[i] < 0 || detectors[i] >= detectorCount)
            {
                throw new IllegalArgumentException("not a detector: detector=" + detectors[i] + ", index=" + i +
                    ", detectorCount=" + detectorCount);
            }
        }
        final int flipped = oddDetectors(detectors, count);
        if (p == 0.0 || (flipped == 0 && observables == 0))
        {
            return this;
        }

        ensureCapacity(flipped);
        probability[mechanismCount] = p;
        this.observables[mechanismCount] = observables;
        System.arraycopy(scratch, 0, this.detectors, detectorTotal, flipped);
        detectorTotal += flipped;
        mechanismCount++;
        start[mechanismCount] = detectorTotal;
        return this;
    }

    /** @return number of mechanisms so far. */
    public int mechanismCount()
    {
        return mechanismCount;
    }

    /** @return the mechanisms; the builder may be reused to add more and build again. */
    public ErrorMechanisms build()
    {
        return new ErrorMechanisms(
            detectorCount,
            observableCount,
            Arrays.copyOf(probability, mechanismCount),
            Arrays.copyOf(observables, mechanismCount),
            Arrays.copyOf(start, mechanismCount + 1),
            Arrays.copyOf(detectors, detectorTotal));
    }

    // Leaves the detectors named an odd number of times in scratch, increasing; returns how many.
    private int oddDetectors(final int[] detectors, final int count)
    {
        if (scratch.length < count)
        {
            scratch = new int[count];
        }
        System.arraycopy(detectors, 0, scratch, 0, count);
        Arrays.sort(scratch, 0, count);
        int kept = 0;
        int i = 0;
        while (i < count)
        {
            int run = 1;
            while (i + run < count && scratch[i + run] == scratch[i])
            {
                run++;
            }
            if ((run & 1) != 0)
            {
                scratch[kept++] = scratch[i];
            }
            i += run;
        }
        return kept;
    }

    private void ensureCapacity(final int flipped)
    {
        if (mechanismCount == probability.length)
        {
            final int capacity = 2 * probability.length;
            probability = Arrays.copyOf(probability, capacity);
            observables = Arrays.copyOf(observables, capacity);
            start = Arrays.copyOf(start, capacity + 1);
        }
        if (detectorTotal + flipped > detectors.length)
        {
            detectors = Arrays.copyOf(detectors, Math.max(2 * detectors.length, detectorTotal + flipped));
        }
    }
}
