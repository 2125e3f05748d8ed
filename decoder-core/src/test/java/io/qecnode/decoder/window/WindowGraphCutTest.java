package io.qecnode.decoder.window;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowGraphCutTest
{
    // Three rounds of two detectors, 0-1, 2-3, 4-5; boundary vertex 6.
    private static final RoundStructure ROUNDS = RoundStructure.uniform(3, 2);
    private static final int B = 6;

    @Test
    void shouldTurnEdgesIntoLaterRoundsIntoBoundaryEdgesKeepingTheirObservables()
    {
        final DecodingGraph block = new DecodingGraphBuilder(6, 2)
            .addEdge(0, 2, 0.1, 0L)     // 0: into the window from below, dropped
            .addEdge(2, 3, 0.1, 0L)     // 1: inside
            .addEdge(2, 4, 0.05, 1L)    // 2: up into round 2, the future boundary of local 0, mask kept
            .addEdge(3, B, 0.1, 0L)     // 3: a real boundary edge of local 1
            .addEdge(3, 5, 0.2, 2L)     // 4: up into round 2, merges with edge 3
            .addEdge(1, 3, 0.1, 0L)     // 5: dropped
            .addEdge(4, 5, 0.1, 0L)     // 6: after the window, dropped
            .build();

        final WindowGraphCut cut = WindowGraphCut.cut(block, ROUNDS, 1, 2);
        final DecodingGraph graph = cut.graph;

        assertEquals(2, graph.detectorCount());
        assertEquals(3, graph.edgeCount());
        assertEquals(1, cut.blockEdge[0]);
        assertEquals(0, graph.edgeSource(0));
        assertEquals(1, graph.edgeTarget(0));

        assertEquals(2, cut.blockEdge[1]);
        assertTrue(graph.isBoundaryEdge(1));
        assertEquals(0, graph.edgeSource(1));
        assertEquals(1L, graph.edgeObservables(1), "a future edge keeps its mask as a boundary edge");
        assertEquals(0.05, graph.edgeProbability(1), 1e-12);

        assertTrue(graph.isBoundaryEdge(2));
        assertEquals(1, graph.edgeSource(2));
        assertEquals(0.1 * 0.8 + 0.2 * 0.9, graph.edgeProbability(2), 1e-12, "parallel parts merge");
        assertEquals(2L, graph.edgeObservables(2), "the likelier part's mask wins");
        assertEquals(4, cut.blockEdge[2], "the merged edge stands for the part whose mask it kept");
    }

    @Test
    void shouldMapEveryWindowEdgeBackToABlockEdgeWithTheSameEnds()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 8, 0.01);
        final DecodingGraph block = model.graph();
        final RoundStructure rounds = RoundStructure.of(model);
        for (final int[] span : new int[][]{{0, 3}, {2, 5}, {6, 9}, {4, 5}})
        {
            final WindowGraphCut cut = WindowGraphCut.cut(block, rounds, span[0], span[1]);
            final int first = rounds.firstDetector(span[0]);
            final int end = span[1] == rounds.roundCount() ? rounds.detectorCount() : rounds.firstDetector(span[1]);
            assertEquals(end - first, cut.graph.detectorCount());

            int keptBlockEdges = 0;
            for (int e = 0; e < block.edgeCount(); e++)
            {
                keptBlockEdges += block.edgeSource(e) >= first && block.edgeSource(e) < end ? 1 : 0;
            }
            int futureEdges = 0;
            for (int local = 0; local < cut.graph.edgeCount(); local++)
            {
                final int edge = cut.blockEdge[local];
                assertEquals(block.edgeSource(edge) - first, cut.graph.edgeSource(local));
                assertEquals(block.edgeObservables(edge), cut.graph.edgeObservables(local));
                if (cut.graph.isBoundaryEdge(local))
                {
                    assertTrue(block.isBoundaryEdge(edge) || block.edgeTarget(edge) >= end);
                    futureEdges += block.isBoundaryEdge(edge) ? 0 : 1;
                }
                else
                {
                    assertEquals(block.edgeTarget(edge) - first, cut.graph.edgeTarget(local));
                }
            }
            assertTrue(cut.graph.edgeCount() <= keptBlockEdges);
            if (end < rounds.detectorCount())
            {
                assertTrue(futureEdges > 0, "an inner window has an open future boundary");
            }
            assertEquals(WindowGraphCut.weightResolutionOf(block), WindowGraphCut.weightResolutionOf(cut.graph));
        }
    }

    @Test
    void shouldReadBackTheWeightResolutionOfTheBlockGraph()
    {
        final DecodingGraph coarse = new DecodingGraphBuilder(2, 0).weightResolution(25)
            .addEdge(0, 1, 0.01, 0L).addBoundaryEdge(0, 0.002, 0L).addBoundaryEdge(1, 0.03, 0L).build();
        assertEquals(25, WindowGraphCut.weightResolutionOf(coarse));
        assertEquals(DecodingGraphBuilder.WEIGHT_RESOLUTION_DEFAULT,
            WindowGraphCut.weightResolutionOf(SurfaceCodeModel.phenomenological(3, 3, 0.01).graph()));
    }

    @Test
    void shouldUseTheBlockGraphItselfForAWindowHoldingEveryRound()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(3, 2, 0.01);
        final DecodingGraph block = model.graph();
        final WindowGraphCut cut = WindowGraphCut.cut(block, RoundStructure.of(model), 0, 3);
        assertSame(block, cut.graph);
        for (int e = 0; e < block.edgeCount(); e++)
        {
            assertEquals(e, cut.blockEdge[e]);
        }
    }
}
