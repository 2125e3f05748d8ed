package io.qecnode.decoder.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects error mechanisms and builds a {@link DecodingGraph}.
 * <p>
 * Parallel mechanisms between the same pair of vertices merge into one edge: they are independent flips, so the
 * merged edge fires when an odd number of them fire, {@code p = p1(1-p2) + p2(1-p1)}. If parallel mechanisms flip
 * different observables the merged edge keeps the observables of the likelier one (a matcher can only carry one
 * mask per edge); {@link #conflictingMerges()} counts these.
 * <p>
 * Weights are {@code round(scale * ln((1-p)/p))}, clamped to {@code [1, MAX_WEIGHT]}, where the scale puts the most
 * likely edge at {@code weightResolution} units. Mechanisms with {@code p >= 0.5} carry no information about where an
 * error is and get the minimum weight.
 * <p>
 * <b>Note:</b> cold path only; allocates freely.
 */
public final class DecodingGraphBuilder
{
    /** Integer weight units given to the most likely edge, unless set otherwise. */
    public static final int WEIGHT_RESOLUTION_DEFAULT = 10;

    /** Largest integer weight of an edge. */
    public static final int MAX_WEIGHT = 1 << 14;

    // Floor on the log-likelihood ratio used to derive the scale, so that one near-certain edge does not blow it up.
    private static final double MIN_SCALE_LLR = 0.05;

    private final int detectorCount;
    private final int observableCount;
    private final Map<Long, Integer> edgeIndexByEnds = new HashMap<>();
    private int[] source = new int[64];
    private int[] target = new int[64];
    private double[] probability = new double[64];
    private long[] observables = new long[64];
    private int edgeCount;
    private int conflictingMerges;
    private int weightResolution = WEIGHT_RESOLUTION_DEFAULT;

    /**
     * @param detectorCount   number of detectors; the boundary vertex gets this index.
     * @param observableCount number of logical observables, at most {@link DecodingGraph#MAX_OBSERVABLES}.
     */
    public DecodingGraphBuilder(final int detectorCount, final int observableCount)
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
     * @param units integer weight given to the most likely edge; finer resolution tracks probabilities more closely.
     * @return this builder.
     */
    public DecodingGraphBuilder weightResolution(final int units)
    {
        if (units < 1 || units > MAX_WEIGHT)
        {
            throw new IllegalArgumentException("weightResolution must be in [1, " + MAX_WEIGHT + "]: units=" + units);
        }
        this.weightResolution = units;
        return this;
    }

    /** @return index the builder uses for the boundary vertex. */
    public int boundaryVertex()
    {
        return detectorCount;
    }

    /**
     * Add a mechanism flipping two detectors, or one detector when the other end is {@link #boundaryVertex()}.
     *
     * @param a           first detector.
     * @param b           second detector or the boundary vertex.
     * @param p           probability that the mechanism fires, in [0, 1]; 0 adds nothing.
     * @param observables mask of the logical observables the mechanism flips.
     * @return this builder.
     */
    public DecodingGraphBuilder addEdge(final int a, final int b, final double p, final long observables)
    {
        checkVertex(a, "a");
        checkVertex(b, "b");
        if (a == b)
        {
            throw new IllegalArgumentException("an edge needs two distinct ends: a=" + a + ", b=" + b);
        }
        if (a == detectorCount && b == detectorCount)
        {
            throw new IllegalArgumentException("an edge cannot join the boundary to itself");
        }
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new IllegalArgumentException("probability must be in [0, 1]: p=" + p);
        }
        if (observableCount < DecodingGraph.MAX_OBSERVABLES && (observables >>> observableCount) != 0)
        {
            throw new IllegalArgumentException("observable mask names an observable >= observableCount: mask=0x" +
                Long.toHexString(observables) + ", observableCount=" + observableCount);
        }
        if (p == 0.0)
        {
            return this;
        }

        final int low = Math.min(a, b);
        final int high = Math.max(a, b);
        // low * vertexCount + high spreads the keys; (low << 32) | high hashes to low ^ high, which collides badly.
        final Integer existing = edgeIndexByEnds.putIfAbsent((long)low * (detectorCount + 1) + high, edgeCount);
        if (existing != null)
        {
            mergeInto(existing, p, observables);
            return this;
        }

        ensureCapacity();
        source[edgeCount] = low;
        target[edgeCount] = high;
        probability[edgeCount] = p;
        this.observables[edgeCount] = observables;
        edgeCount++;
        return this;
    }

    /**
     * Add a mechanism flipping a single detector: an edge to the boundary vertex.
     *
     * @param detector    the detector flipped.
     * @param p           probability that the mechanism fires.
     * @param observables mask of the logical observables the mechanism flips.
     * @return this builder.
     */
    public DecodingGraphBuilder addBoundaryEdge(final int detector, final double p, final long observables)
    {
        return addEdge(detector, detectorCount, p, observables);
    }

    /** @return number of merges so far whose parts flipped different observables. */
    public int conflictingMerges()
    {
        return conflictingMerges;
    }

    /** @return number of distinct edges so far. */
    public int edgeCount()
    {
        return edgeCount;
    }

    /**
     * @return the graph; the builder may be reused to add more edges and build again.
     */
    public DecodingGraph build()
    {
        double minLlr = Double.MAX_VALUE;
        for (int e = 0; e < edgeCount; e++)
        {
            minLlr = Math.min(minLlr, Math.max(logLikelihoodRatio(probability[e]), MIN_SCALE_LLR));
        }
        final double scale = edgeCount == 0 ? 1.0 : weightResolution / minLlr;
        final int[] weight = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            weight[e] = weight(scale, probability[e]);
        }

        return new DecodingGraph(
            detectorCount,
            observableCount,
            Arrays.copyOf(source, edgeCount),
            Arrays.copyOf(target, edgeCount),
            Arrays.copyOf(probability, edgeCount),
            weight,
            Arrays.copyOf(observables, edgeCount),
            scale);
    }

    /**
     * @param a one end of an edge added so far.
     * @param b the other end, a detector or {@link #boundaryVertex()}.
     * @return index the edge between them has in the graph {@link #build()} gives, or -1 when none was added.
     */
    public int edgeIndex(final int a, final int b)
    {
        final Integer edge = edgeIndexByEnds.get((long)Math.min(a, b) * (detectorCount + 1) + Math.max(a, b));
        return edge == null ? -1 : edge;
    }

    static int weight(final double scale, final double p)
    {
        final double scaled = Math.rint(scale * logLikelihoodRatio(p));
        return (int)Math.max(1.0, Math.min(MAX_WEIGHT, scaled));
    }

    /**
     * @param p probability of an error.
     * @return {@code ln((1-p)/p)}, infinite at p = 0.
     */
    public static double logLikelihoodRatio(final double p)
    {
        return Math.log((1.0 - p) / p);
    }

    private void mergeInto(final int edge, final double p, final long mask)
    {
        final double q = probability[edge];
        if (observables[edge] != mask)
        {
            conflictingMerges++;
            if (p > q)
            {
                observables[edge] = mask;
            }
        }
        probability[edge] = q * (1.0 - p) + p * (1.0 - q);
    }

    private void checkVertex(final int vertex, final String name)
    {
        if (vertex < 0 || vertex > detectorCount)
        {
            throw new IllegalArgumentException(name + " is not a vertex: " + name + "=" + vertex +
                ", detectorCount=" + detectorCount + " (boundary vertex=" + detectorCount + ")");
        }
    }

    private void ensureCapacity()
    {
        if (edgeCount == source.length)
        {
            final int capacity = source.length * 2;
            source = Arrays.copyOf(source, capacity);
            target = Arrays.copyOf(target, capacity);
            probability = Arrays.copyOf(probability, capacity);
            observables = Arrays.copyOf(observables, capacity);
        }
    }
}
