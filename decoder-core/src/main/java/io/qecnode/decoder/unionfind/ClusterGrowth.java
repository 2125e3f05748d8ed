package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

import static io.qecnode.decoder.unionfind.VertexTable.ADJACENCY_END;
import static io.qecnode.decoder.unionfind.VertexTable.ADJACENCY_START;
import static io.qecnode.decoder.unionfind.VertexTable.DUE_AT;
import static io.qecnode.decoder.unionfind.VertexTable.FILLED_AROUND;
import static io.qecnode.decoder.unionfind.VertexTable.FRONTIER_NEXT;
import static io.qecnode.decoder.unionfind.VertexTable.GROWING_TAIL;
import static io.qecnode.decoder.unionfind.VertexTable.IDLE_TAIL;
import static io.qecnode.decoder.unionfind.VertexTable.NONE;
import static io.qecnode.decoder.unionfind.VertexTable.STRIDE;

/**
 * Growth stage, driven by events. A vertex of an active cluster grows every unfilled edge around it by one unit per
 * unit of time, so the growth of an edge is the sum of two per-vertex radii: how long each end has grown since it
 * joined a cluster. Radii live in per-vertex clocks ({@code radius = now - origin} while growing, fixed while idle),
 * so starting or stopping a vertex is O(1) and no edge is written until it fills.
 * <p>
 * Each growing vertex is queued at the time its first unfilled edge fills, computed from its own radius and its
 * neighbour's (an edge between two growing ends fills twice as fast). When a neighbour starts growing, its own entry
 * covers the edges they share. When a neighbour stops, its radius stays, so the vertex may fill their edge sooner
 * than queued for (if it was queued before the neighbour started) or later (if after): the stopping neighbour brings
 * it forward in the first case, and in the second it comes due early, finds nothing full and is queued again.
 * Time jumps from one fill to the next.
 * <p>
 * With every edge two units long this is the half-edge growth of Delfosse and Nickerson, skipping steps where
 * nothing fills; with lengths from edge weights it is weighted growth (Huang, Newman and Brown), where likely edges
 * fill first. An edge between two growing ends with an odd remainder fills at the next whole time, half a unit late,
 * exactly as unit steps would.
 */
final class ClusterGrowth implements FillQueue.DueCheck
{
    /** Returned by {@link #nextFill} when vertices are scheduled but the queue holds none of them. */
    static final int STALLED = Integer.MIN_VALUE;

    private static final int NEVER = Integer.MAX_VALUE;
    private static final int GROWING = 1;
    // Adjacency: one long per slot, (length << 32) | other end, read in order; the edge of slot a is slotEdge[a]. A
    // filled edge's length reads FILLED in both its slots, so the walk learns it without touching per-edge state.
    private static final long FILLED = 0;
    private static final long END_MASK = 0xFFFF_FFFFL;

    private final int[] table;
    // Radius clock of each vertex, one int: (radius << 1) while idle, ((start time - radius then) << 1) | 1 while
    // growing, so radius = growing ? now - (clock >> 1) : clock >> 1, and 0 is idle at radius 0. Apart from the vertex
    // table because neighbours' clocks are read for every edge looked at, and four bytes a vertex stay in the
    // first-level cache where a whole record would not.
    private final int[] clocks;
    // One bit a vertex, set once its clock has left 0: a clear bit means idle at radius 0, known without reading the
    // clock. The whole set fits in a few hundred bytes, so most neighbours cost no cache miss at all.
    private final long[] clockSet;
    private final long[] slots;
    private final int[] slotEdge;
    private final int boundary;
    private final int[] edgeLength;
    // Earliest time any edge of a vertex can fill when every vertex starts at time 0 with radius 0.
    private final int[] earliestFill;
    // Positions in the adjacency array of the two slots of edge e, at 2e and 2e + 1.
    private final int[] edgeSlots;
    private final int[] filledEdges;
    private int filledEdgeCount;
    private int scheduledCount;
    private int filledCount;
    private final FillQueue queue;
    private final int[] drained;
    // Undo log of lowered lengths, four ints an entry: edge, its length before, earliestFill of its source and target
    // before. Restored newest first, which undoes an edge lowered twice back to its first length.
    private int[] lowered = new int[0];
    private int loweredCount;

