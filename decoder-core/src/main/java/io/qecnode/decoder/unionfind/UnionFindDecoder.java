package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;

import static io.qecnode.decoder.unionfind.VertexTable.DEFECT;
import static io.qecnode.decoder.unionfind.VertexTable.FLAGS;
import static io.qecnode.decoder.unionfind.VertexTable.LISTED;
import static io.qecnode.decoder.unionfind.VertexTable.STRIDE;

/**
 * Union-find decoder (Delfosse and Nickerson, 2017) over a {@link DecodingGraph}.
 * <p>
 * Every defect starts an odd cluster. Odd clusters that do not touch the boundary grow along their frontier; edges
 * that fill join the clusters at their ends (union by size, path compression); a cluster that reaches the boundary
 * vertex becomes neutral. When nothing is left growing, peeling a spanning forest of each cluster picks the
 * correction edges, and the XOR of their observable masks is the predicted logical flip.
 * <p>
 * {@link DecoderMode#UNWEIGHTED} makes every edge two units long (half-edge growth); {@link DecoderMode#WEIGHTED}
 * makes each edge as long as its integer weight, so that likely edges fill first. Growth is event-driven either way:
 * time jumps from one edge filling to the next. {@link DecoderMode#EXACT_SMALL} grows as weighted, then corrects each
 * cluster of a few defects by exact minimum-weight matching ({@link ClusterMatcher}) and peels the rest.
 * {@link DecoderMode#CORRELATED} decodes weighted, then lowers the edges the
 * graph's {@link DecodingGraph#correlations()} tie to the correction's edges to their implied weights, decodes again on
 * those and restores the lengths it changed, all lengths on a scale three times finer than the graph's weights (so
 * that implied weights of a fraction of a nat stay apart); on a graph without correlations it is
 * {@link DecoderMode#WEIGHTED}.
 * <p>
 * <b>Note:</b> one instance per thread. All working memory is allocated at construction; a call resets only what it
 * touched, and allocates nothing.
 */
public final class UnionFindDecoder
{
    /** Length of every edge in unweighted growth: two half-edges. */
    public static final int UNWEIGHTED_EDGE_LENGTH = 2;

    /**
     * Smallest cluster, in defects, that {@link DecoderMode#EXACT_SMALL} matches exactly: matching clusters of one or
     * two defects changed no golden case's mistakes by more than noise (circuit d=3..11, p=0.005, same counts as
     * weighted within 1) but cost 15-30% more time.
     */
    static final int EXACT_MIN_DEFECTS = 3;

    /**
     * Largest cluster, in defects, that {@link DecoderMode#EXACT_SMALL} matches exactly. Golden mistakes (weighted,
     * then 8, 10, 12 as the limit): circuit d=7 p=0.005 563, 552, 544, 547; phenomenological d=7 p=0.02 622, 583, 552,
     * 533, d=9 p=0.02 480, 467, 455, 442. 10 takes about the time of 8 (1.5-2.5x weighted's); 12 up to a third more,
     * 16 (the subset table's limit) 2-5x more.
     */
    static final int EXACT_MAX_DEFECTS = 10;

    private final DecodingGraph graph;
    private final DecoderMode mode;
    private final int detectorCount;
    private final int[] table;
    private final ClusterForest forest;
    private final ClusterGrowth growth;
    private final Peeler peeler;
    // CORRELATED mode on a graph with correlations, else null: no second pass.
    private final CorrelatedPass correlated;
    private final ClusterMatcher matcher;
    private final int[] filled;
    private final int[] affected;
    private int lastFillTime;
    private long stalls;
    // Members of the last decode's clusters: forest.members keeps them after reset, which only zeroes the count.
    private int lastMemberCount;

    /**
     * @param graph      the graph to decode on.
     * @param mode       how to grow clusters and choose corrections.
     */
    public UnionFindDecoder(final DecodingGraph graph, final DecoderMode mode)
    {
        this(graph, mode, EXACT_MIN_DEFECTS, EXACT_MAX_DEFECTS);
    }

