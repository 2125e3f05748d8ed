package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.graph.EdgeCorrelations;
import io.qecnode.decoder.graph.EdgePairs;

/**
 * Walk over a model after its graph is built: the correlations between edges that its {@code ^}-decomposed errors
 * state, for correlated decoding.
 * <p>
 * The rule is PyMatching's ({@code populate_implied_edge_weights} in its {@code user_graph.cc}): for two edges A and
 * B, P(A and B) is the probability that an odd number of the errors with components on both fire (independent flips
 * merged as in the graph), and P(A) that of every error with a component on A, which is A's probability in the graph.
 * Given that A fired, B fired with probability {@code min(1/2, P(A and B) / P(A))}: the implied probability of the
 * pair (A, B), and symmetrically of (B, A). Components on the same edge within one error pair with nothing.
 */
final class CorrelationAssembly implements DemVisitor
{
    private final DecodingGraphBuilder builder;
    // Unordered pairs of edges (lower, higher) and the probability of each error that has components on both.
    private final EdgePairs joint;
    private int[] componentEdges = new int[8];

    /**
     * @param builder the builder the graph was built from, to find each component's edge.
     */
    CorrelationAssembly(final DecodingGraphBuilder builder)
    {
        this.builder = builder;
        this.joint = new EdgePairs(builder.edgeCount());
    }

    public void onError(final DemInstruction error, final long detectorOffset, final long repetitions)
    {
        final long[] detectors = error.detectors();
        final int components = error.observables().length;
        final double p = DemWalker.repeated(error.probability(), repetitions);
        if (components < 2 || p == 0.0)
        {
            return;
        }
        if (componentEdges.length < components)
        {
            componentEdges = new int[components];
        }
        int count = 0;
        for (int c = 0; c < components; c++)
        {
            final long first = detectors[2 * c];
            final long second = detectors[2 * c + 1];
            if (first == DemInstruction.NO_DETECTOR)
            {
                // An undetectable component has no edge (the graph skipped it), so nothing to correlate it with.
                continue;
            }
            componentEdges[count++] = builder.edgeIndex((int)(detectorOffset + first),
                second == DemInstruction.NO_DETECTOR ? builder.boundaryVertex() : (int)(detectorOffset + second));
        }
        for (int i = 0; i < count; i++)
        {
            for (int j = i + 1; j < count; j++)
            {
                final int a = componentEdges[i];
                final int b = componentEdges[j];
                if (a != b)
                {
                    joint.add(Math.min(a, b), Math.max(a, b), p);
                }
            }
        }
    }

    public void onDetector(final DemInstruction detector, final long detectorOffset, final double[] coordinateShift)
    {
        // Declarations state no correlations.
    }

    /**
     * @param graph the graph built from the model.
     * @return the correlations of its edges; none for a model without decomposed errors.
     */
    EdgeCorrelations correlations(final DecodingGraph graph)
    {
        final EdgeCorrelations.Builder correlations = new EdgeCorrelations.Builder(graph.edgeCount());
        // An odd number of the errors on both fired: their probabilities merge as independent flips.
        final EdgePairs both = joint.folded(CorrelationAssembly::xor);
        for (int k = 0; k < both.size(); k++)
        {
            final int a = both.edge(k);
            final int b = both.other(k);
            final double pair = both.value(k);
            if (pair > 0.0)
            {
                correlations.add(a, b, implied(pair, graph.edgeProbability(a)));
                correlations.add(b, a, implied(pair, graph.edgeProbability(b)));
            }
        }
        return correlations.build(graph);
    }

    // P(other | edge), capped at 1/2 as PyMatching does: above it the weight would be negative.
    private static double implied(final double both, final double marginal)
    {
        return Math.min(0.5, both / marginal);
    }

    // Probability that exactly one of two independent flips happens.
    private static double xor(final double p, final double q)
    {
        return p * (1.0 - q) + q * (1.0 - p);
    }
}
