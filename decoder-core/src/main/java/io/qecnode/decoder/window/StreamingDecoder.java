package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;

/**
 * Sliding-window decoding of blocks of syndrome rounds that arrive one at a time: overlapping windows of W rounds,
 * each committing its oldest C rounds. Window k covers rounds {@code [kC, min(kC + W, R))}; the first window that
 * reaches round R - 1 is the block's final window, and commits everything. W = 6, C = 3, R = 12:
 * <pre>
 *   round       0  1  2  3  4  5  6  7  8  9 10 11
 *   window 0   [c  c  c  o  o  o]^                    decoded when round 5 arrives, commits rounds 0-2
 *   window 1            [c  c  c  o  o  o]^           decoded when round 8 arrives, commits rounds 3-5
 *   window 2 (final)             [c  c  c  c  c  c]   decoded when round 11 arrives, commits rounds 6-11
 *   c: commit region, o: lookahead (decoded, redone by the next window), ^: open future boundary
 * </pre>
 * Windows from (W, C) = (11, 5), the default, to (4, 2) and (3, 1) trade reaction time against lookahead; see
 * {@link WindowConfig} for what was measured.
 * Each window position has its own graph, cut from the block graph at construction: the window's detectors, edges
 * with both ends inside, boundary edges, and edges up into later rounds turned into boundary edges, so that a cluster
 * at the top of the window can end on the future. Edges down into committed rounds are dropped.
 * <p>
 * A window decodes the residual syndrome of its rounds: the defects that arrived, XOR what the corrections committed
 * so far lit there (the artificial defects). It commits every correction edge whose lower end lies in its commit
 * region: the edge's observable mask XORs into the block's flips and the edge lights its ends in the residual. That
 * clears the commit region and lights, in later rounds, exactly where the committed chains cross out of it, so the
 * union of all commits reproduces the block's syndrome. An edge that the window took to its future boundary from the
 * commit region becomes the block edge up into the next rounds, and its upper end an artificial defect there.
 * <p>
 * A window with more defects than its cap ({@link WindowConfig#defectCap(int)} of its detectors, fixed at
 * construction) is not given to union-find: each defect
 * goes to the boundary along a precomputed shortest path, which bounds the work of the worst window and still lights
 * exactly the syndrome; the block is then flagged ({@link #blockUsedFallback()}).
 * <p>
 * Work per round is bounded: everything is per window position or per block, allocated at construction, and reused
 * from block to block. The work left after the last round of a block arrives is the final window's decode; clearing
 * the block's state waits for round 0 of the next block, off that path. A configuration whose window would leave a
 * detector no way to the boundary (a final window holding only a round whose edges all go down, as the closing
 * round of a phenomenological block) is refused at construction, since such a window could leave defects unmatched.
 * <p>
 * With {@link WindowConfig#incremental()} (the default) the final window is built up as its rounds arrive
 * ({@link IncrementalFinish}): once the window before it has committed, the final window's rounds so far are decoded
 * together, then each later round alone, added when its clusters cannot have met the others, or else decoded again
 * with the few clusters it reached ({@link #localRedos()}). The last round then costs its own decode and the union;
 * a last round that reaches too far, or a state made stale earlier and not rebuilt, leaves the final window to a
 * decode from scratch. The commits are those of the decode from scratch, edge for edge. Per block this is at most one
 * decode of the settled rounds, per later round its own decode and up to three local redos, one rebuild (on the
 * second-to-last round, only when stale) and one full decode of the final window; see {@link #incrementalFinishes()},
 * {@link #fullFinishes()} and {@link #rebuilds()}. {@link io.qecnode.decoder.unionfind.DecoderMode#CORRELATED} on a
 * graph with correlations decodes the final window from scratch instead: a correlated decode is not a union of
 * independent pieces. Each window's graph keeps the block graph's correlations between its own edges.
 * <p>
 * Each window's decode is timed where it happens, when its last round arrives: {@link #finalWindowNs()} is the
 * decoder's work on the block's last round, its share of the reaction, {@link #blockDecodeNs()} the block's whole
 * decode, the final window's rounds built up included.
 * <p>
 * <b>Note:</b> single-threaded; {@link #addRound}, {@link #addEmptyRound} and {@link #finishBlock} allocate nothing.
 */
