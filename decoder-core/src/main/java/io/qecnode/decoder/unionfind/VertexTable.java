package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * The working state of every vertex in one {@code int[]}, sixteen ints (one cache line's worth) to a vertex, so that
 * each vertex a decode touches costs one or two cache lines instead of one per field.
 * <pre>
 *   field            meaning                                                   valid at
 *   PARENT           union-find parent; NONE when in no cluster                 every member
 *   SIZE             members in the cluster                                    roots
 *   FLAGS            ODD (odd defect count), DEFECT, PEEL_ROOT, LISTED bits     roots for ODD, vertices else
 *   BOUNDARY_EDGE    one filled edge into the boundary, or NONE                 roots
 *   BOUNDARY_EXIT    the member at which that edge leaves the cluster           roots
 *   GROWING_TAIL     tail of the circular list of growing frontier vertices     roots
 *   IDLE_TAIL        tail of the circular list of idle frontier vertices        roots
 *   FRONTIER_NEXT    next vertex on whichever frontier list holds this one      members
 *   DUE_AT           time the vertex is queued for, or NONE                     members
 *   FILLED_AROUND    filled edges at the vertex                                 members
 *   TREE_DEGREE      spanning-forest edges left at the vertex while peeling      members
 *   TREE_XOR         XOR of those edges' indices                               members
 *   TREE_NEIGHBOURS  XOR of the vertices at their other ends                    members
 *   ADJACENCY_START  first adjacency slot (fixed)                              all
 *   ADJACENCY_END    one past the last adjacency slot (fixed)                  all
 * </pre>
 * The radius clocks, read for every neighbour of every vertex looked at, live apart in {@link ClusterGrowth}. A
 * decode resets the records of its cluster members and nothing else.
 */
final class VertexTable
{
    static final int STRIDE = 16;
    static final int PARENT = 0;
    static final int SIZE = 1;
    static final int FLAGS = 2;
    static final int BOUNDARY_EDGE = 3;
    static final int GROWING_TAIL = 4;
    static final int IDLE_TAIL = 5;
    static final int FRONTIER_NEXT = 6;
    static final int DUE_AT = 7;
    static final int FILLED_AROUND = 8;
    static final int TREE_DEGREE = 9;
    static final int TREE_XOR = 10;
    static final int ADJACENCY_START = 11;
    static final int ADJACENCY_END = 12;
    static final int TREE_NEIGHBOURS = 13;
    static final int BOUNDARY_EXIT = 14;

    static final int ODD = 1;
    static final int DEFECT = 2;
    static final int PEEL_ROOT = 4;
    static final int LISTED = 8;

    static final int NONE = -1;

    private VertexTable()
    {
    }

    /**
     * @param graph the graph.
     * @return a table with every vertex in no cluster, idle and unqueued.
     */
    static int[] create(final DecodingGraph graph)
    {
        final int vertexCount = graph.vertexCount();
        final int[] table = new int[vertexCount * STRIDE];
        for (int v = 0; v < vertexCount; v++)
        {
            final int base = v * STRIDE;
            clear(table, base);
            table[base + ADJACENCY_START] = graph.adjacencyStart(v);
            table[base + ADJACENCY_END] = graph.adjacencyEnd(v);
        }
        return table;
    }

    /**
     * Return a vertex's record to the state {@link #create} gives it.
     *
     * @param table the table.
     * @param base  index of the record: vertex * STRIDE.
     */
    static void clear(final int[] table, final int base)
    {
        table[base + PARENT] = NONE;
        table[base + FLAGS] = 0;
        table[base + BOUNDARY_EDGE] = NONE;
        table[base + GROWING_TAIL] = NONE;
        table[base + IDLE_TAIL] = NONE;
        table[base + DUE_AT] = NONE;
        table[base + FILLED_AROUND] = 0;
        table[base + TREE_DEGREE] = 0;
        table[base + TREE_XOR] = 0;
        table[base + TREE_NEIGHBOURS] = 0;
    }

    /**
     * Join two circular lists threaded through FRONTIER_NEXT.
     *
     * @param table the table.
     * @param tailA tail of one list, or NONE.
     * @param tailB tail of the other, or NONE.
     * @return tail of the joined list: B's elements follow A's.
     */
    static int concat(final int[] table, final int tailA, final int tailB)
    {
        if (tailA == NONE)
        {
            return tailB;
        }
        if (tailB == NONE)
        {
            return tailA;
        }
        final int a = tailA * STRIDE + FRONTIER_NEXT;
        final int b = tailB * STRIDE + FRONTIER_NEXT;
        final int headA = table[a];
        table[a] = table[b];
        table[b] = headA;
        return tailB;
    }

    /**
     * Put a vertex at the end of a circular list.
     *
     * @param table  the table.
     * @param tail   tail of the list, or NONE.
     * @param vertex the vertex, on no list.
     * @return the new tail, the vertex.
     */
    static int append(final int[] table, final int tail, final int vertex)
    {
        final int next = vertex * STRIDE + FRONTIER_NEXT;
        if (tail == NONE)
        {
            table[next] = vertex;
        }
        else
        {
            final int tailNext = tail * STRIDE + FRONTIER_NEXT;
            table[next] = table[tailNext];
            table[tailNext] = vertex;
        }
        return vertex;
    }
}