    ClusterGrowth(final DecodingGraph graph, final int[] table, final int[] edgeLength)
    {
        this.table = table;
        final int vertexCount = graph.vertexCount();
        final int edgeCount = graph.edgeCount();
        clocks = new int[vertexCount];
        clockSet = new long[(vertexCount + 63) >>> 6];
        this.edgeLength = edgeLength.clone();
        slots = new long[graph.adjacencyEnd(vertexCount - 1)];
        slotEdge = new int[slots.length];
        edgeSlots = new int[2 * edgeCount];
        for (int v = 0; v < vertexCount; v++)
        {
            for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
            {
                final int edge = graph.adjacentEdge(a);
                slots[a] = slot(edgeLength[edge], graph.otherEnd(edge, v));
                slotEdge[a] = edge;
                edgeSlots[2 * edge + (v == graph.edgeSource(edge) ? 0 : 1)] = a;
            }
        }
        int maxLength = 1;
        for (int e = 0; e < edgeCount; e++)
        {
            if (edgeLength[e] < 1)
            {
                throw new IllegalArgumentException("edge length must be >= 1: edge=" + e + ", length=" + edgeLength[e]);
            }
            maxLength = Math.max(maxLength, edgeLength[e]);
        }
        boundary = graph.boundaryVertex();
        earliestFill = new int[vertexCount];
        for (int v = 0; v < vertexCount; v++)
        {
            int earliest = NEVER;
            for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
            {
                final int length = edgeLength[graph.adjacentEdge(a)];
                final boolean toBoundary = graph.otherEnd(graph.adjacentEdge(a), v) == boundary;
                earliest = Math.min(earliest, toBoundary ? length : (length + 1) >> 1);
            }
            earliestFill[v] = earliest == NEVER ? 1 : earliest;
        }
        filledEdges = new int[edgeCount];
        final int capacity = 4 * vertexCount + 1024;
        queue = new FillQueue(maxLength, capacity);
        drained = new int[capacity];
    }

    /**
     * Size the undo log of {@link #lowerLength}; cold path.
     *
     * @param entries most lowerings between two {@link #restoreLengths()}.
     */
    void reserveLowerings(final int entries)
    {
        lowered = new int[4 * entries];
        loweredCount = 0;
    }

    /**
     * @param edge an edge.
     * @return its length in the decodes to come.
     */
    int edgeLength(final int edge)
    {
        return edgeLength[edge];
    }

    /**
     * Make an edge shorter for the decodes until {@link #restoreLengths()}; between decodes only, when no edge is
     * full. A length only falls, so every due time stays within the queue's span.
     *
     * @param edge   the edge.
     * @param length its new length, at least 1 and below its current one; otherwise nothing changes.
     * @return true when the edge was lowered.
     */
    boolean lowerLength(final int edge, final int length)
    {
        if (length >= edgeLength[edge] || length < 1)
        {
            return false;
        }
        final int slotA = edgeSlots[2 * edge];
        final int slotB = edgeSlots[2 * edge + 1];
        // Slot A belongs to the source, so it names the target, and slot B the source.
        final int source = (int)(slots[slotB] & END_MASK);
        final int target = (int)(slots[slotA] & END_MASK);
        final int at = 4 * loweredCount++;
        lowered[at] = edge;
        lowered[at + 1] = edgeLength[edge];
        lowered[at + 2] = earliestFill[source];
        lowered[at + 3] = earliestFill[target];
        setLength(edge, slotA, slotB, length);
        final int grown = (length + 1) >> 1;
        earliestFill[source] = Math.min(earliestFill[source], target == boundary ? length : grown);
        earliestFill[target] = Math.min(earliestFill[target], grown);
        return true;
    }

    /** @return lowerings since the last {@link #restoreLengths()}. */
    int loweredCount()
    {
        return loweredCount;
    }