public final class StreamingDecoder
{
    private final DecodingGraph graph;
    private final RoundStructure rounds;
    private final WindowConfig config;
    private final Window[] windows;
    private final BlockSyndrome syndrome;
    private final int[] defects;
    private final int[] fallbackCorrection;
    // Block edges committed in the current block, in commit order.
    private final int[] committedEdges;
    // Per window position, its decode built up round by round; null for a window decoded from scratch.
    private final IncrementalFinish[] builtUp;
    private long incrementalFinishes;
    private long fullFinishes;
    private long rebuilds;
    private int committedCount;
    private int nextRound;
    private int window;
    // Bit k set: the block's commits so far flip logical observable k.
    private long blockFlips;
    private boolean blockFallback;
    private int blockUnmatched;
    private boolean lastBlockFallback;
    private int lastBlockUnmatched;
    private long windowsDecoded;
    private long fallbackWindows;
    private long defectsDecoded;
    private int lastWindowDefects;
    // Decode time of the current block's windows so far, and of the block last finished: its final window and the
    // sum over its windows.
    private long windowNs;
    private long blockDecodeNs;
    private long lastBlockFinalWindowNs;
    private long lastBlockDecodeNs;

    /**
     * @param graph  the block's decoding graph.
     * @param rounds how the block's detectors split into rounds; must cover exactly the graph's detectors.
     * @param config window and commit length, defect cap, growth.
     * @throws IllegalArgumentException when the rounds do not match the graph, or a window would leave a detector no
     *                                  way to the boundary that the block graph gives it (a window too thin).
     */
    public StreamingDecoder(final DecodingGraph graph, final RoundStructure rounds, final WindowConfig config)
    {
        if (rounds.detectorCount() != graph.detectorCount())
        {
            throw new IllegalArgumentException("rounds do not cover the graph: roundDetectors=" +
                rounds.detectorCount() + ", graphDetectors=" + graph.detectorCount());
        }
        this.graph = graph;
        this.rounds = rounds;
        this.config = config;
        this.windows = new Window[config.windowsPerBlock(rounds.roundCount())];
        final boolean[] reachesBoundary = BoundaryPaths.reachesBoundary(graph);
        int largestWindow = 0;
        int committedCapacity = 0;
        for (int k = 0; k < windows.length; k++)
        {
            windows[k] = new Window(graph, rounds, config, k * config.commitRounds(), reachesBoundary);
            largestWindow = Math.max(largestWindow, windows[k].correctionCapacity());
            committedCapacity += windows[k].correctionCapacity();
        }
        this.syndrome = new BlockSyndrome(rounds);
        this.defects = new int[largestWindow];
        this.fallbackCorrection = new int[largestWindow];
        this.committedEdges = new int[committedCapacity];
        this.builtUp = new IncrementalFinish[windows.length];
        // Only the final window: the reaction depends on it alone. Building every window up was measured (d = 5-17,
        // p = 0.001, node's window): it cut the reaction no further, redid clusters locally about 20 times as often
        // (window 0 grows from round 0 in small steps that keep meeting), and did not make the round before the last
        // reliably cheaper, since the final window's settled rounds are still decoded together there.
        // A correlated decode is not the union of its clusters' decodes (a correction edge in one lowers edges near
        // another), which building up relies on: its final window is decoded from scratch.
        if (config.incremental() && !windows[windows.length - 1].decoder.isCorrelated())
        {
            builtUp[windows.length - 1] = new IncrementalFinish(windows[windows.length - 1]);
        }
    }

