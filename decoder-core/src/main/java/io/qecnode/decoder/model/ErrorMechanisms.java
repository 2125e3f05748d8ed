package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

/**
 * Independent error mechanisms, read as a noise model: mechanism {@code m} fires with {@code probability(m)} and then
 * flips every detector in its set and the logical observables in its mask. This is what a sampler needs, and it can
 * say more than a {@link DecodingGraph}: a Stim error decomposed with {@code ^} is one mechanism that flips all its
 * components' detectors together, whereas the graph keeps each component as an edge of its own, and sampling those
 * edges independently gives wrong detection-event correlations and observable flips.
 * <p>
 * The detector sets are compressed rows: mechanism {@code m} flips {@code detectorAt(i)} for {@code i} in
 * {@code [detectorStart(m), detectorEnd(m))}, each detector at most once, in increasing order. A set may be empty when
 * the mechanism only flips observables (no detector sees it). Build instances with {@link ErrorMechanismsBuilder} or
 * {@link #of(DecodingGraph)}; they are immutable.
 */
public final class ErrorMechanisms
{
    private final int detectorCount;
    private final int observableCount;
    private final double[] probability;
    // Bit k set: the mechanism flips logical observable k.
    private final long[] observables;
    private final int[] detectorStart;
    private final int[] detectors;

    ErrorMechanisms(
        final int detectorCount,
        final int observableCount,
        final double[] probability,
        final long[] observables,
        final int[] detectorStart,
        final int[] detectors)
    {
        this.detectorCount = detectorCount;
        this.observableCount = observableCount;
        this.probability = probability;
        this.observables = observables;
        this.detectorStart = detectorStart;
        this.detectors = detectors;
    }

    /**
     * Read a decoding graph as a noise model: edge {@code e} becomes mechanism {@code e}, flipping the edge's one or
     * two detectors and its observables. Exact for graphs whose edges are truly independent, as in the built-in
     * {@link SurfaceCodeModel}s.
     *
     * @param graph the graph.
     * @return one mechanism per edge, in edge order.
     */
    public static ErrorMechanisms of(final DecodingGraph graph)
    {
        final int edgeCount = graph.edgeCount();
        final double[] probability = new double[edgeCount];
        final long[] observables = new long[edgeCount];
        final int[] start = new int[edgeCount + 1];
        final int[] detectors = new int[2 * edgeCount];
        int position = 0;
        for (int e = 0; e < edgeCount; e++)
        {
            probability[e] = graph.edgeProbability(e);
            observables[e] = graph.edgeObservables(e);
            start[e] = position;
            detectors[position++] = graph.edgeSource(e);
            if (!graph.isBoundaryEdge(e))
            {
                detectors[position++] = graph.edgeTarget(e);
            }
        }
        start[edgeCount] = position;
        return new ErrorMechanisms(graph.detectorCount(), graph.observableCount(), probability, observables, start,
            Arrays.copyOf(detectors, position));
    }

    /**
     * The same mechanisms at raised (or lowered) rates, e.g. for a burst of errors such as a cosmic-ray event.
     *
     * @param factor multiplies every probability; finite and {@code > 0}.
     * @param cap    largest probability the scaling may produce, in (0, 1]; a probability already above it is kept.
     * @return the scaled mechanisms; the detector sets and masks are shared, not copied.
     */
    public ErrorMechanisms scaled(final double factor, final double cap)
    {
        if (!(factor > 0.0 && factor < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException("factor must be finite and > 0: factor=" + factor);
        }
        if (!(cap > 0.0 && cap <= 1.0))
        {
            throw new IllegalArgumentException("cap must be in (0, 1]: cap=" + cap);
        }
        final double[] scaled = new double[probability.length];
        for (int m = 0; m < scaled.length; m++)
        {
            final double p = probability[m];
            scaled[m] = p >= cap ? p : Math.min(p * factor, cap);
        }
        return new ErrorMechanisms(detectorCount, observableCount, scaled, observables, detectorStart, detectors);
    }

    /** @return number of detectors the sets refer to. */
    public int detectorCount()
    {
        return detectorCount;
    }

    /** @return number of logical observables the masks refer to. */
    public int observableCount()
    {
        return observableCount;
    }

    /** @return number of mechanisms. */
    public int mechanismCount()
    {
        return probability.length;
    }

    /**
     * @param mechanism index of the mechanism.
     * @return probability that it fires in one shot.
     */
    public double probability(final int mechanism)
    {
        return probability[mechanism];
    }

    /**
     * @param mechanism index of the mechanism.
     * @return mask of the logical observables it flips (bit k = observable k).
     */
    public long observables(final int mechanism)
    {
        return observables[mechanism];
    }

    /**
     * @param mechanism index of the mechanism.
     * @return first position of its detectors, see {@link #detectorAt(int)}.
     */
    public int detectorStart(final int mechanism)
    {
        return detectorStart[mechanism];
    }

    /**
     * @param mechanism index of the mechanism.
     * @return position one past its last detector.
     */
    public int detectorEnd(final int mechanism)
    {
        return detectorStart[mechanism + 1];
    }

    /**
     * @param position position in the flat detector array.
     * @return the detector stored there.
     */
    public int detectorAt(final int position)
    {
        return detectors[position];
    }

    public String toString()
    {
        return "ErrorMechanisms{mechanisms=" + probability.length + ", detectors=" + detectorCount +
            ", observables=" + observableCount + "}";
    }
}
