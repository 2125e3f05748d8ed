package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

import static io.qecnode.decoder.unionfind.VertexTable.ADJACENCY_END;
import static io.qecnode.decoder.unionfind.VertexTable.ADJACENCY_START;
import static io.qecnode.decoder.unionfind.VertexTable.BOUNDARY_EDGE;
import static io.qecnode.decoder.unionfind.VertexTable.DEFECT;
import static io.qecnode.decoder.unionfind.VertexTable.FLAGS;
import static io.qecnode.decoder.unionfind.VertexTable.PARENT;
import static io.qecnode.decoder.unionfind.VertexTable.STRIDE;

/**
 * Exact correction inside small clusters: for each grown cluster of {@code minDefects} to {@code maxDefects} defects,
 * a minimum-weight matching of its defects to one another or to the boundary, on shortest paths inside the cluster,
 * replaces the arbitrary spanning tree the {@link Peeler} would follow.
 * <p>
 * A shortest-path search from each defect, confined to edges with both ends in the cluster (and the cluster's
 * boundary edges, if the cluster reached the boundary), gives the distances; a dynamic programme over subsets of the
 * defects (the lowest remaining defect goes to the boundary or pairs with another) finds the cheapest matching. The
 * chosen paths are XOR-ed edge by edge, so an edge two paths share cancels, and the matched defects are cleared so
 * that peeling leaves the cluster alone. Other clusters, and odd clusters that could not reach the boundary, keep
 * their defects for the peeler.
 * <p>
 * Every buffer is sized at construction for the largest cluster matched; a call allocates nothing.
 */
final class ClusterMatcher
{
    /** Largest {@code maxDefects} accepted: the subset table has 2^maxDefects entries. */
    static final int MAX_DEFECTS_LIMIT = 16;

    private static final int INFINITE = Integer.MAX_VALUE / 4;
    private static final int TO_BOUNDARY = -1;

    private final DecodingGraph graph;
    private final int[] table;
    private final int minDefects;
    private final int maxDefects;
    private ClusterForest forest;
    // Cluster serial: seenAs[v] is serial when v is known to be in the cluster being matched, serial + 1 when not.
    private final int[] seenAs;
    private int serial;
    private final int vertexCount;
    private final int boundary;
    // Adjacency in one pass: slot a holds (weight << 32) | other end, and its edge is slotEdge[a].
    private final long[] slots;
    private final int[] slotEdge;
    private final long[] edgeObservables;

    // Per vertex: defects of the cluster rooted there (roots only), search distance, heap position, defect index.
    private final int[] defectsAt;
    private final int[] distance;
    private final int[] heapPosition;
    private final int[] defectIndex;
    // Edge by which each vertex was reached in the search from defect i, at i * vertexCount + vertex.
    private final int[] reachedBy;
    private final int[] heap;
    private final int[] reached;
    private int reachedCount;
    private int heapSize;

    // The cluster being matched: its defects in discovery order, pair and boundary costs, the cheapest way out.
    private final int[] clusterDefects;
    private final int[] pairCost;
    private final int[] boundaryCost;
    private final int[] boundaryVia;
    private final int[] boundaryEdge;
    private final int[] subsetCost;
    private final int[] subsetChoice;

    // Parity of each edge in the correction being built, and the edges touched, to emit the symmetric difference.
    private final boolean[] edgeOdd;
    private final int[] touchedEdges;
    private int touchedCount;

    /**
     * @param graph           the graph decoded.
     * @param table           the decoder's vertex table.
     * @param minDefects      smallest number of defects in a cluster matched exactly, at least 1.
     * @param maxDefects      largest number of defects in a cluster matched exactly, in [1, {@link #MAX_DEFECTS_LIMIT}].
     */
    ClusterMatcher(
        final DecodingGraph graph,
        final int[] table,
        final int minDefects,
        final int maxDefects)
    {
        if (minDefects < 1 || maxDefects < minDefects || maxDefects > MAX_DEFECTS_LIMIT)
        {
            throw new IllegalArgumentException("need 1 <= minDefects <= maxDefects <= " + MAX_DEFECTS_LIMIT +
                ": minDefects=" + minDefects + ", maxDefects=" + maxDefects);
        }
        this.graph = graph;
        this.table = table;
        this.minDefects = minDefects;
        this.maxDefects = maxDefects;
        vertexCount = graph.vertexCount();
        boundary = graph.boundaryVertex();
        final int edgeCount = graph.edgeCount();
        slots = new long[graph.adjacencyEnd(boundary)];
        slotEdge = new int[slots.length];
        for (int v = 0; v < vertexCount; v++)
        {
            for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
            {
                final int edge = graph.adjacentEdge(a);
                slots[a] = ((long)graph.edgeWeight(edge) << 32) | graph.otherEnd(edge, v);
                slotEdge[a] = edge;
            }
        }
        edgeObservables = new long[edgeCount];
        for (int e = 0; e < edgeCount; e++)
        {
            edgeObservables[e] = graph.edgeObservables(e);
        }
        defectsAt = new int[vertexCount];
        distance = new int[vertexCount];
        Arrays.fill(distance, INFINITE);
        heapPosition = new int[vertexCount];
        Arrays.fill(heapPosition, -1);
        defectIndex = new int[vertexCount];
        seenAs = new int[vertexCount];
        reachedBy = new int[maxDefects * vertexCount];
        heap = new int[vertexCount];
        reached = new int[vertexCount];
        clusterDefects = new int[maxDefects];
        pairCost = new int[maxDefects * maxDefects];
        boundaryCost = new int[maxDefects];
        boundaryVia = new int[maxDefects];
        boundaryEdge = new int[maxDefects];
        subsetCost = new int[1 << maxDefects];
        subsetChoice = new int[1 << maxDefects];
        edgeOdd = new boolean[edgeCount];
        touchedEdges = new int[edgeCount];
    }