    /**
     * Take in the next round of the block; when it completes a window, decode and commit that window.
     *
     * @param round      index of the round, the one after the last taken (0 after {@link #finishBlock()} or
     *                   {@link #resetBlock()}).
     * @param firedLocal detectors of the round that fired, numbered within the round from 0; one listed twice cancels.
     * @param count      number of entries to take from the array; 0 for a round with no defect or a lost frame.
     * @throws IllegalStateException    when the round is not the next one of the block.
     * @throws IllegalArgumentException when a detector is outside the round or the count outside the array; nothing is
     *                                  taken in.
     */
    public void addRound(final int round, final int[] firedLocal, final int count)
    {
        checkNextRound(round);
        final int detectorCount = rounds.detectorCount(round);
        if (count < 0 || count > firedLocal.length)
        {
            throw new IllegalArgumentException("count outside the array: count=" + count + ", length=" +
                firedLocal.length + ", round=" + round);
        }
        for (int i = 0; i < count; i++)
        {
            final int local = firedLocal[i];
            if (local < 0 || local >= detectorCount)
            {
                throw new IllegalArgumentException("fired detector outside its round: round=" + round + ", detector=" +
                    local + ", index=" + i + ", detectorCount=" + detectorCount);
            }
        }

        if (round == 0)
        {
            startBlock();
        }
        final int firstDetector = rounds.firstDetector(round);
        for (int i = 0; i < count; i++)
        {
            syndrome.toggle(firstDetector + firedLocal[i]);
        }
        completeRound(round);
    }

    /**
     * Take in the next round of the block with no defect, as for a lost frame.
     *
     * @param round index of the round, the one after the last taken.
     * @throws IllegalStateException when the round is not the next one of the block.
     */
    public void addEmptyRound(final int round)
    {
        checkNextRound(round);
        if (round == 0)
        {
            startBlock();
        }
        completeRound(round);
    }

    /**
     * End the block after its last round: the final window was decoded when that round arrived, so this only hands
     * over the result. The next round taken must be round 0 of a new block.
     *
     * @return the block's predicted observable flips, the XOR of every commit (bit k = observable k).
     * @throws IllegalStateException when rounds of the block are still missing.
     */
    public long finishBlock()
    {
        final int roundCount = rounds.roundCount();
        if (nextRound != roundCount)
        {
            throw new IllegalStateException("block incomplete: roundsTaken=" + nextRound + ", roundsPerBlock=" +
                roundCount);
        }
        lastBlockFallback = blockFallback;
        lastBlockUnmatched = blockUnmatched;
        lastBlockFinalWindowNs = windowNs;
        lastBlockDecodeNs = blockDecodeNs;
        nextRound = 0;
        window = 0;
        // The block's state is cleared when round 0 of the next block arrives, off the reaction path.
        return blockFlips;
    }

    /** Drop the block in progress, for instance after the source restarted; the next round taken must be round 0. */
    public void resetBlock()
    {
        startBlock();
        nextRound = 0;
        window = 0;
    }

    /** @return true when the fallback decoded a window of the block last returned by {@link #finishBlock()}. */
    public boolean blockUsedFallback()
    {
        return lastBlockFallback;
    }

    /** @return defects left unmatched in the block last returned by {@link #finishBlock()}; 0 for any real syndrome. */
    public int unmatchedDefects()
    {
        return lastBlockUnmatched;
    }

    /**
     * @return ns spent on the final window of the block last returned by {@link #finishBlock()}: collecting its
     * defects, decoding and committing them, the decoder's share of the reaction to the block's last round.
     */
    public long finalWindowNs()
    {
        return lastBlockFinalWindowNs;
    }

    /** @return ns spent on every window of the block last returned by {@link #finishBlock()}, summed. */
    public long blockDecodeNs()
    {
        return lastBlockDecodeNs;
    }

    /** @return blocks whose final window was finished from the state built up, with the last round's decode alone. */
    public long incrementalFinishes()
    {
        return incrementalFinishes;
    }

    /**
     * @return blocks whose final window, built up, was decoded from scratch after all: the last round's clusters could
     * have met earlier ones, or the state was stale; 0 when the configuration is not incremental.
     */
    public long fullFinishes()
    {
        return fullFinishes;
    }

