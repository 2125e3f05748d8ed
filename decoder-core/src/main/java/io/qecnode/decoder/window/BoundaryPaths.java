package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The bounded fallback decoder of a window: every defect goes to the boundary along its shortest path (by edge
 * weight), and the correction is the set of edges an odd number of those paths use. Each path lights its defect alone,
 * so the correction lights exactly the defects, whatever their number, in O(defects x path length) steps.
 * <p>
 * The paths form one shortest-path tree rooted at the boundary vertex, built once by Dijkstra and stored as the edge
 * from each detector towards the boundary. A detector that cannot reach the boundary has no path; a defect there is
 * counted as unmatched.
 * <p>
 * <b>Note:</b> one instance per window; all working memory is allocated at construction.
 */
final class BoundaryPaths
{
    static final int NO_PATH = -1;

    private static final byte ODD = 1;
    private static final byte LISTED = 2;

    private final DecodingGraph graph;
    // Detector -> the first edge of its shortest path to the boundary, or NO_PATH.
    private final int[] towardsBoundary;
    // Per edge: ODD while an odd number of paths used it, LISTED once it is in usedEdges.
    private final byte[] edgeState;
    private final int[] usedEdges;
    private int unmatchedDefects;

    BoundaryPaths(final DecodingGraph graph)
    {
        this.graph = graph;
        this.towardsBoundary = shortestPathTree(graph);
        this.edgeState = new byte[graph.edgeCount()];
        this.usedEdges = new int[graph.edgeCount()];
    }

    /**
     * @param defects     local detectors that fired, each once.
     * @param defectCount number of defects to take.
     * @param correction  receives the correction edges; as long as the window has detectors.
     * @return number of correction edges written.
     */
    int decode(final int[] defects, final int defectCount, final int[] correction)
    {
        final DecodingGraph graph = this.graph;
        final int[] towardsBoundary = this.towardsBoundary;
        final byte[] edgeState = this.edgeState;
        final int[] usedEdges = this.usedEdges;
        final int boundary = graph.boundaryVertex();
        int usedCount = 0;
        int unmatched = 0;
        for (int i = 0; i < defectCount; i++)
        {
            int vertex = defects[i];
            if (towardsBoundary[vertex] == NO_PATH)
            {
                unmatched++;
                continue;
            }
            while (vertex != boundary)
            {
                final int edge = towardsBoundary[vertex];
                final int state = edgeState[edge];
                if ((state & LISTED) == 0)
                {
                    usedEdges[usedCount++] = edge;
                }
                edgeState[edge] = (byte)((state ^ ODD) | LISTED);
                vertex = graph.otherEnd(edge, vertex);
            }
        }

        // Edges of the tree used an odd number of times form a forest, at most one edge per detector.
        int correctionCount = 0;
        for (int i = 0; i < usedCount; i++)
        {
            final int edge = usedEdges[i];
            if ((edgeState[edge] & ODD) != 0)
            {
                correction[correctionCount++] = edge;
            }
            edgeState[edge] = 0;
        }
        unmatchedDefects = unmatched;
        return correctionCount;
    }

    /** @return defects of the last decode that had no path to the boundary. */
    int unmatchedDefects()
    {
        return unmatchedDefects;
    }

    /**
     * @param detector a local detector.
     * @return the first edge of its path to the boundary, or {@link #NO_PATH}.
     */
    int towardsBoundary(final int detector)
    {
        return towardsBoundary[detector];
    }

    /**
     * @param graph a graph.
     * @return per vertex, whether any path joins it to the boundary vertex.
     */
    static boolean[] reachesBoundary(final DecodingGraph graph)
    {
        final boolean[] reached = new boolean[graph.vertexCount()];
        final int[] queue = new int[graph.vertexCount()];
        int head = 0;
        int tail = 0;
        queue[tail++] = graph.boundaryVertex();
        reached[graph.boundaryVertex()] = true;
        while (head < tail)
        {
            final int vertex = queue[head++];
            for (int i = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); i < end; i++)
            {
                final int next = graph.otherEnd(graph.adjacentEdge(i), vertex);
                if (!reached[next])
                {
                    reached[next] = true;
                    queue[tail++] = next;
                }
            }
        }
        return reached;
    }

    private static int[] shortestPathTree(final DecodingGraph graph)
    {
        final int detectorCount = graph.detectorCount();
        final int boundary = graph.boundaryVertex();
        final long[] distance = new long[graph.vertexCount()];
        final int[] towardsBoundary = new int[detectorCount];
        Arrays.fill(distance, Long.MAX_VALUE);
        Arrays.fill(towardsBoundary, NO_PATH);
        distance[boundary] = 0;

        // Entries are {distance, vertex}; stale entries are skipped when popped.
        final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        queue.add(new long[]{0, boundary});
        while (!queue.isEmpty())
        {
            final long[] entry = queue.poll();
            final int vertex = (int)entry[1];
            if (entry[0] != distance[vertex])
            {
                continue;
            }
            for (int i = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); i < end; i++)
            {
                final int edge = graph.adjacentEdge(i);
                final int next = graph.otherEnd(edge, vertex);
                final long through = entry[0] + graph.edgeWeight(edge);
                if (through < distance[next])
                {
                    distance[next] = through;
                    towardsBoundary[next] = edge;
                    queue.add(new long[]{through, next});
                }
            }
        }
        return towardsBoundary;
    }
}