    /**
     * Match every cluster of {@code minDefects} to {@code maxDefects} defects, adding its correction to the result and
     * clearing its defects.
     *
     * @param forest      the grown clusters.
     * @param defects     the decode's defects.
     * @param defectCount number of defects.
     * @param result      receives the corrections.
     */
    void match(final ClusterForest forest, final int[] defects, final int defectCount, final DecodeResult result)
    {
        this.forest = forest;
        for (int i = 0; i < defectCount; i++)
        {
            defectsAt[forest.find(defects[i])]++;
        }
        for (int i = 0; i < defectCount; i++)
        {
            final int root = forest.find(defects[i]);
            final int count = defectsAt[root];
            if (count >= minDefects && count <= maxDefects)
            {
                matchCluster(defects[i], root, count, result);
            }
            defectsAt[root] = 0;
        }
    }

    private void matchCluster(final int first, final int root, final int count, final DecodeResult result)
    {
        final boolean toBoundary = table[root * STRIDE + BOUNDARY_EDGE] != VertexTable.NONE;
        if (!toBoundary && (count & 1) != 0)
        {
            return;
        }
        if (serial >= Integer.MAX_VALUE - 2)
        {
            Arrays.fill(seenAs, 0);
            serial = 0;
        }
        serial += 2;
        clusterDefects[0] = first;
        defectIndex[first] = 0;
        if (search(0, root, count, toBoundary) != count)
        {
            return;
        }
        for (int i = 1; i < count; i++)
        {
            search(i, root, count, toBoundary);
        }
        if (cheapestMatching(count, toBoundary) < INFINITE)
        {
            apply(count, result);
        }
    }

    // Subsets in increasing order: the lowest defect of each goes to the boundary or pairs with another of the subset.
    private int cheapestMatching(final int count, final boolean toBoundary)
    {
        final int full = (1 << count) - 1;
        subsetCost[0] = 0;
        for (int mask = 1; mask <= full; mask++)
        {
            final int i = Integer.numberOfTrailingZeros(mask);
            final int rest = mask & (mask - 1);
            int best = toBoundary ? Math.min(INFINITE, boundaryCost[i] + subsetCost[rest]) : INFINITE;
            int choice = TO_BOUNDARY;
            for (int others = rest; others != 0; others &= others - 1)
            {
                final int j = Integer.numberOfTrailingZeros(others);
                final int cost = pairCost[i * maxDefects + j] + subsetCost[rest & ~(1 << j)];
                if (cost < best)
                {
                    best = cost;
                    choice = j;
                }
            }
            subsetCost[mask] = best;
            subsetChoice[mask] = choice;
        }
        return subsetCost[full];
    }

    private void apply(final int count, final DecodeResult result)
    {
        for (int mask = (1 << count) - 1; mask != 0; )
        {
            final int i = Integer.numberOfTrailingZeros(mask);
            final int j = subsetChoice[mask];
            if (j == TO_BOUNDARY)
            {
                toggle(boundaryEdge[i]);
                tracePath(i, boundaryVia[i]);
                mask &= mask - 1;
            }
            else
            {
                tracePath(i, clusterDefects[j]);
                mask &= ~((1 << i) | (1 << j));
            }
        }
        for (int i = 0; i < count; i++)
        {
            table[clusterDefects[i] * STRIDE + FLAGS] &= ~DEFECT;
        }
        emit(result);
    }

