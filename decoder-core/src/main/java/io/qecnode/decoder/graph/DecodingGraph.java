package io.qecnode.decoder.graph;

/**
 * An immutable decoding graph: vertices {@code 0..detectorCount-1} are detectors and vertex {@code detectorCount}
 * is the single virtual boundary vertex. Each edge is one independent error mechanism flipping one or two detectors
 * (one: the other end is the boundary vertex), with a probability, an integer weight and the mask of logical
 * observables it flips.
 * <p>
 * Adjacency is stored as compressed sparse rows: the edges incident to vertex {@code v} are
 * {@code adjacentEdge(i)} for {@code i} in {@code [adjacencyStart(v), adjacencyStart(v + 1))}.
 * Build instances with {@link DecodingGraphBuilder}.
 */
public final class DecodingGraph
{
    /** Largest number of logical observables an edge mask can hold (one bit each in a {@code long}). */
    public static final int MAX_OBSERVABLES = 64;

    private final int detectorCount;
    private final int observableCount;
    private final int[] edgeSource;
    private final int[] edgeTarget;
    private final double[] edgeProbability;
    private final int[] edgeWeight;
    // Bit k set: the edge flips logical observable k.
    private final long[] edgeObservables;
    private final int[] adjacencyStart;
    private final int[] adjacencyEdges;
    // Weight units per unit of log-likelihood ratio: edgeWeight = weightOf(edgeProbability, 1).
    private final double weightScale;
    private final EdgeCorrelations correlations;

    DecodingGraph(
        final int detectorCount,
        final int observableCount,
        final int[] edgeSource,
        final int[] edgeTarget,
        final double[] edgeProbability,
        final int[] edgeWeight,
        final long[] edgeObservables,
        final double weightScale)
    {
        this.detectorCount = detectorCount;
        this.observableCount = observableCount;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.edgeProbability = edgeProbability;
        this.edgeWeight = edgeWeight;
        this.edgeObservables = edgeObservables;
        this.weightScale = weightScale;
        this.correlations = null;

        final int vertexCount = detectorCount + 1;
        adjacencyStart = new int[vertexCount + 1];
        for (int e = 0; e < edgeSource.length; e++)
        {
            adjacencyStart[edgeSource[e] + 1]++;
            adjacencyStart[edgeTarget[e] + 1]++;
        }
        for (int v = 0; v < vertexCount; v++)
        {
            adjacencyStart[v + 1] += adjacencyStart[v];
        }
        adjacencyEdges = new int[adjacencyStart[vertexCount]];
        final int[] fill = new int[vertexCount];
        for (int e = 0; e < edgeSource.length; e++)
        {
            final int u = edgeSource[e];
            final int v = edgeTarget[e];
            adjacencyEdges[adjacencyStart[u] + fill[u]++] = e;
            adjacencyEdges[adjacencyStart[v] + fill[v]++] = e;
        }
    }

    // The same graph with correlations attached: every array shared, nothing recomputed.
    private DecodingGraph(final DecodingGraph graph, final EdgeCorrelations correlations)
    {
        this.detectorCount = graph.detectorCount;
        this.observableCount = graph.observableCount;
        this.edgeSource = graph.edgeSource;
        this.edgeTarget = graph.edgeTarget;
        this.edgeProbability = graph.edgeProbability;
        this.edgeWeight = graph.edgeWeight;
        this.edgeObservables = graph.edgeObservables;
        this.adjacencyStart = graph.adjacencyStart;
        this.adjacencyEdges = graph.adjacencyEdges;
        this.weightScale = graph.weightScale;
        this.correlations = correlations;
    }

    /**
     * @param correlations which edges an error on each edge of this graph makes likelier, built for this graph.
     * @return the same graph carrying the correlations; this graph when there are none.
     */
    public DecodingGraph withCorrelations(final EdgeCorrelations correlations)
    {
        if (correlations.edgeCount() != edgeCount())
        {
            throw new IllegalArgumentException("correlations are for another graph: correlationEdges=" +
                correlations.edgeCount() + ", edges=" + edgeCount());
        }
        return correlations.pairCount() == 0 ? this : new DecodingGraph(this, correlations);
    }

