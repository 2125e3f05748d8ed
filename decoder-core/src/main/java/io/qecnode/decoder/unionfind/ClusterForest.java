package io.qecnode.decoder.unionfind;

import java.util.Arrays;

/**
 * The clusters of one decode as a union-find forest over the graph's vertices, with each root holding its cluster's
 * size, defect parity, one fully grown edge into the boundary (if any) and its frontier: a linked list of member
 * vertices that still have an incident edge not fully grown.
 * <p>
 * The boundary vertex never joins a cluster: a cluster that reaches it just records the edge, so any number of
 * clusters can touch the boundary without merging through it.
 */
final class ClusterForest
{
    static final int NONE = -1;

    // parent[v] == NONE: v is in no cluster. Fields below are meaningful at roots only.
    final int[] parent;
    final int[] size;
    final boolean[] odd;
    final int[] boundaryEdge;
    final int[] frontierHead;
    final int[] frontierTail;
    // Next vertex in the same frontier list, or NONE.
    final int[] frontierNext;
    final int[] members;
    int memberCount;

    ClusterForest(final int vertexCount)
    {
        parent = new int[vertexCount];
        Arrays.fill(parent, NONE);
        size = new int[vertexCount];
        odd = new boolean[vertexCount];
        boundaryEdge = new int[vertexCount];
        frontierHead = new int[vertexCount];
        frontierTail = new int[vertexCount];
        frontierNext = new int[vertexCount];
        members = new int[vertexCount];
    }

    boolean contains(final int vertex)
    {
        return parent[vertex] != NONE;
    }

    void addSingleton(final int vertex, final boolean defect)
    {
        parent[vertex] = vertex;
        size[vertex] = 1;
        odd[vertex] = defect;
        boundaryEdge[vertex] = NONE;
        frontierHead[vertex] = vertex;
        frontierTail[vertex] = vertex;
        frontierNext[vertex] = NONE;
        members[memberCount++] = vertex;
    }

    int find(final int vertex)
    {
        final int[] parent = this.parent;
        int v = vertex;
        while (parent[v] != v)
        {
            // Path halving: every other node on the path skips to its grandparent.
            final int grandparent = parent[parent[v]];
            parent[v] = grandparent;
            v = grandparent;
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
        final int root;
        final int child;
        if (size[rootA] >= size[rootB])
        {
            root = rootA;
            child = rootB;
        }
        else
        {
            root = rootB;
            child = rootA;
        }
        parent[child] = root;
        size[root] += size[child];
        odd[root] ^= odd[child];
        if (boundaryEdge[root] == NONE)
        {
            boundaryEdge[root] = boundaryEdge[child];
        }
        appendFrontier(root, child);
        return root;
    }

    boolean isActive(final int root)
    {
        return odd[root] && boundaryEdge[root] == NONE && frontierHead[root] != NONE;
    }

    void reset()
    {
        final int[] parent = this.parent;
        final int[] members = this.members;
        for (int i = 0, n = memberCount; i < n; i++)
        {
            parent[members[i]] = NONE;
        }
        memberCount = 0;
    }

    private void appendFrontier(final int root, final int child)
    {
        final int childHead = frontierHead[child];
        if (childHead == NONE)
        {
            return;
        }
        if (frontierHead[root] == NONE)
        {
            frontierHead[root] = childHead;
        }
        else
        {
            frontierNext[frontierTail[root]] = childHead;
        }
        frontierTail[root] = frontierTail[child];
    }
}
