package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws shots from a decoding graph read as an error model: each edge fires independently with its probability,
 * flipping its detectors and observables. Deterministic for a seed; allocation-free per shot.
 * <p>
 * Edges with the same probability form a group sampled by geometric skipping: the gap to the next firing edge is
 * drawn directly, so a shot costs one random number per fired edge plus one per group, not one per edge.
 * <p>
 * <b>Note:</b> not thread-safe; use one sampler per thread.
 */
public final class ErrorSampler
{
    private final DecodingGraph graph;
    private final SplittableRandom random;
    // Edges sorted by probability; group g covers groupedEdges[groupStart[g] .. groupStart[g + 1]).
    private final int[] groupedEdges;
    private final int[] groupStart;
    // ln(1 - p) of each group, the denominator of the geometric gap.
    private final double[] groupLogMiss;
    private final boolean[] groupAlwaysFires;
    private final byte[] detectorParity;
    private final int[] litDetectors;

    /**
     * @param graph the error model.
     * @param seed  seed of the random stream.
     */
    public ErrorSampler(final DecodingGraph graph, final long seed)
    {
        this.graph = graph;
        this.random = new SplittableRandom(seed);

        final int edgeCount = graph.edgeCount();
        final Integer[] order = new Integer[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> Double.compare(graph.edgeProbability(a), graph.edgeProbability(b)));
        groupedEdges = new int[edgeCount];
        final int[] starts = new int[edgeCount + 1];
        int groups = 0;
        for (int i = 0; i < edgeCount; i++)
        {
            groupedEdges[i] = order[i];
            if (i == 0 || graph.edgeProbability(order[i]) != graph.edgeProbability(order[i - 1]))
            {
                starts[groups++] = i;
            }
        }
        starts[groups] = edgeCount;
        groupStart = Arrays.copyOf(starts, groups + 1);
        groupLogMiss = new double[groups];
        groupAlwaysFires = new boolean[groups];
        for (int g = 0; g < groups; g++)
        {
            final double p = graph.edgeProbability(groupedEdges[groupStart[g]]);
            groupLogMiss[g] = Math.log1p(-p);
            groupAlwaysFires[g] = p >= 1.0;
        }
        detectorParity = new byte[graph.detectorCount()];
        litDetectors = new int[graph.detectorCount()];
    }

    /** @return the graph sampled from. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /**
     * Draw one shot.
     *
     * @param shot receives the fired edges, the defects (in order of first flip) and the observable flips.
     */
    public void sample(final SampledShot shot)
    {
        shot.firedEdgeCount = 0;
        for (int g = 0, groups = groupLogMiss.length; g < groups; g++)
        {
            final int start = groupStart[g];
            final int end = groupStart[g + 1];
            if (groupAlwaysFires[g])
            {
                for (int i = start; i < end; i++)
                {
                    shot.firedEdges[shot.firedEdgeCount++] = groupedEdges[i];
                }
                continue;
            }
            final double logMiss = groupLogMiss[g];
            double position = start - 1;
            while (true)
            {
                // Gap before the next firing edge is geometric: floor(ln(U) / ln(1-p)), U uniform in (0, 1].
                position += 1.0 + Math.floor(Math.log(1.0 - random.nextDouble()) / logMiss);
                if (position >= end)
                {
                    break;
                }
                shot.firedEdges[shot.firedEdgeCount++] = groupedEdges[(int)position];
            }
        }
        applyFiredEdges(shot);
    }

    /**
     * Fill a shot from a given set of fired edges instead of sampling, e.g. to enumerate errors exhaustively.
     *
     * @param edges     the edges that fire.
     * @param edgeCount number of edges to take from the array.
     * @param shot      receives the defects and observable flips.
     */
    public void fromEdges(final int[] edges, final int edgeCount, final SampledShot shot)
    {
        System.arraycopy(edges, 0, shot.firedEdges, 0, edgeCount);
        shot.firedEdgeCount = edgeCount;
        applyFiredEdges(shot);
    }

    private void applyFiredEdges(final SampledShot shot)
    {
        final DecodingGraph graph = this.graph;
        final int boundary = graph.boundaryVertex();
        final byte[] parity = detectorParity;
        int litCount = 0;
        long observables = 0;
        for (int i = 0; i < shot.firedEdgeCount; i++)
        {
            final int edge = shot.firedEdges[i];
            observables ^= graph.edgeObservables(edge);
            final int a = graph.edgeSource(edge);
            if (parity[a]++ == 0)
            {
                litDetectors[litCount++] = a;
            }
            final int b = graph.edgeTarget(edge);
            if (b != boundary && parity[b]++ == 0)
            {
                litDetectors[litCount++] = b;
            }
        }
        int defectCount = 0;
        for (int i = 0; i < litCount; i++)
        {
            final int detector = litDetectors[i];
            if ((parity[detector] & 1) != 0)
            {
                shot.defects[defectCount++] = detector;
            }
            parity[detector] = 0;
        }
        shot.defectCount = defectCount;
        shot.observableFlips = observables;
    }
}
