package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.EdgeCorrelations;

import java.util.Arrays;

/**
 * The second pass of a {@link DecoderMode#CORRELATED} decode: every edge the graph's correlations tie to an edge of
 * the first correction gets its implied weight as its length, when that is shorter; the syndrome is decoded again on
 * those lengths, and every length changed is restored, in time proportional to the changes.
 * <p>
 * A pass grows only from its clusters' members and reads only the lengths of their edges, so when no lowered edge has
 * an end among the first pass's members the second pass would repeat the first step for step, and is skipped.
 * Decoding again only the first pass's pieces (members grouped by the edges between them) that a lowered edge touches,
 * keeping the others' first correction unless the new clusters reach them, gave the same answers but cost more than
 * it saved (circuit d = 11 p = 0.005: 9.2-10.5 against 5.5-6.4 us a round): most defects lie in touched pieces there,
 * and the pieces' labelling and the reach check come on top.
 * <p>
 * <b>Note:</b> belongs to one decoder; all working memory is allocated at construction.
 */
final class CorrelatedPass
{
    /**
     * How many times finer than the graph's weights the lengths of a correlated decode are. Implied probabilities lie
     * between about 0.2 and 1/2, weights of 0 to 1.4 nats, which the graph's scale (the likeliest edge 10 units, some
     * 2 units a nat on circuit-level models) folds into 1 to 3 units; three times finer keeps them apart. Measured on
     * the golden data, correlated mistakes with the likeliest edge at 10, 30 and 100 units: circuit d = 13 p = 0.005
     * 29, 24, 23; phenomenological d = 9 p = 0.02 216, 181, 180; about the same time per round at 30 units.
     */
    static final int RESOLUTION_FACTOR = 3;

    private final UnionFindDecoder decoder;
    private final DecodingGraph graph;
    private final EdgeCorrelations correlations;
    private final ClusterGrowth growth;
    // A first-pass member carries the current stamp; the boundary vertex never does.
    private final int[] memberStamp;
    // Each pair's implied weight on the decode's finer scale.
    private final int[] impliedLength;
    private int stamp;
    // Second passes decoded and skipped; for tests.
    long secondPasses;
    long skippedPasses;

    CorrelatedPass(
        final UnionFindDecoder decoder, final DecodingGraph graph, final EdgeCorrelations correlations,
        final ClusterGrowth growth)
    {
        this.decoder = decoder;
        this.graph = graph;
        this.correlations = correlations;
        this.growth = growth;
        memberStamp = new int[graph.vertexCount()];
        impliedLength = new int[correlations.pairCount()];
        for (int k = 0; k < impliedLength.length; k++)
        {
            impliedLength[k] = graph.weightOf(correlations.impliedProbability(k), RESOLUTION_FACTOR);
        }
        // A pair lowers its edge at most once a decode: lowered once, the edge is no longer above the pair's weight.
        growth.reserveLowerings(correlations.pairCount());
    }

    /**
     * @param graph a graph with correlations.
     * @return the length of each edge in a correlated decode: its weight on the finer scale.
     */
    static int[] lengths(final DecodingGraph graph)
    {
        final int[] lengths = new int[graph.edgeCount()];
        for (int e = 0; e < lengths.length; e++)
        {
            lengths[e] = graph.weightOf(graph.edgeProbability(e), RESOLUTION_FACTOR);
        }
        return lengths;
    }

    /**
     * @param defects     the syndrome decoded by the first pass.
     * @param defectCount number of defects.
     * @param result      the first pass's result, replaced by the second's.
     */
    void decode(final int[] defects, final int defectCount, final DecodeResult result)
    {
        if (lower(result) == 0)
        {
            return;
        }
        if (loweredAtMembers())
        {
            secondPasses++;
            final int firstPassSteps = result.growthSteps;
            decoder.decodePass(defects, defectCount, result);
            result.growthSteps += firstPassSteps;
        }
        else
        {
            skippedPasses++;
        }
        growth.restoreLengths();
    }

    /**
     * Take every correction edge to have fired: each edge correlated with one gets its implied weight as its length,
     * when that is shorter.
     *
     * @param firstPass the first pass's result.
     * @return lengths changed, all undone by {@link ClusterGrowth#restoreLengths()}.
     */
    int lower(final DecodeResult firstPass)
    {
        final EdgeCorrelations correlations = this.correlations;
        final int[] correction = firstPass.correctionEdges;
        int changed = 0;
        for (int i = 0, n = firstPass.correctionCount; i < n; i++)
        {
            final int edge = correction[i];
            for (int k = correlations.start(edge), end = correlations.end(edge); k < end; k++)
            {
                changed += growth.lowerLength(correlations.other(k), impliedLength[k]) ? 1 : 0;
            }
        }
        return changed;
    }

    // True when a lowered edge has an end among the last decode's members.
    private boolean loweredAtMembers()
    {
        final int[] memberStamp = this.memberStamp;
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(memberStamp, 0);
            stamp = 1;
        }
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            memberStamp[decoder.lastMember(i)] = stamp;
        }
        for (int i = 0, n = growth.loweredCount(); i < n; i++)
        {
            final int edge = growth.loweredEdge(i);
            if (memberStamp[graph.edgeSource(edge)] == stamp || memberStamp[graph.edgeTarget(edge)] == stamp)
            {
                return true;
            }
        }
        return false;
    }
}