    /**
     * @return rounds of final windows added to the state built up by decoding again, with the round, the clusters it
     * could have met (rather than making the state stale).
     */
    public long localRedos()
    {
        long redos = 0;
        for (final IncrementalFinish building : builtUp)
        {
            redos += building == null ? 0 : building.localRedos();
        }
        return redos;
    }

    /** @return stale states rebuilt by a batch decode on a block's second-to-last round. */
    public long rebuilds()
    {
        return rebuilds;
    }

    /** @return windows decoded by the fallback since construction. */
    public long fallbackWindows()
    {
        return fallbackWindows;
    }

    /** @return windows decoded since construction, by union-find or the fallback. */
    public long windowsDecoded()
    {
        return windowsDecoded;
    }

    /** @return defects, real and artificial, in the windows decoded since construction. */
    public long defectsDecoded()
    {
        return defectsDecoded;
    }

    /** @return the configuration. */
    public WindowConfig config()
    {
        return config;
    }

    /** @return rounds per block, R. */
    public int roundsPerBlock()
    {
        return rounds.roundCount();
    }

    /** @return window positions per block. */
    public int windowsPerBlock()
    {
        return windows.length;
    }

    /** @return the block's decoding graph. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /** @return the round the decoder expects next. */
    public int nextRound()
    {
        return nextRound;
    }

    /** @return block edges committed in the current (or just finished) block. */
    int committedEdgeCount()
    {
        return committedCount;
    }

    /**
     * @param index position in commit order.
     * @return the committed block edge.
     */
    int committedEdge(final int index)
    {
        return committedEdges[index];
    }

    /** @return defects, real and artificial, in the window decoded last. */
    int lastWindowDefects()
    {
        return lastWindowDefects;
    }

    /** @return detectors still lit in the block's residual; 0 once a block is fully and consistently committed. */
    int residualDefects()
    {
        return syndrome.litCount();
    }

    /** @return the window positions, for inspection. */
    Window window(final int index)
    {
        return windows[index];
    }

    /** @return entries in the decoder's per-block arrays; fixed at construction. */
    int blockStateFootprint()
    {
        return syndrome.footprint() + defects.length + fallbackCorrection.length + committedEdges.length;
    }

    public String toString()
    {
        return "StreamingDecoder{" + config + ", roundsPerBlock=" + rounds.roundCount() + ", windowsPerBlock=" +
            windows.length + ", windowsDecoded=" + windowsDecoded + ", fallbackWindows=" + fallbackWindows + "}";
    }

    private void checkNextRound(final int round)
    {
        if (round != nextRound || round == rounds.roundCount())
        {
            throw new IllegalStateException((nextRound == rounds.roundCount() ?
                "block complete, finishBlock() first: round=" : "round out of order: round=") + round +
                ", expectedRound=" + nextRound + ", roundsPerBlock=" + rounds.roundCount());
        }
    }

    private void completeRound(final int round)
    {
        nextRound = round + 1;
        final Window current = windows[window];
        final IncrementalFinish building = builtUp[window];
        if (round == current.lastRound())
        {
            // System.nanoTime(), not an injected clock: decoder-core depends on nothing, a duration needs only a
            // monotonic source, and a node's clock may be a cached one that would read 0 here. It is an intrinsic
            // (about 20 ns, two per window) and allocates nothing.
            final long startNs = System.nanoTime();
            if (building != null)
            {
                finishBuiltUp(building, round);
            }
            else
            {
                decode(current);
            }
            if (!current.isFinal && builtUp[window + 1] != null)
            {
                openBuildUp(builtUp[window + 1], round);
            }
            windowNs = System.nanoTime() - startNs;
            blockDecodeNs += windowNs;
            if (!current.isFinal)
            {
                window++;
            }
        }
        else if (building != null)
        {
            final long startNs = System.nanoTime();
            buildUp(building, round);
            blockDecodeNs += System.nanoTime() - startNs;
        }
    }

    // The window before has committed: the next window's rounds so far are settled.
    private void openBuildUp(final IncrementalFinish next, final int round)
    {
        final Window built = next.window();
        next.open(defects, syndrome.collect(built.firstRound, round + 1, built.firstDetector, defects));
    }

