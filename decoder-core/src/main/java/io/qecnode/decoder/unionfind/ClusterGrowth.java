package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * Growth stage: in one step every active (odd, boundary-free) cluster grows each not-yet-full edge on its frontier
 * by one unit. An edge between two growing clusters therefore gains two units in a step. Edges that become full are
 * handed to the merge stage; frontier vertices whose edges are all full leave the frontier list as they are met.
 * <p>
 * With every edge two units long this is the half-edge growth of Delfosse and Nickerson.
 */
final class ClusterGrowth
{
    private final int[] adjacencyStart;
    private final int[] adjacencyEdges;
    private final int[] edgeLength;
    private final int[] growth;
    private final int[] touchedEdges;
    private int touchedEdgeCount;

    ClusterGrowth(final DecodingGraph graph, final int[] edgeLength)
    {
        final int vertexCount = graph.vertexCount();
        adjacencyStart = new int[vertexCount + 1];
        adjacencyEdges = new int[graph.adjacencyEnd(vertexCount - 1)];
        for (int v = 0; v < vertexCount; v++)
        {
            adjacencyStart[v + 1] = graph.adjacencyEnd(v);
        }
        for (int i = 0; i < adjacencyEdges.length; i++)
        {
            adjacencyEdges[i] = graph.adjacentEdge(i);
        }
        this.edgeLength = edgeLength;
        growth = new int[graph.edgeCount()];
        touchedEdges = new int[graph.edgeCount()];
    }

    /**
     * Grow every active cluster by one unit.
     *
     * @param forest      the clusters.
     * @param activeRoots roots of the active clusters.
     * @param activeCount number of active roots.
     * @param fused       receives the edges that became full.
     * @return number of edges that became full.
     */
    int growStep(final ClusterForest forest, final int[] activeRoots, final int activeCount, final int[] fused)
    {
        final int[] adjacencyStart = this.adjacencyStart;
        final int[] adjacencyEdges = this.adjacencyEdges;
        final int[] edgeLength = this.edgeLength;
        final int[] growth = this.growth;
        final int[] frontierNext = forest.frontierNext;
        int fusedCount = 0;

        for (int i = 0; i < activeCount; i++)
        {
            final int root = activeRoots[i];
            int previous = ClusterForest.NONE;
            int vertex = forest.frontierHead[root];
            while (vertex != ClusterForest.NONE)
            {
                final int next = frontierNext[vertex];
                boolean stillGrowing = false;
                for (int a = adjacencyStart[vertex], end = adjacencyStart[vertex + 1]; a < end; a++)
                {
                    final int edge = adjacencyEdges[a];
                    final int grown = growth[edge];
                    final int length = edgeLength[edge];
                    if (grown < length)
                    {
                        if (grown == 0)
                        {
                            touchedEdges[touchedEdgeCount++] = edge;
                        }
                        growth[edge] = grown + 1;
                        if (grown + 1 == length)
                        {
                            fused[fusedCount++] = edge;
                        }
                        else
                        {
                            stillGrowing = true;
                        }
                    }
                }
                if (stillGrowing)
                {
                    previous = vertex;
                }
                else
                {
                    unlink(forest, root, previous, vertex, next);
                }
                vertex = next;
            }
        }
        return fusedCount;
    }

    void reset()
    {
        final int[] growth = this.growth;
        final int[] touchedEdges = this.touchedEdges;
        for (int i = 0, n = touchedEdgeCount; i < n; i++)
        {
            growth[touchedEdges[i]] = 0;
        }
        touchedEdgeCount = 0;
    }

    private static void unlink(
        final ClusterForest forest, final int root, final int previous, final int vertex, final int next)
    {
        if (previous == ClusterForest.NONE)
        {
            forest.frontierHead[root] = next;
        }
        else
        {
            forest.frontierNext[previous] = next;
        }
        if (forest.frontierTail[root] == vertex)
        {
            forest.frontierTail[root] = previous;
        }
    }
}