    /*
     * Dijkstra from defect i inside the cluster. The search from defect 0 discovers and numbers the cluster's
     * defects; the search from defect i records its cost to each later defect and to the boundary, and stops once
     * those are settled. Returns the number of defects known (all of them, unless the cluster is not connected).
     */
    private int search(final int i, final int root, final int count, final boolean toBoundary)
    {
        final int[] table = this.table;
        final int[] distance = this.distance;
        final int base = i * vertexCount;
        int targets = i == 0 ? count - 1 : count - 1 - i;
        int found = 1;
        boundaryCost[i] = INFINITE;
        for (int j = i + 1; j < count; j++)
        {
            pairCost[i * maxDefects + j] = INFINITE;
        }
        if (targets == 0 && !toBoundary)
        {
            return found;
        }
        final int source = clusterDefects[i];
        distance[source] = 0;
        reached[reachedCount++] = source;
        push(source);
        while (heapSize > 0)
        {
            final int v = pop();
            final int dv = distance[v];
            if (targets == 0 && dv >= boundaryCost[i])
            {
                break;
            }
            if (v != source && (table[v * STRIDE + FLAGS] & DEFECT) != 0)
            {
                if (i == 0)
                {
                    defectIndex[v] = found;
                    clusterDefects[found] = v;
                    pairCost[found] = dv;
                    found++;
                    targets--;
                }
                else if (defectIndex[v] > i)
                {
                    pairCost[i * maxDefects + defectIndex[v]] = dv;
                    targets--;
                }
                if (targets == 0 && (!toBoundary || dv >= boundaryCost[i]))
                {
                    break;
                }
            }
            for (int a = table[v * STRIDE + ADJACENCY_START], end = table[v * STRIDE + ADJACENCY_END]; a < end; a++)
            {
                final long slot = slots[a];
                final int w = (int)slot;
                final int dw = dv + (int)(slot >>> 32);
                if (w == boundary)
                {
                    if (toBoundary && dw < boundaryCost[i])
                    {
                        boundaryCost[i] = dw;
                        boundaryVia[i] = v;
                        boundaryEdge[i] = slotEdge[a];
                    }
                }
                else if (dw < distance[w] && isMember(w, root))
                {
                    if (distance[w] == INFINITE)
                    {
                        reached[reachedCount++] = w;
                    }
                    distance[w] = dw;
                    reachedBy[base + w] = slotEdge[a];
                    push(w);
                }
            }
        }
        while (heapSize > 0)
        {
            heapPosition[heap[--heapSize]] = -1;
        }
        for (int r = 0; r < reachedCount; r++)
        {
            distance[reached[r]] = INFINITE;
        }
        reachedCount = 0;
        return found;
    }

    // Each vertex is looked up in the forest once per cluster; the answer is kept in seenAs for the other searches.
    private boolean isMember(final int vertex, final int root)
    {
        final int seen = seenAs[vertex];
        if (seen == serial || seen == serial + 1)
        {
            return seen == serial;
        }
        final int parent = table[vertex * STRIDE + PARENT];
        final boolean member = parent == root || (parent != VertexTable.NONE && forest.find(vertex) == root);
        seenAs[vertex] = member ? serial : serial + 1;
        return member;
    }

    // Toggle the edges of the search tree of defect i from vertex back to the defect.
    private void tracePath(final int i, final int vertex)
    {
        final int base = i * vertexCount;
        final int source = clusterDefects[i];
        for (int v = vertex; v != source; )
        {
            final int edge = reachedBy[base + v];
            toggle(edge);
            v = graph.otherEnd(edge, v);
        }
    }

    private void toggle(final int edge)
    {
        if (!edgeOdd[edge])
        {
            touchedEdges[touchedCount++] = edge;
        }
        edgeOdd[edge] = !edgeOdd[edge];
    }

    // Add the edges used an odd number of times; forget the rest.
    private void emit(final DecodeResult result)
    {
        for (int t = 0; t < touchedCount; t++)
        {
            final int edge = touchedEdges[t];
            if (edgeOdd[edge])
            {
                result.addEdge(edge, edgeObservables[edge]);
                edgeOdd[edge] = false;
            }
        }
        touchedCount = 0;
    }

    // Indexed binary min-heap on distance: push inserts or moves a vertex up after its distance fell.
    private void push(final int vertex)
    {
        int at = heapPosition[vertex];
        if (at < 0)
        {
            at = heapSize++;
        }
        final int key = distance[vertex];
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            final int above = heap[parent];
            if (distance[above] <= key)
            {
                break;
            }
            heap[at] = above;
            heapPosition[above] = at;
            at = parent;
        }
        heap[at] = vertex;
        heapPosition[vertex] = at;
    }

    private int pop()
    {
        final int top = heap[0];
        heapPosition[top] = -1;
        final int last = heap[--heapSize];
        if (heapSize > 0)
        {
            final int key = distance[last];
            int at = 0;
            while (true)
            {
                int child = 2 * at + 1;
                if (child >= heapSize)
                {
                    break;
                }
                if (child + 1 < heapSize && distance[heap[child + 1]] < distance[heap[child]])
                {
                    child++;
                }
                if (distance[heap[child]] >= key)
                {
                    break;
                }
                heap[at] = heap[child];
                heapPosition[heap[at]] = at;
                at = child;
            }
            heap[at] = last;
            heapPosition[last] = at;
        }
        return top;
    }
}
