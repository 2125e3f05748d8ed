package io.qecnode.decoder.graph;

import java.util.Arrays;

/**
 * Which edges an error on each edge of a {@link DecodingGraph} makes likelier, and how likely: the correlations a
 * detector error model states by decomposing an error into components ({@code error(p) D1 D2 ^ D5 D7}), which a graph
 * of independent edges cannot hold.
 * <p>
 * For edge e, the pairs {@code k} in {@code [start(e), end(e))} name another edge {@link #other(int)}, the probability
 * it fired given that e did ({@link #impliedProbability(int)}); a decoder weighs it on its own scale. Only pairs that make the other edge likelier than it is on its own are kept: the
 * others could never make it lighter. Rows are stored as compressed sparse rows, each sorted by the other edge.
 * <p>
 * <b>Note:</b> immutable; built once on the cold path.
 */
public final class EdgeCorrelations
{
    private final int[] start;
    private final int[] other;
    private final double[] impliedProbability;

    private EdgeCorrelations(
        final int[] start, final int[] other, final double[] impliedProbability)
    {
        this.start = start;
        this.other = other;
        this.impliedProbability = impliedProbability;
    }

    /** @return number of edges of the graph the correlations were built for. */
    public int edgeCount()
    {
        return start.length - 1;
    }

    /** @return number of (edge, other edge) pairs, over all edges. */
    public int pairCount()
    {
        return other.length;
    }

    /**
     * @param edge an edge.
     * @return position of its first pair.
     */
    public int start(final int edge)
    {
        return start[edge];
    }

    /**
     * @param edge an edge.
     * @return position one past its last pair.
     */
    public int end(final int edge)
    {
        return start[edge + 1];
    }

    /**
     * @param pair a pair's position.
     * @return the edge the pair makes likelier.
     */
    public int other(final int pair)
    {
        return other[pair];
    }

    /**
     * @param pair a pair's position.
     * @return probability that the other edge fired given that the pair's edge did, at most 1/2.
     */
    public double impliedProbability(final int pair)
    {
        return impliedProbability[pair];
    }

    public String toString()
    {
        return "EdgeCorrelations{edges=" + edgeCount() + ", pairs=" + pairCount() + "}";
    }

    /**
     * Collects (edge, other edge, implied probability) triples; a pair given twice keeps its larger probability, since
     * a decode that lowers an edge to each of two weights ends at the lower.
     * <p>
     * <b>Note:</b> cold path; allocates freely.
     */
    public static final class Builder
    {
        private final EdgePairs implied;

        /**
         * @param edgeCount number of edges of the graph the pairs refer to.
         */
        public Builder(final int edgeCount)
        {
            this.implied = new EdgePairs(edgeCount);
        }

        /**
         * @param edge               the edge taken to have fired.
         * @param other              another edge, which that makes likelier.
         * @param impliedProbability probability that the other edge fired given that the edge did, in (0, 1];
         *                           capped at 1/2, since the graph cannot hold a weight below zero.
         * @return this builder.
         */
        public Builder add(final int edge, final int other, final double impliedProbability)
        {
            if (edge == other)
            {
                throw new IllegalArgumentException("a pair needs two distinct edges: edge=" + edge);
            }
            if (!(impliedProbability > 0.0 && impliedProbability <= 1.0))
            {
                throw new IllegalArgumentException("implied probability must be in (0, 1]: p=" + impliedProbability);
            }
            implied.add(edge, other, Math.min(0.5, impliedProbability));
            return this;
        }

        /**
         * @param graph the graph the edges belong to: a pair is kept only if it makes the other edge likelier.
         * @return the correlations, pairs whose implied probability is no more than the other edge's own left out.
         */
        public EdgeCorrelations build(final DecodingGraph graph)
        {
            final int edgeCount = implied.edgeCount();
            if (graph.edgeCount() != edgeCount)
            {
                throw new IllegalArgumentException("graph has another edge count: edges=" + graph.edgeCount() +
                    ", edgeCount=" + edgeCount);
            }
            final EdgePairs folded = implied.folded(Math::max);
            final int[] start = new int[edgeCount + 1];
            final int[] other = new int[folded.size()];
            final double[] probability = new double[folded.size()];
            int count = 0;
            for (int e = 0; e < edgeCount; e++)
            {
                for (int k = folded.start(e); k < folded.end(e); k++)
                {
                    if (folded.value(k) > graph.edgeProbability(folded.other(k)))
                    {
                        other[count] = folded.other(k);
                        probability[count] = folded.value(k);
                        count++;
                    }
                }
                start[e + 1] = count;
            }
            return new EdgeCorrelations(start, Arrays.copyOf(other, count), Arrays.copyOf(probability, count));
        }
    }
}