    // A round of the current window before its last: add it, or rebuild a stale state on the window's second-to-last.
    private void buildUp(final IncrementalFinish building, final int round)
    {
        final Window built = building.window();
        if (building.add(defects, syndrome.collect(round, round + 1, built.firstDetector, defects)) ||
            round != built.lastRound() - 1)
        {
            return;
        }
        rebuilds++;
        building.open(defects, syndrome.collect(built.firstRound, round + 1, built.firstDetector, defects));
    }

    private void finishBuiltUp(final IncrementalFinish building, final int round)
    {
        final Window built = building.window();
        final int count = syndrome.collect(round, round + 1, built.firstDetector, defects);
        if (!building.add(defects, count))
        {
            fullFinishes += built.isFinal ? 1 : 0;
            decode(built);
            return;
        }
        incrementalFinishes += built.isFinal ? 1 : 0;
        windowsDecoded++;
        defectsDecoded += building.defectCount();
        lastWindowDefects = building.defectCount();
        blockUnmatched += building.unmatchedDefects();
        commit(built, building.correction(), building.correctionCount());
    }

    private void startBlock()
    {
        syndrome.clear();
        committedCount = 0;
        blockFlips = 0;
        blockFallback = false;
        blockUnmatched = 0;
        windowNs = 0;
        blockDecodeNs = 0;
        for (final IncrementalFinish building : builtUp)
        {
            if (building != null)
            {
                building.close();
            }
        }
        if (builtUp[0] != null)
        {
            // No window commits before the first: every round of it is settled when it arrives.
            builtUp[0].open(defects, 0);
        }
    }

    private void decode(final Window current)
    {
        final int defectCount = syndrome.collect(current.firstRound, current.endRound, current.firstDetector, defects);
        windowsDecoded++;
        defectsDecoded += defectCount;
        lastWindowDefects = defectCount;
        if (defectCount > current.defectCap || shedding)
        {
            fallbackWindows++;
            blockFallback = true;
            final int correctionCount = current.fallback.decode(defects, defectCount, fallbackCorrection);
            blockUnmatched += current.fallback.unmatchedDefects();
            commit(current, fallbackCorrection, correctionCount);
        }
        else
        {
            final DecodeResult result = current.result;
            current.decoder.decode(defects, defectCount, result);
            blockUnmatched += result.unmatchedDefects();
            commit(current, result.correctionEdges(), result.correctionCount());
        }
    }

    private void commit(final Window current, final int[] correction, final int correctionCount)
    {
        final DecodingGraph graph = this.graph;
        final BlockSyndrome syndrome = this.syndrome;
        final int[] blockEdge = current.blockEdge;
        final int commitEndDetector = current.commitEndDetector;
        final int boundary = graph.boundaryVertex();
        long flips = blockFlips;
        int committed = committedCount;
        for (int i = 0; i < correctionCount; i++)
        {
            final int edge = blockEdge[correction[i]];
            final int source = graph.edgeSource(edge);
            if (source >= commitEndDetector)
            {
                continue;
            }
            flips ^= graph.edgeObservables(edge);
            syndrome.toggle(source);
            final int target = graph.edgeTarget(edge);
            if (target != boundary)
            {
                syndrome.toggle(target);
            }
            committedEdges[committed++] = edge;
        }
        blockFlips = flips;
        committedCount = committed;
    }

    // ---- shedding: a node that falls behind hands whole blocks to the fallback (kept apart from the rest) ----

    private boolean shedding;

    /**
     * Shed load: while on, every window decoded, from the next one on, goes to the bounded fallback (every defect to
     * the boundary along its precomputed shortest path) instead of union-find, and its block is flagged
     * ({@link #blockUsedFallback()}). A node over its backlog bound turns it on before round 0 of a block and off
     * again once it has caught up.
     *
     * @param on true to decode by the fallback.
     */
    public void shed(final boolean on)
    {
        shedding = on;
    }
}
