package io.qecnode.decoder.graph;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * A growable list of (edge, other edge, value) triples over a graph's edges, and the same folded into one value per
 * pair, as compressed sparse rows: the groundwork of {@link EdgeCorrelations}. Primitive arrays throughout, so that a
 * model with a hundred thousand decomposed errors folds in milliseconds rather than through boxed maps.
 * <p>
 * <b>Note:</b> cold path; allocates freely.
 */
public final class EdgePairs
{
    private final int edgeCount;
    private int[] edge = new int[64];
    private int[] other = new int[64];
    private double[] value = new double[64];
    private int count;
    // Set once folded: the pairs of edge e are [start[e], start[e + 1]), sorted by the other edge, each pair once.
    private int[] start;

    /**
     * @param edgeCount number of edges the pairs refer to.
     */
    public EdgePairs(final int edgeCount)
    {
        this.edgeCount = edgeCount;
    }

    /**
     * @param edge  an edge.
     * @param other another edge.
     * @param value the pair's value.
     * @return this list.
     */
    public EdgePairs add(final int edge, final int other, final double value)
    {
        if (edge < 0 || edge >= edgeCount || other < 0 || other >= edgeCount)
        {
            throw new IllegalArgumentException("edge outside the graph: edge=" + edge + ", other=" + other +
                ", edgeCount=" + edgeCount);
        }
        if (count == this.edge.length)
        {
            this.edge = Arrays.copyOf(this.edge, 2 * count);
            this.other = Arrays.copyOf(this.other, 2 * count);
            this.value = Arrays.copyOf(this.value, 2 * count);
        }
        this.edge[count] = edge;
        this.other[count] = other;
        this.value[count] = value;
        count++;
        return this;
    }

    /**
     * @param merge folds the values of a pair given more than once, in the order given.
     * @return the pairs, each once, in rows by edge and sorted by the other edge within a row.
     */
    public EdgePairs folded(final DoubleBinaryOperator merge)
    {
        final int[] rowStart = new int[edgeCount + 1];
        for (int i = 0; i < count; i++)
        {
            rowStart[edge[i] + 1]++;
        }
        for (int e = 0; e < edgeCount; e++)
        {
            rowStart[e + 1] += rowStart[e];
        }
        // Counting sort by edge, stable, so that the values of a pair fold in the order they came.
        final int[] fill = Arrays.copyOf(rowStart, edgeCount);
        final int[] sortedOther = new int[count];
        final double[] sortedValue = new double[count];
        for (int i = 0; i < count; i++)
        {
            final int at = fill[edge[i]]++;
            sortedOther[at] = other[i];
            sortedValue[at] = value[i];
        }
        final EdgePairs folded = new EdgePairs(edgeCount);
        folded.start = new int[edgeCount + 1];
        for (int e = 0; e < edgeCount; e++)
        {
            final int rowFirst = folded.count;
            for (int i = rowStart[e]; i < rowStart[e + 1]; i++)
            {
                // Rows are short (the partners of one edge), so a linear search and an insertion keep them sorted.
                int at = folded.count;
                while (at > rowFirst && folded.other[at - 1] > sortedOther[i])
                {
                    at--;
                }
                if (at > rowFirst && folded.other[at - 1] == sortedOther[i])
                {
                    folded.value[at - 1] = merge.applyAsDouble(folded.value[at - 1], sortedValue[i]);
                    continue;
                }
                folded.add(e, sortedOther[i], sortedValue[i]);
                for (int j = folded.count - 1; j > at; j--)
                {
                    folded.other[j] = folded.other[j - 1];
                    folded.value[j] = folded.value[j - 1];
                }
                folded.other[at] = sortedOther[i];
                folded.value[at] = sortedValue[i];
            }
            folded.start[e + 1] = folded.count;
        }
        return folded;
    }

    /** @return number of edges the pairs refer to. */
    public int edgeCount()
    {
        return edgeCount;
    }

    /** @return number of triples. */
    public int size()
    {
        return count;
    }

    /**
     * @param edge an edge.
     * @return position of its first pair; only once {@link #folded folded}.
     */
    public int start(final int edge)
    {
        return start[edge];
    }

    /**
     * @param edge an edge.
     * @return position one past its last pair; only once {@link #folded folded}.
     */
    public int end(final int edge)
    {
        return start[edge + 1];
    }

    /**
     * @param index a triple's position.
     * @return its edge.
     */
    public int edge(final int index)
    {
        return edge[index];
    }

    /**
     * @param index a triple's position.
     * @return its other edge.
     */
    public int other(final int index)
    {
        return other[index];
    }

    /**
     * @param index a triple's position.
     * @return its value.
     */
    public double value(final int index)
    {
        return value[index];
    }
}
