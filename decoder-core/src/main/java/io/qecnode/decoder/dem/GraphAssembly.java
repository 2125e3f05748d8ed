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

    public void onError(final DemInstruction error, final long detectorOffset, final long repetitions)
    {
        errorCount += repetitions;
        final double p = DemWalker.repeated(error.probability(), repetitions);
        final long[] detectors = error.detectors();
        final long[] observables = error.observables();
        for (int c = 0; c < observables.length; c++)
        {
            componentCount += repetitions;
            final long first = detectors[2 * c];
            final long second = detectors[2 * c + 1];
            if (first == DemInstruction.NO_DETECTOR)
            {
                // No detector sees it, so no decoder can correct it: it only raises the logical error floor.
                undetectableComponentCount += repetitions;
                continue;
            }
            final int a = (int)(detectorOffset + first);
            final int b = second == DemInstruction.NO_DETECTOR ?
                builder.boundaryVertex() : (int)(detectorOffset + second);
            final int edgesBefore = builder.edgeCount();
            builder.addEdge(a, b, p, observables[c]);
            // p = 0 adds nothing, which must not read as a merge; n repetitions count as the n - 1 merges they replace.
            if (p > 0.0)
            {
                parallelMergeCount += repetitions - 1 + (builder.edgeCount() == edgesBefore ? 1 : 0);
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
