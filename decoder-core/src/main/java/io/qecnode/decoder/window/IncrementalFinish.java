package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.util.Arrays;

/**
 * A window's decode built up as its rounds arrive (the block's final window, in {@link StreamingDecoder}), so that its
 * last round only adds its own clusters.
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
 * The same argument read backwards splits a decode: clusters of one decode that no edge joins to the others evolve as
 * a decode of their own defects. So the state's members, split into the connected pieces of the graph they induce
 * (clusters joined by a filled edge or next to each other), are independent decodes of their pieces' defects.
 * <p>
 * Applied round by round: the state is opened with one decode of the window's rounds whose residual is settled (those
 * at or before the previous window's commit), then each later round's defects are decoded together with the pieces
 * at or next to them (the pieces' defects in the state's order, then the round's; alone when there are none), and
 * that decode replaces those pieces when it is independent of the rest; when it is not, the pieces it reached join
 * and it is tried again, three tries in all, then the state is stale; so is it when the pieces hold more than half the
 * state's defects (a decode from scratch is then cheaper). A stale state is rebuilt by one
 * batch decode on the block's second-to-last round, and a stale state on the last round leaves the final window to a
 * decode from scratch. The defect lists match the batch decode's: rounds in order, each round's residual in the order
 * first toggled.
 * <p>
 * <b>Note:</b> single-threaded; allocates nothing after construction.
 */
final class IncrementalFinish
{
    private static final int CLOSED = 0;
    private static final int VALID = 1;
    private static final int STALE = 2;
    // Redecodes of widening pieces before a round gives up and makes the state stale.
    private static final int REDO_TRIES = 3;