    /**
     * @param graph           the graph to decode on.
     * @param mode            how to grow clusters and choose corrections.
     * @param exactMinDefects with {@link DecoderMode#EXACT_SMALL}, the smallest cluster, in defects, matched exactly.
     * @param exactMaxDefects with {@link DecoderMode#EXACT_SMALL}, the largest cluster, in defects, matched exactly.
     */
    UnionFindDecoder(
        final DecodingGraph graph, final DecoderMode mode, final int exactMinDefects, final int exactMaxDefects)
    {
        this.graph = graph;
        this.mode = mode;
        this.detectorCount = graph.detectorCount();
        final int vertexCount = graph.vertexCount();
        final int edgeCount = graph.edgeCount();
        final int[] edgeLength;
        final boolean correlated = mode == DecoderMode.CORRELATED && graph.correlations() != null;
        if (correlated)
        {
            edgeLength = CorrelatedPass.lengths(graph);
        }
        else if (mode != DecoderMode.UNWEIGHTED)
        {
            edgeLength = graph.copyEdgeWeights();
        }
        else
        {
            edgeLength = new int[edgeCount];
            Arrays.fill(edgeLength, UNWEIGHTED_EDGE_LENGTH);
        }
        table = VertexTable.create(graph);
        forest = new ClusterForest(table, vertexCount);
        growth = new ClusterGrowth(graph, table, edgeLength);
        peeler = new Peeler(graph, table);
        this.correlated = correlated ? new CorrelatedPass(this, graph, graph.correlations(), growth) : null;
        matcher = mode == DecoderMode.EXACT_SMALL ?
            new ClusterMatcher(graph, table, exactMinDefects, exactMaxDefects) : null;
        filled = new int[3 * edgeCount];
        affected = new int[edgeCount];
    }

    /** @return the graph this decoder decodes on. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /** @return how this decoder grows clusters and chooses corrections. */
    public DecoderMode mode()
    {
        return mode;
    }

    /**
     * @return true when decodes take a second pass on reweighted edges: {@link DecoderMode#CORRELATED} on a graph with
     * correlations. Such a decode is not the union of decodes of its separate clusters.
     */
    public boolean isCorrelated()
    {
        return correlated != null;
    }

    /** @return decodes whose growth schedule was found inconsistent and cut short; 0 unless there is a bug. */
    public long stalls()
    {
        return stalls;
    }

    /**
     * Decode one syndrome.
     *
     * @param defects     detector indices that fired, each at most once, in any order.
     * @param defectCount number of defects to take from the array.
     * @param result      receives the correction and the predicted observable flips.
     * @return the predicted observable flips, as {@link DecodeResult#observableFlips()}.
     * @throws IllegalArgumentException if a defect is not a detector or appears twice; the decoder stays usable.
     */
    public long decode(final int[] defects, final int defectCount, final DecodeResult result)
    {
        decodePass(defects, defectCount, result);
        if (correlated != null)
        {
            correlated.decode(defects, defectCount, result);
        }
        return result.observableFlips;
    }

    // One decode on the current edge lengths: grow, choose the correction, clear what was touched.
    void decodePass(final int[] defects, final int defectCount, final DecodeResult result)
    {
        result.clear();
        result.growthSteps = grow(defects, defectCount);
        if (matcher != null)
        {
            matcher.match(forest, defects, defectCount, result);
        }
        peeler.peel(forest.members, forest.memberCount, result);
        lastMemberCount = forest.memberCount;
        result.unmatchedDefects = reset();
    }

    // For tests: the first step of the second pass, and the second pass itself.
    int lowerCorrelated(final DecodeResult firstPass)
    {
        return correlated.lower(firstPass);
    }

    CorrelatedPass correlatedPass()
    {
        return correlated;
    }

    // For tests: the length an edge has in the next pass, and undoing lowerCorrelated.
    int edgeLength(final int edge)
    {
        return growth.edgeLength(edge);
    }

    void restoreLengths()
    {
        growth.restoreLengths();
    }

    /**
     * The vertices of every cluster of the last {@link #decode}, the boundary vertex never among them: what a caller
     * needs to tell whether two decodes could have met (see {@code StreamingDecoder}'s incremental finish).
     *
     * @return number of members, valid until the next decode.
     */
    public int lastMemberCount()
    {
        return lastMemberCount;
    }

