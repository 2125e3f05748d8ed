package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.EdgeCorrelations;

import java.util.Arrays;

/**
 * The second pass of a {@link DecoderMode#CORRELATED} decode: every edge the graph's correlations tie to an edge of
 * the first correction gets its implied weight as its length, when that is shorter; the syndrome is decoded again on
 * those lengths, and every length changed is restored, in time proportional to the changes.
 * <p>
 * Only what the lowering can change is decoded again. A decode splits into pieces: its members grouped by the graph's
 * edges between them, each piece's clusters evolving as a decode of that piece's defects alone (see
 * {@code IncrementalFinish} for why). Growth reads only the lengths of its members' edges, so a piece no lowered edge
 * touches would grow in the second pass exactly as in the first. The second pass therefore decodes the defects of the
 * touched pieces only, and adds the first correction of the others; if its clusters reach into or next to an
 * untouched piece, the two are no longer independent and the whole syndrome is decoded again instead. Either way the
 * answer is the second pass over every defect.
 * <p>
 * <b>Note:</b> belongs to one decoder; all working memory is allocated at construction.
 */
final class CorrelatedPass
{
    private final UnionFindDecoder decoder;
    private final DecodingGraph graph;
    private final EdgeCorrelations correlations;
    private final ClusterGrowth growth;
    // A first-pass member carries the current stamp, and its piece's index in piece[]; the boundary never does.
    private final int[] memberStamp;
    private final int[] piece;
    private final boolean[] touched;
    private final int[] queue;
    private final int[] touchedDefects;
    private final int[] keptEdges;
    private int stamp;
    // Second passes over the touched pieces only, and over every defect after all; for tests.
    long partialPasses;
    long wholePasses;

    CorrelatedPass(
        final UnionFindDecoder decoder, final DecodingGraph graph, final EdgeCorrelations correlations,
        final ClusterGrowth growth)
    {
        this.decoder = decoder;
        this.graph = graph;
        this.correlations = correlations;
        this.growth = growth;
        final int vertexCount = graph.vertexCount();
        memberStamp = new int[vertexCount];
        piece = new int[vertexCount];
        touched = new boolean[vertexCount];
        queue = new int[vertexCount];
        touchedDefects = new int[graph.detectorCount()];
        keptEdges = new int[vertexCount];
        // A pair lowers its edge at most once a decode: lowered once, the edge is no longer above the pair's weight.
        growth.reserveLowerings(correlations.pairCount());
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
        if (labelPieces() && result.unmatchedDefects == 0)
        {
            final int firstPassSteps = result.growthSteps;
            int count = 0;
            for (int i = 0; i < defectCount; i++)
            {
                if (touched[piece[defects[i]]])
                {
                    touchedDefects[count++] = defects[i];
                }
            }
            final int kept = untouchedCorrection(result);
            decoder.decodePass(touchedDefects, count, result);
            if (count < defectCount && !reachesUntouched())
            {
                partialPasses++;
                for (int i = 0; i < kept; i++)
                {
                    result.addEdge(keptEdges[i], graph.edgeObservables(keptEdges[i]));
                }
            }
            else
            {
                wholePasses++;
                if (count < defectCount)
                {
                    decoder.decodePass(defects, defectCount, result);
                }
            }
            result.growthSteps += firstPassSteps;
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
                changed += growth.lowerLength(correlations.other(k), correlations.impliedWeight(k)) ? 1 : 0;
            }
        }
        return changed;
    }

    // Groups the first pass's members into pieces and marks those a lowered edge touches; true if any is.
    private boolean labelPieces()
    {
        final int[] memberStamp = this.memberStamp;
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(memberStamp, 0);
            stamp = 1;
        }
        final int members = decoder.lastMemberCount();
        for (int i = 0; i < members; i++)
        {
            memberStamp[decoder.lastMember(i)] = stamp;
            piece[decoder.lastMember(i)] = -1;
        }
        int pieces = 0;
        for (int i = 0; i < members; i++)
        {
            final int start = decoder.lastMember(i);
            if (piece[start] >= 0)
            {
                continue;
            }
            touched[pieces] = false;
            piece[start] = pieces;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            while (head < tail)
            {
                final int vertex = queue[head++];
                for (int a = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); a < end; a++)
                {
                    final int neighbour = graph.otherEnd(graph.adjacentEdge(a), vertex);
                    if (memberStamp[neighbour] == stamp && piece[neighbour] < 0)
                    {
                        piece[neighbour] = pieces;
                        queue[tail++] = neighbour;
                    }
                }
            }
            pieces++;
        }
        boolean any = false;
        for (int i = 0, n = growth.loweredCount(); i < n; i++)
        {
            final int edge = growth.loweredEdge(i);
            any |= touch(graph.edgeSource(edge)) | touch(graph.edgeTarget(edge));
        }
        return any;
    }

    private boolean touch(final int vertex)
    {
        if (memberStamp[vertex] != stamp)
        {
            return false;
        }
        touched[piece[vertex]] = true;
        return true;
    }

    // Copies the first correction's edges that lie in untouched pieces (an edge's lower end is always a member).
    private int untouchedCorrection(final DecodeResult firstPass)
    {
        int kept = 0;
        for (int i = 0, n = firstPass.correctionCount; i < n; i++)
        {
            final int edge = firstPass.correctionEdges[i];
            if (!touched[piece[graph.edgeSource(edge)]])
            {
                keptEdges[kept++] = edge;
            }
        }
        return kept;
    }

    // True when a member of the last decode is, or is next to, a member of an untouched first-pass piece.
    private boolean reachesUntouched()
    {
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            final int vertex = decoder.lastMember(i);
            if (untouchedMember(vertex))
            {
                return true;
            }
            for (int a = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); a < end; a++)
            {
                if (untouchedMember(graph.otherEnd(graph.adjacentEdge(a), vertex)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean untouchedMember(final int vertex)
    {
        return memberStamp[vertex] == stamp && !touched[piece[vertex]];
    }
}