    private final Window window;
    private final DecodingGraph graph;
    private final UnionFindDecoder decoder;
    private final DecodeResult result;
    // A vertex belongs to a cluster of the state when its stamp is the current one: forgetting is one increment.
    private final int[] memberStamp;
    private int stamp;
    // A member of the state belongs to the pieces being redecoded when its stamp here is the current piece stamp.
    private final int[] pieceStamp;
    private int pieceGeneration;
    // The pieces' members, in the order found.
    private final int[] pieceMembers;
    // Every defect in the state, window-local, in the batch decode's order.
    private final int[] stateDefects;
    // A redecode's defects: the pieces' in the state's order, then the round's.
    private final int[] redoDefects;
    private long localRedos;
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
        this.pieceStamp = new int[graph.vertexCount()];
        this.pieceMembers = new int[graph.vertexCount()];
        this.stateDefects = new int[graph.detectorCount()];
        this.redoDefects = new int[graph.detectorCount()];
        this.correction = new int[window.correctionCapacity()];
    }

    /** @return the window built up. */
    Window window()
    {
        return window;
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
            take(defects, count);
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
        // The pieces at or next to the round's defects go in from the start: a defect whose partner is in the state
        // (a measurement error across the round boundary) would otherwise grow alone, far, before meeting it.
        newPieces();
        int found = 0;
        for (int i = 0; i < count; i++)
        {
            found = addAround(defects[i], found);
        }
        found = closePieces(0, found);
        for (int attempt = 0; attempt < REDO_TRIES && (found == 0 || unmatched == 0); attempt++)
        {
            final int pieceDefects = gatherPieceDefects();
            if (2 * pieceDefects > defectCount)
            {
                // Most of the window: a decode from scratch once costs less than redos that may not hold.
                break;
            }
            System.arraycopy(defects, 0, redoDefects, pieceDefects, count);
            decoder.decode(redoDefects, pieceDefects + count, result);
            if (independentOfTheRest())
            {
                if (found > 0)
                {
                    dropPieces(found);
                    localRedos++;
                }
                mark();
                take(defects, count);
                return true;
            }
            final int before = found;
            for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
            {
                found = addAround(decoder.lastMember(i), found);
            }
            found = closePieces(before, found);
        }
        state = STALE;
        return false;
    }

    /** @return rounds added by redecoding the pieces of the state they reached, since construction. */
    long localRedos()
    {
        return localRedos;
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

    // List the pieces' defects, in the state's order, at the head of the redo list; returns how many.
    private int gatherPieceDefects()
    {
        int n = 0;
        for (int i = 0; i < defectCount; i++)
        {
            final int defect = stateDefects[i];
            if (pieceStamp[defect] == pieceGeneration)
            {
                redoDefects[n++] = defect;
            }
        }
        return n;
    }

    private void newPieces()
    {
        if (pieceGeneration == Integer.MAX_VALUE)
        {
            Arrays.fill(pieceStamp, 0);
            pieceGeneration = 0;
        }
        pieceGeneration++;
    }

    // No member of the last decode is, or is next to, a member of the state outside the pieces (boundary excepted).
    private boolean independentOfTheRest()
    {
        final DecodingGraph graph = this.graph;
        final int boundary = graph.boundaryVertex();
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            final int vertex = decoder.lastMember(i);
            if (isOutsidePieces(vertex))
            {
                return false;
            }
            for (int a = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); a < end; a++)
            {
                final int other = graph.otherEnd(graph.adjacentEdge(a), vertex);
                if (other != boundary && isOutsidePieces(other))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean isOutsidePieces(final int vertex)
    {
        return memberStamp[vertex] == stamp && pieceStamp[vertex] != pieceGeneration;
    }

    // Add to the pieces the state member a vertex is, and those next to it.
    private int addAround(final int vertex, final int count)
    {
        final DecodingGraph graph = this.graph;
        final int boundary = graph.boundaryVertex();
        int found = addToPieces(vertex, count);
        for (int a = graph.adjacencyStart(vertex), end = graph.adjacencyEnd(vertex); a < end; a++)
        {
            final int other = graph.otherEnd(graph.adjacentEdge(a), vertex);
            if (other != boundary)
            {
                found = addToPieces(other, found);
            }
        }
        return found;
    }

    // Close the pieces found from position {@code from} on over the state: whole connected pieces of its members.
    private int closePieces(final int from, final int count)
    {
        int found = count;
        for (int head = from; head < found; head++)
        {
            found = addAround(pieceMembers[head], found);
        }
        return found;
    }

    private int addToPieces(final int vertex, final int count)
    {
        if (isOutsidePieces(vertex))
        {
            pieceStamp[vertex] = pieceGeneration;
            pieceMembers[count] = vertex;
            return count + 1;
        }
        return count;
    }

    // Take the pieces' members and correction edges out of the state; their defects stay listed, in order.
    private void dropPieces(final int pieceCount)
    {
        final DecodingGraph graph = this.graph;
        final int boundary = graph.boundaryVertex();
        int kept = 0;
        for (int i = 0; i < correctionCount; i++)
        {
            final int edge = correction[i];
            final int source = graph.edgeSource(edge);
            final int end = source != boundary ? source : graph.edgeTarget(edge);
            if (pieceStamp[end] == pieceGeneration && memberStamp[end] == stamp)
            {
                flips ^= graph.edgeObservables(edge);
            }
            else
            {
                correction[kept++] = edge;
            }
        }
        correctionCount = kept;
        for (int i = 0; i < pieceCount; i++)
        {
            memberStamp[pieceMembers[i]] = 0;
        }
        // The pieces' defects are decoded again in the last decode: take() counts only the round's.
    }

    private void mark()
    {
        for (int i = 0, n = decoder.lastMemberCount(); i < n; i++)
        {
            memberStamp[decoder.lastMember(i)] = stamp;
        }
    }

    private void take(final int[] defects, final int count)
    {
        System.arraycopy(defects, 0, stateDefects, defectCount, count);
        final int edges = result.correctionCount();
        System.arraycopy(result.correctionEdges(), 0, correction, correctionCount, edges);
        correctionCount += edges;
        flips ^= result.observableFlips();
        unmatched += result.unmatchedDefects();
        defectCount += count;
    }
}