    /**
     * @param index a lowering, in the order made.
     * @return the edge it lowered.
     */
    int loweredEdge(final int index)
    {
        return lowered[4 * index];
    }

    /** Undo every {@link #lowerLength} since the last call, in time proportional to their number. */
    void restoreLengths()
    {
        for (int at = 4 * (loweredCount - 1); at >= 0; at -= 4)
        {
            final int edge = lowered[at];
            final int slotA = edgeSlots[2 * edge];
            final int slotB = edgeSlots[2 * edge + 1];
            earliestFill[(int)(slots[slotB] & END_MASK)] = lowered[at + 2];
            earliestFill[(int)(slots[slotA] & END_MASK)] = lowered[at + 3];
            setLength(edge, slotA, slotB, lowered[at + 1]);
        }
        loweredCount = 0;
    }

    private void setLength(final int edge, final int slotA, final int slotB, final int length)
    {
        edgeLength[edge] = length;
        slots[slotA] = slot(length, (int)(slots[slotA] & END_MASK));
        slots[slotB] = slot(length, (int)(slots[slotB] & END_MASK));
    }

    /** @return true while some growing vertex has an edge left to fill. */
    boolean isGrowing()
    {
        return scheduledCount > 0;
    }

    /**
     * Start every defect growing at time 0, then queue them: all seeds grow before any schedule is computed, so no
     * schedule made at time 0 predates a vertex's growth (which lets {@link #stopGrowing} skip its neighbours).
     * A vertex with no edges to grow is still queued once; it finds nothing when it comes due.
     *
     * @param defects     the defects, each a singleton cluster.
     * @param defectCount number of defects.
     */
    void seed(final int[] defects, final int defectCount)
    {
        final int[] table = this.table;
        for (int i = 0; i < defectCount; i++)
        {
            final int base = defects[i] * STRIDE;
            table[base + GROWING_TAIL] = table[base + IDLE_TAIL];
            table[base + IDLE_TAIL] = NONE;
            clocks[defects[i]] = GROWING;
            clockSet[defects[i] >>> 6] |= 1L << defects[i];
        }
        for (int i = 0; i < defectCount; i++)
        {
            // Nothing has grown yet, so no edge can fill before the shortest one around the vertex, grown from both
            // ends; queue it then and look at its edges only when it comes due.
            queueAt(defects[i], earliestFill[defects[i]]);
        }
    }

    /**
     * Advance to the next time edges fill and take them.
     *
     * @param after  the time of the previous fills (0 at the start).
     * @param filled receives each edge that filled as three ints: the edge, the end that found it full, the other end
     *               (possibly the boundary vertex).
     * @return the time they filled, or {@link #STALLED}; {@link #filledCount()} tells how many there were.
     */
    int nextFill(final int after, final int[] filled)
    {
        final int[] table = this.table;
        int time = after;
        int count = 0;
        while (count == 0 && scheduledCount > 0)
        {
            time = queue.nextTime(time);
            if (time == FillQueue.EMPTY)
            {
                return STALLED;
            }
            final int entries = queue.drain(time, drained);
            for (int i = 0; i < entries; i++)
            {
                final int vertex = drained[i];
                final int due = vertex * STRIDE + DUE_AT;
                if (table[due] == time)
                {
                    table[due] = NONE;
                    scheduledCount--;
                    count = fillAround(vertex, time, filled, count);
                }
            }
        }
        filledCount = count;
        return time;
    }

    /** @return number of edges that filled at the time the last {@link #nextFill} returned. */
    int filledCount()
    {
        return filledCount;
    }