    /**
     * @param index position among the last decode's members, in [0, {@link #lastMemberCount()}).
     * @return the member vertex.
     */
    public int lastMember(final int index)
    {
        return forest.members[index];
    }

    /**
     * Grow the clusters of a syndrome and report which edges filled, without peeling; for tests that hold the growth
     * against a plain step-by-step reference.
     */
    void growOnly(final int[] defects, final int defectCount, final boolean[] filledEdges)
    {
        grow(defects, defectCount);
        for (int e = 0; e < filledEdges.length; e++)
        {
            filledEdges[e] = growth.isFull(e);
        }
        peeler.reset();
        reset();
    }

    // Returns the number of distinct fill times, the event-driven count of growth rounds.
    private int grow(final int[] defects, final int defectCount)
    {
        seedClusters(defects, defectCount);
        growth.seed(defects, defectCount);

        int time = 0;
        int rounds = 0;
        while (growth.isGrowing())
        {
            final int next = growth.nextFill(time, filled);
            if (next == ClusterGrowth.STALLED)
            {
                // Unreachable while the schedule is consistent; ending growth here leaves odd clusters unmatched
                // and visible in the result rather than spinning the hot thread.
                stalls++;
                break;
            }
            time = next;
            rounds++;
            refreshAffected(mergeFilled(growth.filledCount()), time);
        }
        lastFillTime = time;
        return rounds;
    }

    private void seedClusters(final int[] defects, final int defectCount)
    {
        for (int i = 0; i < defectCount; i++)
        {
            final int detector = defects[i];
            if (detector < 0 || detector >= detectorCount || forest.contains(detector))
            {
                reset();
                throw new IllegalArgumentException(
                    (detector >= 0 && detector < detectorCount ? "defect listed twice: " : "defect is not a detector: ") +
                    "defect=" + detector + ", index=" + i + ", detectorCount=" + detectorCount);
            }
            forest.addSingleton(detector, true);
        }
    }

    // Joins the clusters at the ends of each filled edge; lists the root each edge left behind, returning how many.
    private int mergeFilled(final int filledCount)
    {
        final ClusterForest forest = this.forest;
        final int[] filled = this.filled;
        final int boundary = detectorCount;
        for (int i = 0; i < filledCount; i++)
        {
            final int edge = filled[3 * i];
            final int a = filled[3 * i + 1];
            final int b = filled[3 * i + 2];
            if (b == boundary)
            {
                final int root = forest.find(a);
                forest.touchBoundary(root, edge, a);
                affected[i] = root;
                continue;
            }
            if (!forest.contains(b))
            {
                forest.addSingleton(b, false);
            }
            final int rootA = forest.find(a);
            final int rootB = forest.find(b);
            if (rootA != rootB)
            {
                affected[i] = forest.union(rootA, rootB);
                peeler.addTreeEdge(edge, a, b);
            }
            else
            {
                affected[i] = rootA;
            }
        }
        return filledCount;
    }

    private void refreshAffected(final int affectedCount, final int time)
    {
        final int[] table = this.table;
        final int[] affected = this.affected;
        for (int i = 0; i < affectedCount; i++)
        {
            final int root = forest.find(affected[i]);
            affected[i] = root;
            final int flags = root * STRIDE + FLAGS;
            if ((table[flags] & LISTED) == 0)
            {
                table[flags] |= LISTED;
                growth.refresh(root, forest.isActive(root), time);
            }
        }
        for (int i = 0; i < affectedCount; i++)
        {
            table[affected[i] * STRIDE + FLAGS] &= ~LISTED;
        }
    }

    // Clears what the decode touched; returns the defects left unmatched.
    private int reset()
    {
        growth.reset(forest.members, forest.memberCount, lastFillTime);
        final int[] table = this.table;
        final int[] members = forest.members;
        int unmatched = 0;
        for (int i = 0, n = forest.memberCount; i < n; i++)
        {
            final int base = members[i] * STRIDE;
            unmatched += (table[base + FLAGS] & DEFECT) != 0 ? 1 : 0;
            VertexTable.clear(table, base);
        }
        forest.memberCount = 0;
        lastFillTime = 0;
        return unmatched;
    }
}
