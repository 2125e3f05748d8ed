package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

import static io.qecnode.decoder.unionfind.VertexTable.BOUNDARY_EDGE;
import static io.qecnode.decoder.unionfind.VertexTable.BOUNDARY_EXIT;
import static io.qecnode.decoder.unionfind.VertexTable.DEFECT;
import static io.qecnode.decoder.unionfind.VertexTable.FLAGS;
import static io.qecnode.decoder.unionfind.VertexTable.NONE;
import static io.qecnode.decoder.unionfind.VertexTable.PARENT;
import static io.qecnode.decoder.unionfind.VertexTable.PEEL_ROOT;
import static io.qecnode.decoder.unionfind.VertexTable.STRIDE;
import static io.qecnode.decoder.unionfind.VertexTable.TREE_DEGREE;
import static io.qecnode.decoder.unionfind.VertexTable.TREE_NEIGHBOURS;
import static io.qecnode.decoder.unionfind.VertexTable.TREE_XOR;

/**
 * Peeling stage: picks the correction from a spanning forest of the clusters.
 * <p>
 * The forest is the set of edges whose fill joined two different clusters, so it spans every cluster without a
 * search. Each vertex keeps its forest degree and the XOR of its forest edges and of their other ends, so a leaf's
 * one remaining edge and neighbour are read in O(1) with no adjacency lists. Leaves are peeled inwards: a leaf holding a defect puts its edge in the
 * correction and passes the defect to its neighbour. A cluster that touches the boundary is rooted at the vertex of
 * its boundary edge, which is peeled last; a defect left there leaves through the boundary edge.
 */
final class Peeler
{
    private final int[] table;
    private final long[] edgeObservables;
    // Forest edges as [edge, one end, other end].
    private final int[] treeEdges;
    private int treeEdgeCount;
    private final int[] leafStack;
    private final int[] boundaryRoots;

    Peeler(final DecodingGraph graph, final int[] table)
    {
        this.table = table;
        final int edgeCount = graph.edgeCount();
        edgeObservables = new long[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            edgeObservables[e] = graph.edgeObservables(e);
        }
        final int vertexCount = graph.vertexCount();
        treeEdges = new int[3 * vertexCount];
        leafStack = new int[vertexCount];
        boundaryRoots = new int[vertexCount];
    }

    void addTreeEdge(final int edge, final int endA, final int endB)
    {
        final int at = 3 * treeEdgeCount++;
        treeEdges[at] = edge;
        treeEdges[at + 1] = endA;
        treeEdges[at + 2] = endB;
    }

    /**
     * Peel every cluster of the forest. Defects that could not be matched stay flagged in the table.
     *
     * @param members     the vertices of every cluster.
     * @param memberCount number of members.
     * @param result      receives the correction.
     */
    void peel(final int[] members, final int memberCount, final DecodeResult result)
    {
        final int[] table = this.table;
        final int[] treeEdges = this.treeEdges;
        for (int i = 0; i < treeEdgeCount; i++)
        {
            final int edge = treeEdges[3 * i];
            final int endA = treeEdges[3 * i + 1];
            final int endB = treeEdges[3 * i + 2];
            final int a = endA * STRIDE;
            final int b = endB * STRIDE;
            table[a + TREE_DEGREE]++;
            table[a + TREE_XOR] ^= edge;
            table[a + TREE_NEIGHBOURS] ^= endB;
            table[b + TREE_DEGREE]++;
            table[b + TREE_XOR] ^= edge;
            table[b + TREE_NEIGHBOURS] ^= endA;
        }
        treeEdgeCount = 0;

        int stackSize = 0;
        int rootCount = 0;
        for (int i = 0; i < memberCount; i++)
        {
            final int v = members[i];
            final int base = v * STRIDE;
            if (table[base + PARENT] == v && table[base + BOUNDARY_EDGE] != NONE)
            {
                table[table[base + BOUNDARY_EXIT] * STRIDE + FLAGS] |= PEEL_ROOT;
                boundaryRoots[rootCount++] = v;
            }
            if (table[base + TREE_DEGREE] == 1)
            {
                leafStack[stackSize++] = v;
            }
        }

        while (stackSize > 0)
        {
            final int leaf = leafStack[--stackSize];
            final int leafBase = leaf * STRIDE;
            if (table[leafBase + TREE_DEGREE] != 1 || (table[leafBase + FLAGS] & PEEL_ROOT) != 0)
            {
                continue;
            }
            final int edge = table[leafBase + TREE_XOR];
            final int neighbour = table[leafBase + TREE_NEIGHBOURS];
            final int neighbourBase = neighbour * STRIDE;
            if ((table[leafBase + FLAGS] & DEFECT) != 0)
            {
                result.addEdge(edge, edgeObservables[edge]);
                table[leafBase + FLAGS] &= ~DEFECT;
                table[neighbourBase + FLAGS] ^= DEFECT;
            }
            table[leafBase + TREE_DEGREE] = 0;
            table[neighbourBase + TREE_DEGREE]--;
            table[neighbourBase + TREE_XOR] ^= edge;
            table[neighbourBase + TREE_NEIGHBOURS] ^= leaf;
            if (table[neighbourBase + TREE_DEGREE] == 1)
            {
                leafStack[stackSize++] = neighbour;
            }
        }

        for (int i = 0; i < rootCount; i++)
        {
            final int root = boundaryRoots[i] * STRIDE;
            final int boundaryEdge = table[root + BOUNDARY_EDGE];
            final int rootFlags = table[root + BOUNDARY_EXIT] * STRIDE + FLAGS;
            if ((table[rootFlags] & DEFECT) != 0)
            {
                result.addEdge(boundaryEdge, edgeObservables[boundaryEdge]);
                table[rootFlags] &= ~DEFECT;
            }
        }
    }

    /** Forget the forest of an aborted or growth-only decode. */
    void reset()
    {
        treeEdgeCount = 0;
    }
}
