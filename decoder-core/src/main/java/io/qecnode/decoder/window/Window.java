package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

/**
 * One window position of a block, with everything decoding it needs, built once: the rounds it covers and commits,
 * its graph and the map back to block edges, a union-find decoder with its result, and the fallback paths.
 * <p>
 * An edge of the window's correction is committed when its lower end (always a window detector) lies in the commit
 * region. Every correction edge at a committed detector has its lower end at or below that detector, so it is
 * committed too: the commit leaves the residual of the commit region at zero.
 */
final class Window
{
    final int firstRound;
    final int endRound;
    final boolean isFinal;
    // Block index of local detector 0.
    final int firstDetector;
    // Block detectors below this are in the commit region; the block's detector count for the final window.
    final int commitEndDetector;
    /** Defects above which this window goes to the fallback, sized from its detectors once. */
    final int defectCap;
    final DecodingGraph graph;
    // Local edge -> block edge.
    final int[] blockEdge;
    final UnionFindDecoder decoder;
    final DecodeResult result;
    final BoundaryPaths fallback;

    /**
     * @param block           the block graph.
     * @param rounds          the block's rounds.
     * @param config          window and commit length, growth.
     * @param firstRound      first round of this window, a multiple of the commit length.
     * @param reachesBoundary per block detector, whether the block graph joins it to the boundary.
     * @throws IllegalArgumentException when a detector that reaches the boundary in the block graph cannot within the
     *                                  window, so that the window could leave defects unmatched.
     */
    Window(
        final DecodingGraph block,
        final RoundStructure rounds,
        final WindowConfig config,
        final int firstRound,
        final boolean[] reachesBoundary)
    {
        final int roundCount = rounds.roundCount();
        this.firstRound = firstRound;
        this.isFinal = firstRound + config.windowRounds() >= roundCount;
        this.endRound = isFinal ? roundCount : firstRound + config.windowRounds();
        this.firstDetector = rounds.firstDetector(firstRound);
        this.commitEndDetector = isFinal ?
            rounds.detectorCount() : rounds.firstDetector(firstRound + config.commitRounds());

        final WindowGraphCut cut = WindowGraphCut.cut(block, rounds, firstRound, endRound);
        this.graph = cut.graph;
        this.blockEdge = cut.blockEdge;
        this.decoder = new UnionFindDecoder(graph, config.growth());
        this.result = new DecodeResult(graph);
        this.fallback = new BoundaryPaths(graph);
        this.defectCap = config.defectCap(graph.detectorCount());
        checkEveryDetectorCanLeave(rounds, config, reachesBoundary);
    }

    /** @return the round whose arrival completes this window. */
    int lastRound()
    {
        return endRound - 1;
    }

    /** @return most correction edges one decode of this window can give, by union-find or the fallback. */
    int correctionCapacity()
    {
        return result.correctionEdges().length;
    }

    // With a way to the boundary from every detector, every odd cluster can neutralise and the fallback always has a
    // path: no defect is left over, whatever artificial defects arrive. A round whose detectors only have edges into
    // earlier rounds (the closing perfect round of a phenomenological block) breaks this when a window holds it alone.
    private void checkEveryDetectorCanLeave(
        final RoundStructure rounds, final WindowConfig config, final boolean[] reachesBoundary)
    {
        for (int local = 0; local < graph.detectorCount(); local++)
        {
            final int detector = firstDetector + local;
            if (fallback.towardsBoundary(local) == BoundaryPaths.NO_PATH && reachesBoundary[detector])
            {
                throw new IllegalArgumentException("a window leaves a detector no way to the boundary, widen it: " +
                    "detector=" + detector + ", round=" + rounds.roundOf(detector) + ", windowFirstRound=" +
                    firstRound + ", windowEndRound=" + endRound + ", windowRounds=" + config.windowRounds() +
                    ", commitRounds=" + config.commitRounds());
            }
        }
    }

    public String toString()
    {
        return "Window{rounds=[" + firstRound + ", " + endRound + "), final=" + isFinal + ", commitEndDetector=" +
            commitEndDetector + ", " + graph + "}";
    }
}
