package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraphBuilder;

/**
 * Second walk over a model: turns every error component into a graph edge and counts what happened to them.
 * Detector indices were checked by {@link DetectorScan}, so they fit the builder.
 */
final class GraphAssembly implements DemVisitor
{
    private final DecodingGraphBuilder builder;
    private long errorCount;
    private long componentCount;
    private long undetectableComponentCount;
    private long parallelMergeCount;

    /**
     * @param builder sized for the model's detectors and observables.
     */
    GraphAssembly(final DecodingGraphBuilder builder)
    {
        this.builder = builder;
    }

    public void onError(final DemInstruction error, final long detectorOffset)
    {
        errorCount++;
        final double p = error.probability();
        final long[] detectors = error.detectors();
        final long[] observables = error.observables();
        for (int c = 0; c < observables.length; c++)
        {
            componentCount++;
            final long first = detectors[2 * c];
            final long second = detectors[2 * c + 1];
            if (first == DemInstruction.NO_DETECTOR)
            {
                // No detector sees it, so no decoder can correct it: it only raises the logical error floor.
                undetectableComponentCount++;
                continue;
            }
            final int a = (int)(detectorOffset + first);
            final int b = second == DemInstruction.NO_DETECTOR ?
                builder.boundaryVertex() : (int)(detectorOffset + second);
            final int edgesBefore = builder.edgeCount();
            builder.addEdge(a, b, p, observables[c]);
            // p = 0 adds nothing, which must not read as a merge.
            if (p > 0.0 && builder.edgeCount() == edgesBefore)
            {
                parallelMergeCount++;
            }
        }
    }

    public void onDetector(final DemInstruction detector, final long detectorOffset, final double[] coordinateShift)
    {
        // Declarations add no edges; the scan already took their indices and coordinates.
    }

    long errorCount()
    {
        return errorCount;
    }

    long componentCount()
    {
        return componentCount;
    }

    long undetectableComponentCount()
    {
        return undetectableComponentCount;
    }

    long parallelMergeCount()
    {
        return parallelMergeCount;
    }
}