    /**
     * Bring a cluster's frontier in line with its activity: an active cluster wakes its idle vertices, an inactive
     * one idles its growing vertices. Vertices with every edge filled are dropped on the way.
     *
     * @param root   root of the cluster.
     * @param active whether the cluster should grow.
     * @param time   current time.
     */
    void refresh(final int root, final boolean active, final int time)
    {
        final int[] table = this.table;
        final int rootBase = root * STRIDE;
        final int from = rootBase + (active ? IDLE_TAIL : GROWING_TAIL);
        final int to = rootBase + (active ? GROWING_TAIL : IDLE_TAIL);
        final int tail = table[from];
        if (tail == NONE)
        {
            return;
        }
        int kept = NONE;
        int vertex = table[tail * STRIDE + FRONTIER_NEXT];
        while (true)
        {
            final int base = vertex * STRIDE;
            final int next = table[base + FRONTIER_NEXT];
            if (table[base + FILLED_AROUND] < table[base + ADJACENCY_END] - table[base + ADJACENCY_START])
            {
                if (active)
                {
                    startGrowing(vertex, time);
                }
                else
                {
                    stopGrowing(vertex, time);
                }
                kept = VertexTable.append(table, kept, vertex);
            }
            if (vertex == tail)
            {
                break;
            }
            vertex = next;
        }
        table[from] = NONE;
        table[to] = VertexTable.concat(table, table[to], kept);
    }

    /**
     * @param edge an edge.
     * @return true when the edge has filled in the current decode.
     */
    boolean isFull(final int edge)
    {
        return (slots[edgeSlots[2 * edge]] >>> 32) == FILLED;
    }

    @Override
    public boolean isDue(final int vertex, final int bucket, final int mask)
    {
        final int due = table[vertex * STRIDE + DUE_AT];
        return due != NONE && (due & mask) == bucket;
    }

    /**
     * Forget the decode's edges, queue and clocks; the vertex records are cleared by the decoder.
     *
     * @param members     the vertices of every cluster.
     * @param memberCount number of members.
     * @param lastTime    the last time drained.
     */
    void reset(final int[] members, final int memberCount, final int lastTime)
    {
        for (int i = 0; i < memberCount; i++)
        {
            clocks[members[i]] = 0;
            clockSet[members[i] >>> 6] = 0;
        }
        queue.clear(lastTime, drained);
        for (int i = 0; i < filledEdgeCount; i++)
        {
            final int edge = filledEdges[i];
            final int slotA = edgeSlots[2 * edge];
            final int slotB = edgeSlots[2 * edge + 1];
            slots[slotA] = slot(edgeLength[edge], (int)(slots[slotA] & END_MASK));
            slots[slotB] = slot(edgeLength[edge], (int)(slots[slotB] & END_MASK));
        }
        filledEdgeCount = 0;
        scheduledCount = 0;
    }

    private void startGrowing(final int vertex, final int time)
    {
        final int clock = clocks[vertex];
        if ((clock & GROWING) == 0)
        {
            clocks[vertex] = ((time - (clock >> 1)) << 1) | GROWING;
            clockSet[vertex >>> 6] |= 1L << vertex;
            schedule(vertex, time);
        }
    }

    // A vertex that stops keeps its radius, so a growing neighbour may now fill their shared edge sooner than it was
    // queued for (it was queued before this vertex started): bring such neighbours forward.
    private void stopGrowing(final int vertex, final int time)
    {
        final int[] table = this.table;
        final int base = vertex * STRIDE;
        final int[] clocks = this.clocks;
        final int clock = clocks[vertex];
        if ((clock & GROWING) == 0)
        {
            return;
        }
        final int origin = clock >> 1;
        final int own = time - origin;
        clocks[vertex] = own << 1;
        if (table[base + DUE_AT] != NONE)
        {
            table[base + DUE_AT] = NONE;
            scheduledCount--;
        }
        if (origin == 0)
        {
            // Grown without a break since time 0: it started before any schedule was computed (see seed), so no
            // neighbour's schedule predates its growth.
            return;
        }
        final long[] slots = this.slots;
        for (int a = table[base + ADJACENCY_START], end = table[base + ADJACENCY_END]; a < end; a++)
        {
            final long slot = slots[a];
            final int neighbour = (int)(slot & END_MASK);
            if (neighbour != boundary && (clocks[neighbour] & GROWING) != 0 && (slot >>> 32) != FILLED)
            {
                final int fillTime = time + (int)(slot >>> 32) - own - radius(neighbour, time);
                final int due = table[neighbour * STRIDE + DUE_AT];
                if (due == NONE || fillTime < due)
                {
                    queueAt(neighbour, fillTime);
                }
            }
        }
    }

