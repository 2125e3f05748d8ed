package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * Reusable output of a decode: the correction edges, the logical observables they flip, and how the decode went.
 */
public final class DecodeResult
{
    final int[] correctionEdges;
    int correctionCount;
    long observableFlips;
    int unmatchedDefects;
    int growthSteps;

    /**
     * @param graph the graph decoded; sizes the correction buffer.
     */
    public DecodeResult(final DecodingGraph graph)
    {
        correctionEdges = new int[graph.vertexCount()];
    }

    /** @return the correction buffer; the first {@link #correctionCount()} entries are edge indices. */
    public int[] correctionEdges()
    {
        return correctionEdges;
    }

    /** @return number of edges in the correction. */
    public int correctionCount()
    {
        return correctionCount;
    }

    /** @return XOR of the observable masks of the correction edges: the predicted logical flips. */
    public long observableFlips()
    {
        return observableFlips;
    }

    /**
     * @return defects the decoder could not pair or take to the boundary (an odd cluster that ran out of edges);
     * 0 for any syndrome the graph can produce.
     */
    public int unmatchedDefects()
    {
        return unmatchedDefects;
    }

    /** @return growth rounds the decode took. */
    public int growthSteps()
    {
        return growthSteps;
    }

    void clear()
    {
        correctionCount = 0;
        observableFlips = 0;
        unmatchedDefects = 0;
        growthSteps = 0;
    }

    void addEdge(final int edge, final long observables)
    {
        correctionEdges[correctionCount++] = edge;
        observableFlips ^= observables;
    }
}
