package io.qecnode.decoder.unionfind;

import static io.qecnode.decoder.unionfind.VertexTable.BOUNDARY_EDGE;
import static io.qecnode.decoder.unionfind.VertexTable.BOUNDARY_EXIT;
import static io.qecnode.decoder.unionfind.VertexTable.DEFECT;
import static io.qecnode.decoder.unionfind.VertexTable.FLAGS;
import static io.qecnode.decoder.unionfind.VertexTable.FRONTIER_NEXT;
import static io.qecnode.decoder.unionfind.VertexTable.GROWING_TAIL;
import static io.qecnode.decoder.unionfind.VertexTable.IDLE_TAIL;
import static io.qecnode.decoder.unionfind.VertexTable.NONE;
import static io.qecnode.decoder.unionfind.VertexTable.ODD;
import static io.qecnode.decoder.unionfind.VertexTable.PARENT;
import static io.qecnode.decoder.unionfind.VertexTable.SIZE;
import static io.qecnode.decoder.unionfind.VertexTable.STRIDE;

/**
 * The clusters of one decode as a union-find forest in the {@link VertexTable}. Each root holds its cluster's size,
 * defect parity, one filled edge into the boundary (if any), and its frontier: the members that may still have an
 * unfilled edge, on two circular lists, those growing and those idle.
 * <p>
 * Keeping the two lists apart means a change of activity touches only the vertices whose growth really changes:
 * an active cluster that swallows an idle one wakes the idle list alone.
 * <p>
 * The boundary vertex never joins a cluster: a cluster that reaches it just records the edge, so any number of
 * clusters can touch the boundary without merging through it.
 */
final class ClusterForest
{
    private final int[] table;
    final int[] members;
    int memberCount;

    ClusterForest(final int[] table, final int vertexCount)
    {
        this.table = table;
        members = new int[vertexCount];
    }

    boolean contains(final int vertex)
    {
        return table[vertex * STRIDE + PARENT] != NONE;
    }

    /** A new cluster of one vertex, idle until the growth stage wakes it. */
    void addSingleton(final int vertex, final boolean defect)
    {
        final int[] table = this.table;
        final int base = vertex * STRIDE;
        table[base + PARENT] = vertex;
        table[base + SIZE] = 1;
        table[base + FLAGS] = defect ? ODD | DEFECT : 0;
        table[base + BOUNDARY_EDGE] = NONE;
        table[base + GROWING_TAIL] = NONE;
        table[base + IDLE_TAIL] = vertex;
        table[base + FRONTIER_NEXT] = vertex;
        members[memberCount++] = vertex;
    }

    int find(final int vertex)
    {
        final int[] table = this.table;
        int v = vertex;
        int parent = table[v * STRIDE + PARENT];
        while (parent != v)
        {
            // Path halving: every other node on the path skips to its grandparent.
            final int grandparent = table[parent * STRIDE + PARENT];
            table[v * STRIDE + PARENT] = grandparent;
            v = grandparent;
            parent = table[v * STRIDE + PARENT];
        }
        return v;
    }

    /**
     * Merge two distinct roots, the smaller under the larger.
     *
     * @return the root of the merged cluster.
     */
    int union(final int rootA, final int rootB)
    {
        final int[] table = this.table;
        final int baseA = rootA * STRIDE;
        final int baseB = rootB * STRIDE;
        final boolean aWins = table[baseA + SIZE] >= table[baseB + SIZE];
        final int root = aWins ? baseA : baseB;
        final int child = aWins ? baseB : baseA;
        table[child + PARENT] = root / STRIDE;
        table[root + SIZE] += table[child + SIZE];
        table[root + FLAGS] ^= table[child + FLAGS] & ODD;
        if (table[root + BOUNDARY_EDGE] == NONE)
        {
            table[root + BOUNDARY_EDGE] = table[child + BOUNDARY_EDGE];
            table[root + BOUNDARY_EXIT] = table[child + BOUNDARY_EXIT];
        }
        table[root + GROWING_TAIL] = VertexTable.concat(table, table[root + GROWING_TAIL], table[child + GROWING_TAIL]);
        table[root + IDLE_TAIL] = VertexTable.concat(table, table[root + IDLE_TAIL], table[child + IDLE_TAIL]);
        return root / STRIDE;
    }

    /** @return true when the cluster must grow: an odd number of defects and no way out through the boundary. */
    boolean isActive(final int root)
    {
        final int base = root * STRIDE;
        return (table[base + FLAGS] & ODD) != 0 && table[base + BOUNDARY_EDGE] == NONE;
    }

    /**
     * Record that a cluster reached the boundary, unless it already had.
     *
     * @param root   root of the cluster.
     * @param edge   the filled boundary edge.
     * @param member the cluster's end of that edge.
     */
    void touchBoundary(final int root, final int edge, final int member)
    {
        final int base = root * STRIDE;
        if (table[base + BOUNDARY_EDGE] == NONE)
        {
            table[base + BOUNDARY_EDGE] = edge;
            table[base + BOUNDARY_EXIT] = member;
        }
    }
}
