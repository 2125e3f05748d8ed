package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * Peeling stage: picks the correction from a spanning forest of the clusters.
 * <p>
 * The forest is the set of edges whose fusion joined two different clusters, so it spans every cluster without a
 * search. Each vertex keeps its forest degree and the XOR of its forest edges, so a leaf's one remaining edge is
 * read in O(1) with no adjacency lists. Leaves are peeled inwards: a leaf holding a defect puts its edge in the
 * correction and passes the defect to its neighbour. A cluster that touches the boundary is rooted at the vertex of
 * its boundary edge, which is peeled last; a defect left there leaves through the boundary edge.
 */
final class Peeler
{
    private final int[] edgeSource;
    private final int[] edgeTarget;
    private final long[] edgeObservables;
    private final int[] treeEdges;
    private int treeEdgeCount;
    private final int[] treeDegree;
    // XOR of the indices of a vertex's remaining forest edges: the edge itself once the degree is 1.
    private final int[] treeEdgeXor;
    private final boolean[] peelRoot;
    private final int[] leafStack;
    final boolean[] defect;

    Peeler(final DecodingGraph graph)
    {
        final int edgeCount = graph.edgeCount();
        edgeSource = new int[edgeCount];
        edgeTarget = new int[edgeCount];
        edgeObservables = new long[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            edgeSource[e] = graph.edgeSource(e);
            edgeTarget[e] = graph.edgeTarget(e);
            edgeObservables[e] = graph.edgeObservables(e);
        }
        final int vertexCount = graph.vertexCount();
        treeEdges = new int[vertexCount];
        treeDegree = new int[vertexCount];
        treeEdgeXor = new int[vertexCount];
        peelRoot = new boolean[vertexCount];
        leafStack = new int[vertexCount];
        defect = new boolean[vertexCount];
    }

    void addTreeEdge(final int edge)
    {
        treeEdges[treeEdgeCount++] = edge;
    }

    /**
     * Peel every cluster of the forest and reset what this stage touched.
     *
     * @param forest the grown clusters; its member list names every vertex touched.
     * @param result receives the correction.
     */
    void peel(final ClusterForest forest, final DecodeResult result)
    {
        final int[] edgeSource = this.edgeSource;
        final int[] edgeTarget = this.edgeTarget;
        final int[] treeDegree = this.treeDegree;
        final int[] treeEdgeXor = this.treeEdgeXor;
        final boolean[] defect = this.defect;
        final boolean[] peelRoot = this.peelRoot;
        final int[] members = forest.members;
        final int memberCount = forest.memberCount;

        for (int i = 0; i < treeEdgeCount; i++)
        {
            final int edge = treeEdges[i];
            treeDegree[edgeSource[edge]]++;
            treeEdgeXor[edgeSource[edge]] ^= edge;
            treeDegree[edgeTarget[edge]]++;
            treeEdgeXor[edgeTarget[edge]] ^= edge;
        }
        for (int i = 0; i < memberCount; i++)
        {
            final int v = members[i];
            if (forest.parent[v] == v && forest.boundaryEdge[v] != ClusterForest.NONE)
            {
                // A boundary edge's source is its detector end: the boundary vertex has the highest index.
                peelRoot[edgeSource[forest.boundaryEdge[v]]] = true;
            }
        }

        int stackSize = 0;
        for (int i = 0; i < memberCount; i++)
        {
            final int v = members[i];
            if (treeDegree[v] == 1 && !peelRoot[v])
            {
                leafStack[stackSize++] = v;
            }
        }
        while (stackSize > 0)
        {
            final int leaf = leafStack[--stackSize];
            if (treeDegree[leaf] != 1)
            {
                continue;
            }
            final int edge = treeEdgeXor[leaf];
            final int neighbour = edgeSource[edge] ^ edgeTarget[edge] ^ leaf;
            if (defect[leaf])
            {
                result.addEdge(edge, edgeObservables[edge]);
                defect[leaf] = false;
                defect[neighbour] = !defect[neighbour];
            }
            treeDegree[leaf] = 0;
            treeEdgeXor[leaf] = 0;
            treeDegree[neighbour]--;
            treeEdgeXor[neighbour] ^= edge;
            if (treeDegree[neighbour] == 1 && !peelRoot[neighbour])
            {
                leafStack[stackSize++] = neighbour;
            }
        }

        int unmatched = 0;
        for (int i = 0; i < memberCount; i++)
        {
            final int v = members[i];
            if (forest.parent[v] == v && forest.boundaryEdge[v] != ClusterForest.NONE)
            {
                final int boundaryEdge = forest.boundaryEdge[v];
                final int rootVertex = edgeSource[boundaryEdge];
                if (defect[rootVertex])
                {
                    result.addEdge(boundaryEdge, edgeObservables[boundaryEdge]);
                    defect[rootVertex] = false;
                }
            }
        }
        for (int i = 0; i < memberCount; i++)
        {
            final int v = members[i];
            if (defect[v])
            {
                unmatched++;
                defect[v] = false;
            }
            treeDegree[v] = 0;
            treeEdgeXor[v] = 0;
            peelRoot[v] = false;
        }
        treeEdgeCount = 0;
        result.unmatchedDefects = unmatched;
    }

    /** Clear the stage after an aborted decode. */
    void reset(final ClusterForest forest)
    {
        for (int i = 0; i < forest.memberCount; i++)
        {
            final int v = forest.members[i];
            defect[v] = false;
            treeDegree[v] = 0;
            treeEdgeXor[v] = 0;
            peelRoot[v] = false;
        }
        treeEdgeCount = 0;
    }
}
