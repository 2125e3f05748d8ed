package io.qecnode.decoder.reference;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact minimum-weight decoder for tiny graphs, by exhaustive search: for every connected component (the graph
 * without its boundary vertex), a shortest-path search over all (syndrome, observable) states reached by XOR-ing
 * edge sets finds the cheapest edge subset for every syndrome at once. Slow and obviously right; tests only.
 * <p>
 * Weight is either the number of edges (unit weights) or the sum of the graph's integer edge weights.
 */
public final class ExactDecoder
{
    /** Largest component, in detectors, the search will take. */
    public static final int MAX_COMPONENT_DETECTORS = 20;

    private final DecodingGraph graph;
    private final int observableBits;
    private final int[] componentOf;
    private final int[] indexInComponent;
    private final List<int[]> distances = new ArrayList<>();

    /**
     * @param graph       graph with components of at most {@link #MAX_COMPONENT_DETECTORS} detectors.
     * @param unitWeights true to count edges, false to sum the graph's edge weights.
     */
    public ExactDecoder(final DecodingGraph graph, final boolean unitWeights)
    {
        this.graph = graph;
        this.observableBits = graph.observableCount();
        final int n = graph.detectorCount();
        componentOf = new int[n];
        indexInComponent = new int[n];
        Arrays.fill(componentOf, -1);

        int components = 0;
        for (int start = 0; start < n; start++)
        {
            if (componentOf[start] != -1)
            {
                continue;
            }
            final List<Integer> members = new ArrayList<>();
            final int[] stack = new int[n];
            int top = 0;
            stack[top++] = start;
            componentOf[start] = components;
            while (top > 0)
            {
                final int v = stack[--top];
                indexInComponent[v] = members.size();
                members.add(v);
                for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
                {
                    final int w = graph.otherEnd(graph.adjacentEdge(a), v);
                    if (w != graph.boundaryVertex() && componentOf[w] == -1)
                    {
                        componentOf[w] = components;
                        stack[top++] = w;
                    }
                }
            }
            if (members.size() > MAX_COMPONENT_DETECTORS)
            {
                throw new IllegalArgumentException("component too large for exhaustive search: detectors=" +
                    members.size() + ", max=" + MAX_COMPONENT_DETECTORS);
            }
            distances.add(search(components, members.size(), unitWeights));
            components++;
        }
    }

    private int[] search(final int component, final int size, final boolean unitWeights)
    {
        final List<long[]> moves = new ArrayList<>();
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            if (componentOf[graph.edgeSource(e)] != component)
            {
                continue;
            }
            long state = 1L << (indexInComponent[graph.edgeSource(e)] + observableBits);
            if (!graph.isBoundaryEdge(e))
            {
                state ^= 1L << (indexInComponent[graph.edgeTarget(e)] + observableBits);
            }
            state ^= graph.edgeObservables(e);
            moves.add(new long[]{state, unitWeights ? 1 : graph.edgeWeight(e)});
        }

        final int states = 1 << (size + observableBits);
        final int[] dist = new int[states];
        Arrays.fill(dist, Integer.MAX_VALUE);
        dist[0] = 0;
        final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        queue.add(new long[]{0, 0});
        while (!queue.isEmpty())
        {
            final long[] head = queue.poll();
            final int state = (int)head[1];
            if (head[0] != dist[state])
            {
                continue;
            }
            for (final long[] move : moves)
            {
                final int next = state ^ (int)move[0];
                final long candidate = head[0] + move[1];
                if (candidate < dist[next])
                {
                    dist[next] = (int)candidate;
                    queue.add(new long[]{candidate, next});
                }
            }
        }
        return dist;
    }

    /**
     * @param defects     lit detectors.
     * @param defectCount number of defects.
     * @return the observable flips of a minimum-weight correction.
     */
    public long decode(final int[] defects, final int defectCount)
    {
        final int[] syndromeByComponent = new int[distances.size()];
        for (int i = 0; i < defectCount; i++)
        {
            syndromeByComponent[componentOf[defects[i]]] ^= 1 << indexInComponent[defects[i]];
        }
        long flips = 0;
        for (int c = 0; c < distances.size(); c++)
        {
            final int[] dist = distances.get(c);
            final int base = syndromeByComponent[c] << observableBits;
            int best = 0;
            for (int obs = 1; obs < (1 << observableBits); obs++)
            {
                if (dist[base | obs] < dist[base | best])
                {
                    best = obs;
                }
            }
            if (dist[base | best] == Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException("syndrome cannot be produced by the graph");
            }
            flips ^= best;
        }
        return flips;
    }

    /**
     * @param defects     lit detectors.
     * @param defectCount number of defects.
     * @return weight of a minimum-weight correction.
     */
    public long minimumWeight(final int[] defects, final int defectCount)
    {
        final int[] syndromeByComponent = new int[distances.size()];
        for (int i = 0; i < defectCount; i++)
        {
            syndromeByComponent[componentOf[defects[i]]] ^= 1 << indexInComponent[defects[i]];
        }
        long total = 0;
        for (int c = 0; c < distances.size(); c++)
        {
            final int[] dist = distances.get(c);
            final int base = syndromeByComponent[c] << observableBits;
            int best = Integer.MAX_VALUE;
            for (int obs = 0; obs < (1 << observableBits); obs++)
            {
                best = Math.min(best, dist[base | obs]);
            }
            total += best;
        }
        return total;
    }

    /**
     * @return the weight of the lightest undetectable logical error: an edge set with no syndrome that flips an
     * observable. With unit weights this is the code distance.
     */
    public int logicalDistance()
    {
        int best = Integer.MAX_VALUE;
        for (final int[] dist : distances)
        {
            for (int obs = 1; obs < (1 << observableBits); obs++)
            {
                best = Math.min(best, dist[obs]);
            }
        }
        return best;
    }
}