    private int radius(final int vertex, final int time)
    {
        return radiusOf(clocks[vertex], time);
    }

    // Branch-free decoding of a clock: (v ^ -g) + g * (now + 1) is now - v when growing (g = 1) and v when idle.
    private static int radiusOf(final int clock, final int time)
    {
        final int growing = clock & GROWING;
        return ((clock >> 1) ^ -growing) + growing * (time + 1);
    }

    // Queue a growing vertex at the time its first unfilled edge fills, if it has one.
    private void schedule(final int vertex, final int time)
    {
        final int[] table = this.table;
        final long[] slots = this.slots;
        final int base = vertex * STRIDE;
        final int own = radius(vertex, time);
        int due = NEVER;
        for (int a = table[base + ADJACENCY_START], end = table[base + ADJACENCY_END]; a < end; a++)
        {
            final long slot = slots[a];
            if ((slot >>> 32) != FILLED)
            {
                due = Math.min(due, fillTime(slot, own, time));
            }
        }
        if (due != NEVER)
        {
            queueAt(vertex, due);
        }
    }

    // Fill every unfilled edge of a due vertex that is full by now, then queue the vertex for its next edge.
    private int fillAround(final int vertex, final int time, final int[] filled, final int filledSoFar)
    {
        final int[] table = this.table;
        final long[] slots = this.slots;
        final int base = vertex * STRIDE;
        int count = filledSoFar;
        final int own = radius(vertex, time);
        int due = NEVER;
        for (int a = table[base + ADJACENCY_START], end = table[base + ADJACENCY_END]; a < end; a++)
        {
            final long slot = slots[a];
            if ((slot >>> 32) == FILLED)
            {
                continue;
            }
            final int fillTime = fillTime(slot, own, time);
            if (fillTime <= time)
            {
                final int edge = slotEdge[a];
                final int neighbour = (int)(slot & END_MASK);
                slots[edgeSlots[2 * edge]] &= END_MASK;
                slots[edgeSlots[2 * edge + 1]] &= END_MASK;
                filledEdges[filledEdgeCount++] = edge;
                filled[3 * count] = edge;
                filled[3 * count + 1] = vertex;
                filled[3 * count + 2] = neighbour;
                count++;
                table[base + FILLED_AROUND]++;
                if (neighbour != boundary)
                {
                    table[neighbour * STRIDE + FILLED_AROUND]++;
                }
            }
            else
            {
                due = Math.min(due, fillTime);
            }
        }
        if (due != NEVER)
        {
            queueAt(vertex, due);
        }
        return count;
    }

    // Time at which the edge of a slot fills, given the radius of the vertex that owns the slot.
    private int fillTime(final long slot, final int ownRadius, final int time)
    {
        final int neighbour = (int)(slot & END_MASK);
        final int length = (int)(slot >>> 32);
        if ((clockSet[neighbour >>> 6] & (1L << neighbour)) == 0)
        {
            return time + Math.max(0, length - ownRadius);
        }
        final int clock = clocks[neighbour];
        final int growing = clock & GROWING;
        final int remaining = Math.max(0, length - ownRadius - radiusOf(clock, time));
        // Branch-free: a growing neighbour halves the remainder, rounding up.
        return time + ((remaining + growing) >> growing);
    }

    private static long slot(final int length, final int neighbour)
    {
        return ((long)length << 32) | (neighbour & END_MASK);
    }

    private void queueAt(final int vertex, final int due)
    {
        final int dueField = vertex * STRIDE + DUE_AT;
        if (table[dueField] == NONE)
        {
            scheduledCount++;
        }
        table[dueField] = due;
        if (!queue.hasRoom())
        {
            queue.compact(this);
        }
        queue.push(vertex, due);
    }
}
