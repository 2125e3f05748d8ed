package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * One sampled shot, reused across samples: the fired mechanisms (for a graph: edges), the detectors they leave lit
 * (defects) and the observables they flip (the ground truth a decoder must reproduce).
 */
public final class SampledShot
{
    final int[] defects;
    final int[] firedEdges;
    int defectCount;
    int firedEdgeCount;
    long observableFlips;

    /**
     * @param graph the graph shots will be sampled from; sizes the buffers.
     */
    public SampledShot(final DecodingGraph graph)
    {
        defects = new int[graph.detectorCount()];
        firedEdges = new int[graph.edgeCount()];
    }

    /**
     * @param mechanisms the model shots will be sampled from; sizes the buffers.
     */
    public SampledShot(final ErrorMechanisms mechanisms)
    {
        defects = new int[mechanisms.detectorCount()];
        firedEdges = new int[mechanisms.mechanismCount()];
    }

    /** @return the defect buffer; the first {@link #defectCount()} entries are valid. */
    public int[] defects()
    {
        return defects;
    }

    /** @return number of lit detectors. */
    public int defectCount()
    {
        return defectCount;
    }

    /**
     * @return the fired-mechanism buffer (edges, for a graph); the first {@link #firedEdgeCount()} entries are valid.
     */
    public int[] firedEdges()
    {
        return firedEdges;
    }

    /** @return number of fired mechanisms (edges, for a graph). */
    public int firedEdgeCount()
    {
        return firedEdgeCount;
    }

    /** @return the true logical observable flips of the shot. */
    public long observableFlips()
    {
        return observableFlips;
    }
}
