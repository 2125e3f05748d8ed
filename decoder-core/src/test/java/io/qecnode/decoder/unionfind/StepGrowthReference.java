package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * Union-find growth done the slow, obvious way, for tests: time advances one unit per step; in each step every
 * unfilled edge grows by one unit for each of its ends that lies in an active (odd, boundary-free) cluster; then the
 * edges that filled join their clusters. No frontier lists, no queues: every edge is looked at in every step.
 */
final class StepGrowthReference
{
    private final DecodingGraph graph;
    private final int[] edgeLength;

    StepGrowthReference(final DecodingGraph graph, final int[] edgeLength)
    {
        this.graph = graph;
        this.edgeLength = edgeLength.clone();
    }

    /**
     * @return which edges are full when no cluster is left growing.
     */
    boolean[] filledEdges(final int[] defects, final int defectCount)
    {
        final int n = graph.vertexCount();
        final int boundary = graph.boundaryVertex();
        final int[] parent = new int[n];
        final boolean[] inCluster = new boolean[n];
        final boolean[] odd = new boolean[n];
        final boolean[] touchesBoundary = new boolean[n];
        for (int v = 0; v < n; v++)
        {
            parent[v] = v;
        }
        for (int i = 0; i < defectCount; i++)
        {
            inCluster[defects[i]] = true;
            odd[defects[i]] = true;
        }
        final int[] grown = new int[graph.edgeCount()];
        final boolean[] full = new boolean[graph.edgeCount()];
        while (true)
        {
            final int[] increment = new int[graph.edgeCount()];
            boolean anyGrowth = false;
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                if (full[e])
                {
                    continue;
                }
                for (final int end : new int[]{graph.edgeSource(e), graph.edgeTarget(e)})
                {
                    if (end != boundary && inCluster[end])
                    {
                        final int root = find(parent, end);
                        if (odd[root] && !touchesBoundary[root])
                        {
                            increment[e]++;
                            anyGrowth = true;
                        }
                    }
                }
            }
            if (!anyGrowth)
            {
                return full;
            }
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                grown[e] += increment[e];
                if (!full[e] && grown[e] >= edgeLength[e])
                {
                    full[e] = true;
                    final int a = graph.edgeSource(e);
                    final int b = graph.edgeTarget(e);
                    inCluster[a] = true;
                    if (b == boundary)
                    {
                        touchesBoundary[find(parent, a)] = true;
                        continue;
                    }
                    inCluster[b] = true;
                    final int rootA = find(parent, a);
                    final int rootB = find(parent, b);
                    if (rootA != rootB)
                    {
                        parent[rootB] = rootA;
                        odd[rootA] ^= odd[rootB];
                        touchesBoundary[rootA] |= touchesBoundary[rootB];
                    }
                }
            }
        }
    }

    private static int find(final int[] parent, final int vertex)
    {
        int v = vertex;
        while (parent[v] != v)
        {
            v = parent[v];
        }
        return v;
    }
}