    /**
     * @return the edges an error on each edge makes likelier (from a detector error model's {@code ^}-decomposed
     * errors), or null when the graph has none, as for graphs of the built-in noise models.
     */
    public EdgeCorrelations correlations()
    {
        return correlations;
    }

    /**
     * The weight of a probability, {@code round(finer * scale * ln((1-p)/p))} clamped to
     * {@code [1, DecodingGraphBuilder.MAX_WEIGHT]}, with the scale fixed when the graph was built: with {@code finer}
     * 1, every edge weight is this of the edge's probability.
     *
     * @param p     a probability in (0, 1].
     * @param finer how many times finer than this graph's weights, at least 1.
     * @return the weight of p on a scale {@code finer} times this graph's.
     */
    public int weightOf(final double p, final int finer)
    {
        return DecodingGraphBuilder.weight(weightScale * finer, p);
    }

    /** @return number of detectors, which is also the index of the boundary vertex. */
    public int detectorCount()
    {
        return detectorCount;
    }

    /** @return number of vertices: the detectors plus the boundary vertex. */
    public int vertexCount()
    {
        return detectorCount + 1;
    }

    /** @return index of the virtual boundary vertex. */
    public int boundaryVertex()
    {
        return detectorCount;
    }

    /** @return number of logical observables the edge masks refer to. */
    public int observableCount()
    {
        return observableCount;
    }

    /** @return number of edges. */
    public int edgeCount()
    {
        return edgeSource.length;
    }

    /**
     * @param edge index of the edge.
     * @return the lower-numbered end of the edge (always a detector).
     */
    public int edgeSource(final int edge)
    {
        return edgeSource[edge];
    }

    /**
     * @param edge index of the edge.
     * @return the higher-numbered end of the edge, which is {@link #boundaryVertex()} for a boundary edge.
     */
    public int edgeTarget(final int edge)
    {
        return edgeTarget[edge];
    }

    /**
     * @param edge   index of the edge.
     * @param vertex one end of the edge.
     * @return the other end of the edge.
     */
    public int otherEnd(final int edge, final int vertex)
    {
        return edgeSource[edge] ^ edgeTarget[edge] ^ vertex;
    }

    /**
     * @param edge index of the edge.
     * @return probability that the mechanism fires in one shot.
     */
    public double edgeProbability(final int edge)
    {
        return edgeProbability[edge];
    }

    /**
     * @param edge index of the edge.
     * @return integer weight, a scaled log-likelihood ratio {@code ln((1-p)/p)}, at least 1.
     */
    public int edgeWeight(final int edge)
    {
        return edgeWeight[edge];
    }

    /**
     * @param edge index of the edge.
     * @return mask of the logical observables the edge flips (bit k = observable k).
     */
    public long edgeObservables(final int edge)
    {
        return edgeObservables[edge];
    }

    /**
     * @param edge index of the edge.
     * @return true when one end of the edge is the boundary vertex.
     */
    public boolean isBoundaryEdge(final int edge)
    {
        return edgeTarget[edge] == detectorCount;
    }

    /**
     * @param vertex a vertex, detector or boundary.
     * @return first position of the vertex's incident edges in the adjacency array.
     */
    public int adjacencyStart(final int vertex)
    {
        return adjacencyStart[vertex];
    }

    /**
     * @param vertex a vertex, detector or boundary.
     * @return position one past the last of the vertex's incident edges in the adjacency array.
     */
    public int adjacencyEnd(final int vertex)
    {
        return adjacencyStart[vertex + 1];
    }

    /**
     * @param position position in the adjacency array.
     * @return the edge stored at that position.
     */
    public int adjacentEdge(final int position)
    {
        return adjacencyEdges[position];
    }

    /**
     * @param vertex a vertex.
     * @return number of edges incident to the vertex.
     */
    public int degree(final int vertex)
    {
        return adjacencyStart[vertex + 1] - adjacencyStart[vertex];
    }

    /**
     * @return the edge weights, copied; decoders that keep their own layout take them once at construction.
     */
    public int[] copyEdgeWeights()
    {
        return edgeWeight.clone();
    }

    public String toString()
    {
        return "DecodingGraph{detectors=" + detectorCount + ", edges=" + edgeSource.length +
            ", observables=" + observableCount +
            (correlations == null ? "" : ", correlatedPairs=" + correlations.pairCount()) + "}";
    }
}
