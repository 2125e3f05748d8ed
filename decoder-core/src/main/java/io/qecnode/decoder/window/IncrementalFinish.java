package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.util.Arrays;

/**
 * The final window's decode built up as its rounds arrive, so that the block's last round only adds its own clusters.
 * <p>
 * Why the sum is exact. Union-find on defects S and, separately, on defects N over the same graph: if no vertex
 * belongs to a cluster of both and no edge joins a vertex of an S-cluster to a vertex of an N-cluster, then on S u N
 * (S's defects listed first, each set in its own order) the two evolve side by side, event for event. An edge grows
 * only from cluster members; one at an S-member has its other end in no N-cluster, so it grows and fills as in S's
 * decode, at the same integer times; merges and neutralisations stay within each side; territories only grow, so
 * any meeting in the joint decode would show in the final territories checked here. Ties between edges filling at
 * the same time go by queue order, and the queue keeps each side's relative order (LIFO buckets, order-keeping
 * compaction), so every cluster gets the same spanning tree and boundary edge. Peeling a tree picks the same edges
 * whatever the order its leaves come in, so the joint correction is the union of the two and its flips the XOR.
 * The boundary vertex never joins a cluster; touching it only neutralises.
 * <p>
 * Applied round by round: the state is opened with one decode of the window's rounds whose residual is settled (those
 * at or before the previous window's commit), then each later round's defects are decoded alone and added when they
 * are independent of everything so far. A dependent round makes the state stale; a stale state is rebuilt by one
 * batch decode on the block's second-to-last round, and a last round that is dependent (or a stale state) leaves the
 * final window to a decode from scratch. The defect lists match the batch decode's: rounds in order, each round's
 * residual in the order first toggled.
 * <p>
 * <b>Note:</b> single-threaded; allocates nothing after construction.
 */
final class IncrementalFinish
{
    private static final int CLOSED = 0;
    private static final int VALID = 1;
    private static final int STALE = 2;

    private final Window window;
    private final DecodingGraph graph;
    private final UnionFindDecoder decoder;
    private final DecodeResult result;
    // A vertex belongs to a cluster of the state when its stamp is the current one: forgetting is one increment.
    private final int[] memberStamp;
    private int stamp;
    private final int[] correction;
    private int correctionCount;
    private long flips;
    private int defectCount;
    private int unmatched;
    private int state;

    /**
     * @param window the block's final window.
     */
    IncrementalFinish(final Window window)
    {
        this.window = window;
        this.graph = window.graph;
        this.decoder = window.decoder;
        this.result = window.result;
        this.memberStamp = new int[graph.vertexCount()];
        this.correction = new int[window.correctionCapacity()];
    }

    /** @return the window built up. */
    Window window()
    {
        return window;
    }

    /** @return true once opened in this block, valid or stale. */
    boolean isOpen()
    {
        return state != CLOSED;
    }

    /** @return true while the state is the decode of every defect added so far. */
    boolean isValid()
    {
        return state == VALID;
    }

    /** Forget the block's state; nothing is built up until {@link #open}. */
    void close()
    {
        state = CLOSED;
    }

    /**
     * Start over from one decode of a prefix of the window's defects (window-local, in the batch decode's order).
     *
     * @param defects     the defects.
     * @param count       number of them.
     */
    void open(final int[] defects, final int count)
    {
        if (stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(memberStamp, 0);
            stamp = 0;
        }
        stamp++;
        correctionCount = 0;
        flips = 0;
        defectCount = 0;
        unmatched = 0;
        state = VALID;
        if (count > window.defectCap)
        {
            // The window goes to the fallback anyway; nothing is worth building.
            state = STALE;
            return;
        }
        if (count > 0)
        {
            decoder.decode(defects, count, result);
            mark();
            take(count);
        }
    }

    /**
     * Add the next round's defects when their clusters cannot have met the state's.
     *
     * @param defects the round's defects, window-local, in the batch decode's order.
     * @param count   number of them; 0 adds nothing.
     * @return true when the state is still valid: the decode of every defect so far.
     */
    boolean add(final int[] defects, final int count)
    {
        if (state != VALID || count == 0)
        {
            return state == VALID;
        }
        if (defectCount + count > window.defectCap)
        {
            state = STALE;
            return false;
        }
        decoder.decode(defects, count, result);
        if (!independent())
        {
            state = STALE;
            return false;
        }
        mark();
        take(count);
        return true;
    }

    /** @return the correction built up, window-local edges; the first {@link #correctionCount()} are valid. */
    int[] correction()
    {
        return correction;
    }

    /** @return edges in the correction built up. */
    int correctionCount()
    {
        return correctionCount;
    }

    /** @return defects decoded into the state. */
    int defectCount()
    {
        return defectCount;
    }

    /** @return defects the state's decodes left unmatched. */
    int unmatchedDefects()
    {
        return unmatched;
    }

    /** @return the observable flips of the correction built up; kept for checks. */
    long observableFlips()
    {
        return flips;
    }

    // No member of the last decode is a member of the state or the neighbour of one (the boundary excepted).
    private boolean independent()
    {
        final DecodingGraph graph = this.graph;
        final int[] memberStamp = this.memberStamp;
        final int stamp = this.stamp;
        final int boundary = graph.boundaryVertex();
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            final int vertex = decoder.lastMember(i);
            if (memberStamp[vertex] == stamp)
            {
                return false;
            }
            for (int a = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); a < end; a++)
            {
                final int other = graph.otherEnd(graph.adjacentEdge(a), vertex);
                if (other != boundary && memberStamp[other] == stamp)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private void mark()
    {
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            memberStamp[decoder.lastMember(i)] = stamp;
        }
    }

    private void take(final int count)
    {
        final int edges = result.correctionCount();
        System.arraycopy(result.correctionEdges(), 0, correction, correctionCount, edges);
        correctionCount += edges;
        flips ^= result.observableFlips();
        unmatched += result.unmatchedDefects();
        defectCount += count;
    }
}
