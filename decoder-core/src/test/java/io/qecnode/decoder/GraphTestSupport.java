package io.qecnode.decoder;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

/**
 * Helpers shared by the decoder tests.
 */
public final class GraphTestSupport
{
    private GraphTestSupport()
    {
    }

    /**
     * @param graph     the graph.
     * @param edges     an edge set.
     * @param edgeCount number of edges in the set.
     * @return the detectors the edge set lights, sorted.
     */
    public static int[] syndromeOf(final DecodingGraph graph, final int[] edges, final int edgeCount)
    {
        final boolean[] lit = new boolean[graph.detectorCount()];
        for (int i = 0; i < edgeCount; i++)
        {
            lit[graph.edgeSource(edges[i])] ^= true;
            if (!graph.isBoundaryEdge(edges[i]))
            {
                lit[graph.edgeTarget(edges[i])] ^= true;
            }
        }
        return indicesOf(lit);
    }

    /**
     * @param values      an array.
     * @param count       number of leading entries to take.
     * @return those entries, sorted.
     */
    public static int[] sortedPrefix(final int[] values, final int count)
    {
        final int[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }

    private static int[] indicesOf(final boolean[] flags)
    {
        int count = 0;
        for (final boolean flag : flags)
        {
            count += flag ? 1 : 0;
        }
        final int[] result = new int[count];
        int i = 0;
        for (int v = 0; v < flags.length; v++)
        {
            if (flags[v])
            {
                result[i++] = v;
            }
        }
        return result;
    }
}
