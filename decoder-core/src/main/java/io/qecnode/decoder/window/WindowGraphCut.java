package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.graph.EdgeCorrelations;
import io.qecnode.decoder.rounds.RoundStructure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoding graph of one window, cut out of the block graph, with the map from its edges back to the block's.
 * <p>
 * Local detector {@code i} is block detector {@code firstDetector + i}. An edge is kept when its lower end lies in the
 * window: both ends inside stay as they are, a boundary edge stays a boundary edge, and an edge up into a round after
 * the window becomes a boundary edge (the open future boundary). Edges from an earlier round into the window are
 * dropped: what the committed rounds did arrives as artificial defects instead.
 * <p>
 * Edges that land on the same pair of local vertices merge in {@link DecodingGraphBuilder} as usual. The block edge a
 * merged local edge stands for is the likeliest of its parts that flips the observables the merged edge kept, so
 * committing it flips exactly what the window decode predicted.
 * <p>
 * The block graph's {@link DecodingGraph#correlations()} carry over to the pairs of block edges that both have a local
 * edge, distinct; pairs with an edge outside the window are dropped. Block pairs that land on the same local pair keep
 * the largest implied probability (the lowest weight a second pass could set), weighed on the window graph's scale.
 * <p>
 * <b>Note:</b> cold path only; allocates freely.
 */
final class WindowGraphCut
{
    private static final int NO_EDGE = -1;

    final DecodingGraph graph;
    // Local edge -> the block edge it stands for.
    final int[] blockEdge;

    private WindowGraphCut(final DecodingGraph graph, final int[] blockEdge)
    {
        this.graph = graph;
        this.blockEdge = blockEdge;
    }

    /**
     * @param block      the block graph.
     * @param rounds     the block's rounds.
     * @param firstRound first round of the window.
     * @param endRound   round one past the window's last.
     * @return the window graph; the block graph itself when the window holds every round.
     */
    static WindowGraphCut cut(
        final DecodingGraph block, final RoundStructure rounds, final int firstRound, final int endRound)
    {
        final int edgeCount = block.edgeCount();
        if (firstRound == 0 && endRound == rounds.roundCount())
        {
            // Batch decoding must stay bit for bit the batch decoder's, so the whole block is not rebuilt.
            final int[] identity = new int[edgeCount];
            for (int e = 0; e < edgeCount; e++)
            {
                identity[e] = e;
            }
            return new WindowGraphCut(block, identity);
        }

        final int firstDetector = rounds.firstDetector(firstRound);
        final int endDetector = endRound == rounds.roundCount() ?
            rounds.detectorCount() : rounds.firstDetector(endRound);
        final int localCount = endDetector - firstDetector;
        final int blockBoundary = block.boundaryVertex();
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(localCount, block.observableCount())
            .weightResolution(weightResolutionOf(block));
        final Map<Long, Integer> localEdgeByEnds = new HashMap<>();
        final int[] localEdgeOf = new int[edgeCount];

        for (int e = 0; e < edgeCount; e++)
        {
            localEdgeOf[e] = NO_EDGE;
            final int source = block.edgeSource(e);
            final int target = block.edgeTarget(e);
            if (source < firstDetector || source >= endDetector || block.edgeProbability(e) == 0.0)
            {
                continue;
            }
            final int localSource = source - firstDetector;
            final int localTarget = target == blockBoundary || target >= endDetector ?
                localCount : target - firstDetector;
            builder.addEdge(localSource, localTarget, block.edgeProbability(e), block.edgeObservables(e));
            final long ends = (long)localSource * (localCount + 1) + localTarget;
            final Integer known = localEdgeByEnds.get(ends);
            final int local = known != null ? known : localEdgeByEnds.size();
            localEdgeByEnds.put(ends, local);
            localEdgeOf[e] = local;
        }

        final DecodingGraph graph = builder.build();
        if (graph.edgeCount() != localEdgeByEnds.size())
        {
            // The builder numbers edges by first appearance, as above; anything else would misroute commits.
            throw new IllegalStateException("window edges out of step with the builder: builderEdges=" +
                graph.edgeCount() + ", cutEdges=" + localEdgeByEnds.size());
        }
        return new WindowGraphCut(
            withCorrelations(block, graph, localEdgeOf), representatives(block, graph, localEdgeOf));
    }

    private static DecodingGraph withCorrelations(
        final DecodingGraph block, final DecodingGraph graph, final int[] localEdgeOf)
    {
        final EdgeCorrelations blockCorrelations = block.correlations();
        if (blockCorrelations == null)
        {
            return graph;
        }
        final EdgeCorrelations.Builder correlations = new EdgeCorrelations.Builder(graph.edgeCount());
        for (int e = 0; e < localEdgeOf.length; e++)
        {
            final int local = localEdgeOf[e];
            if (local == NO_EDGE)
            {
                continue;
            }
            for (int k = blockCorrelations.start(e); k < blockCorrelations.end(e); k++)
            {
                final int other = localEdgeOf[blockCorrelations.other(k)];
                if (other != NO_EDGE && other != local)
                {
                    correlations.add(local, other, blockCorrelations.impliedProbability(k));
                }
            }
        }
        return graph.withCorrelations(correlations.build(graph));
    }

    /**
     * The resolution the block graph was built with: the likeliest edge gets exactly that many weight units, unless its
     * probability is so close to 1/2 that the builder clamped the scale.
     *
     * @param block a graph from {@link DecodingGraphBuilder}.
     * @return its weight resolution, or the builder's default when it cannot be read back.
     */
    static int weightResolutionOf(final DecodingGraph block)
    {
        int likeliest = NO_EDGE;
        for (int e = 0; e < block.edgeCount(); e++)
        {
            if (likeliest == NO_EDGE || block.edgeProbability(e) > block.edgeProbability(likeliest))
            {
                likeliest = e;
            }
        }
        // Below about 0.05 the builder clamps the scale, and the likeliest edge no longer carries the resolution.
        if (likeliest == NO_EDGE || DecodingGraphBuilder.logLikelihoodRatio(block.edgeProbability(likeliest)) < 0.05)
        {
            return DecodingGraphBuilder.WEIGHT_RESOLUTION_DEFAULT;
        }
        return block.edgeWeight(likeliest);
    }

    private static int[] representatives(final DecodingGraph block, final DecodingGraph graph, final int[] localEdgeOf)
    {
        final int[] blockEdge = new int[graph.edgeCount()];
        Arrays.fill(blockEdge, NO_EDGE);
        for (int e = 0; e < localEdgeOf.length; e++)
        {
            final int local = localEdgeOf[e];
            if (local == NO_EDGE || block.edgeObservables(e) != graph.edgeObservables(local))
            {
                continue;
            }
            if (blockEdge[local] == NO_EDGE || block.edgeProbability(e) > block.edgeProbability(blockEdge[local]))
            {
                blockEdge[local] = e;
            }
        }
        for (int local = 0; local < blockEdge.length; local++)
        {
            if (blockEdge[local] == NO_EDGE)
            {
                throw new IllegalStateException("window edge stands for no block edge: localEdge=" + local);
            }
        }
        return blockEdge;
    }
}
