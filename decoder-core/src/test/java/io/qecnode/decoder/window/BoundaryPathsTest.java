package io.qecnode.decoder.window;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BoundaryPathsTest
{
    @Test
    void shouldStoreAShortestPathToTheBoundaryForEveryDetector()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 5, 0.01);
        final DecodingGraph graph = WindowGraphCut.cut(model.graph(), RoundStructure.of(model), 1, 4).graph;
        final BoundaryPaths paths = new BoundaryPaths(graph);
        final long[] shortest = bellmanFord(graph);

        for (int detector = 0; detector < graph.detectorCount(); detector++)
        {
            long length = 0;
            int vertex = detector;
            while (vertex != graph.boundaryVertex())
            {
                final int edge = paths.towardsBoundary(vertex);
                length += graph.edgeWeight(edge);
                vertex = graph.otherEnd(edge, vertex);
            }
            assertEquals(shortest[detector], length, "detector=" + detector);
        }
    }

    @Test
    void shouldLightExactlyTheDefectsWithItsCorrection()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(7, 7, 0.01).graph();
        final BoundaryPaths paths = new BoundaryPaths(graph);
        final SplittableRandom random = new SplittableRandom(7);
        final int[] defects = new int[graph.detectorCount()];
        final int[] correction = new int[graph.detectorCount()];
        for (int trial = 0; trial < 500; trial++)
        {
            int count = 0;
            for (int detector = 0; detector < graph.detectorCount(); detector++)
            {
                if (random.nextInt(8) == 0)
                {
                    defects[count++] = detector;
                }
            }
            final int edges = paths.decode(defects, count, correction);
            assertArrayEquals(Arrays.copyOf(defects, count), GraphTestSupport.syndromeOf(graph, correction, edges));
            assertEquals(0, paths.unmatchedDefects());
        }
    }

    @Test
    void shouldCountADefectWithNoWayToTheBoundaryAsUnmatched()
    {
        // Detectors 0 and 1 only see each other; detector 2 has a boundary edge.
        final DecodingGraph graph = new DecodingGraphBuilder(3, 1)
            .addEdge(0, 1, 0.01, 0L).addBoundaryEdge(2, 0.01, 1L).build();
        final BoundaryPaths paths = new BoundaryPaths(graph);
        final int[] correction = new int[3];

        assertEquals(BoundaryPaths.NO_PATH, paths.towardsBoundary(0));
        assertEquals(1, paths.decode(new int[]{0, 2}, 2, correction));
        assertEquals(1, correction[0]);
        assertEquals(1, paths.unmatchedDefects());
    }

    private static long[] bellmanFord(final DecodingGraph graph)
    {
        final long[] distance = new long[graph.vertexCount()];
        Arrays.fill(distance, Long.MAX_VALUE / 2);
        distance[graph.boundaryVertex()] = 0;
        for (boolean changed = true; changed; )
        {
            changed = false;
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                final int a = graph.edgeSource(e);
                final int b = graph.edgeTarget(e);
                final long w = graph.edgeWeight(e);
                if (distance[a] + w < distance[b])
                {
                    distance[b] = distance[a] + w;
                    changed = true;
                }
                if (distance[b] + w < distance[a])
                {
                    distance[a] = distance[b] + w;
                    changed = true;
                }
            }
        }
        return distance;
    }
}
