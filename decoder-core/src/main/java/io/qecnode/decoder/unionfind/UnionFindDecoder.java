package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

/**
 * Union-find decoder (Delfosse and Nickerson, 2017) over a {@link DecodingGraph}.
 * <p>
 * Every defect starts an odd cluster. Odd clusters that do not touch the boundary grow along their frontier; edges
 * that become full join the clusters at their ends (union by size, path compression); a cluster that reaches the
 * boundary vertex becomes neutral. When no cluster is left growing, peeling a spanning forest of each cluster picks
 * the correction edges, and the XOR of their observable masks is the predicted logical flip.
 * <p>
 * Growth here is unweighted: every edge is two units long and a step grows one unit (a half-edge).
 * <p>
 * <b>Note:</b> one instance per thread. All working memory is allocated at construction; a call resets only what it
 * touched, and allocates nothing.
 */
public final class UnionFindDecoder
{
    /** Length of every edge in growth units: two half-edges. */
    public static final int UNWEIGHTED_EDGE_LENGTH = 2;

    private final DecodingGraph graph;
    private final int detectorCount;
    private final ClusterForest forest;
    private final ClusterGrowth growth;
    private final Peeler peeler;
    private final int[] edgeSource;
    private final int[] edgeTarget;
    private final int[] fused;
    private int[] activeRoots;
    private int[] nextActiveRoots;
    private final boolean[] listed;

    /**
     * @param graph the graph to decode on.
     */
    public UnionFindDecoder(final DecodingGraph graph)
    {
        this.graph = graph;
        this.detectorCount = graph.detectorCount();
        final int vertexCount = graph.vertexCount();
        final int edgeCount = graph.edgeCount();
        final int[] edgeLength = new int[edgeCount];
        Arrays.fill(edgeLength, UNWEIGHTED_EDGE_LENGTH);
        forest = new ClusterForest(vertexCount);
        growth = new ClusterGrowth(graph, edgeLength);
        peeler = new Peeler(graph);
        edgeSource = new int[edgeCount];
        edgeTarget = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            edgeSource[e] = graph.edgeSource(e);
            edgeTarget[e] = graph.edgeTarget(e);
        }
        fused = new int[edgeCount];
        activeRoots = new int[vertexCount];
        nextActiveRoots = new int[vertexCount];
        listed = new boolean[vertexCount];
    }

    /** @return the graph this decoder decodes on. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /**
     * Decode one syndrome.
     *
     * @param defects     detector indices that fired, each at most once, in any order.
     * @param defectCount number of defects to take from the array.
     * @param result      receives the correction and the predicted observable flips.
     * @return the predicted observable flips, as {@link DecodeResult#observableFlips()}.
     * @throws IllegalArgumentException if a defect is not a detector or appears twice; the decoder stays usable.
     */
    public long decode(final int[] defects, final int defectCount, final DecodeResult result)
    {
        result.clear();
        seedClusters(defects, defectCount);

        int activeCount = defectCount;
        System.arraycopy(defects, 0, activeRoots, 0, defectCount);
        int steps = 0;
        while (activeCount > 0)
        {
            steps++;
            final int fusedCount = growth.growStep(forest, activeRoots, activeCount, fused);
            mergeFused(fusedCount);
            activeCount = collectActiveRoots(activeCount);
        }
        result.growthSteps = steps;

        peeler.peel(forest, result);
        growth.reset();
        forest.reset();
        return result.observableFlips;
    }

    private void seedClusters(final int[] defects, final int defectCount)
    {
        final boolean[] defect = peeler.defect;
        for (int i = 0; i < defectCount; i++)
        {
            final int detector = defects[i];
            if (detector < 0 || detector >= detectorCount || defect[detector])
            {
                peeler.reset(forest);
                forest.reset();
                throw new IllegalArgumentException(
                    (detector >= 0 && detector < detectorCount ? "defect listed twice: " : "defect is not a detector: ") +
                    "defect=" + detector + ", index=" + i + ", detectorCount=" + detectorCount);
            }
            defect[detector] = true;
            forest.addSingleton(detector, true);
        }
    }

    private void mergeFused(final int fusedCount)
    {
        final ClusterForest forest = this.forest;
        final int boundary = detectorCount;
        for (int i = 0; i < fusedCount; i++)
        {
            final int edge = fused[i];
            final int a = edgeSource[edge];
            final int b = edgeTarget[edge];
            if (b == boundary)
            {
                final int root = forest.find(a);
                if (forest.boundaryEdge[root] == ClusterForest.NONE)
                {
                    forest.boundaryEdge[root] = edge;
                }
                continue;
            }
            if (!forest.contains(a))
            {
                forest.addSingleton(a, false);
            }
            if (!forest.contains(b))
            {
                forest.addSingleton(b, false);
            }
            final int rootA = forest.find(a);
            final int rootB = forest.find(b);
            if (rootA != rootB)
            {
                forest.union(rootA, rootB);
                peeler.addTreeEdge(edge);
            }
        }
    }

    private int collectActiveRoots(final int activeCount)
    {
        final ClusterForest forest = this.forest;
        final int[] current = activeRoots;
        final int[] next = nextActiveRoots;
        final boolean[] listed = this.listed;
        int nextCount = 0;
        for (int i = 0; i < activeCount; i++)
        {
            final int root = forest.find(current[i]);
            if (!listed[root])
            {
                listed[root] = true;
                current[i] = root;
                if (forest.isActive(root))
                {
                    next[nextCount++] = root;
                }
            }
            else
            {
                current[i] = ClusterForest.NONE;
            }
        }
        for (int i = 0; i < activeCount; i++)
        {
            if (current[i] != ClusterForest.NONE)
            {
                listed[current[i]] = false;
            }
        }
        activeRoots = next;
        nextActiveRoots = current;
        return nextCount;
    }
}
