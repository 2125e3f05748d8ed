package io.qecnode.decoder.graph;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodingGraphBuilderTest
{
    @Test
    void shouldMergeParallelEdgesAsIndependentFlips()
    {
        final DecodingGraph graph = new DecodingGraphBuilder(2, 1)
            .addEdge(0, 1, 0.1, 0)
            .addEdge(1, 0, 0.2, 0)
            .addBoundaryEdge(0, 0.3, 1)
            .build();

        assertEquals(2, graph.edgeCount());
        assertEquals(0.1 * 0.8 + 0.2 * 0.9, graph.edgeProbability(0), 1e-15);
        assertEquals(0, graph.edgeSource(0));
        assertEquals(1, graph.edgeTarget(0));
        assertTrue(graph.isBoundaryEdge(1));
        assertEquals(1L, graph.edgeObservables(1));
    }

    @Test
    void shouldKeepObservablesOfLikelierPartWhenParallelEdgesDisagree()
    {
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(2, 2)
            .addEdge(0, 1, 0.01, 1)
            .addEdge(0, 1, 0.05, 2);
        final DecodingGraph graph = builder.build();

        assertEquals(2L, graph.edgeObservables(0));
        assertEquals(1, builder.conflictingMerges());
    }

    @Test
    void shouldListEveryIncidentEdgeInAdjacency()
    {
        final DecodingGraph graph = new DecodingGraphBuilder(4, 1)
            .addEdge(0, 1, 0.1, 0)
            .addEdge(1, 2, 0.1, 0)
            .addEdge(2, 3, 0.1, 0)
            .addBoundaryEdge(0, 0.1, 1)
            .addBoundaryEdge(3, 0.1, 0)
            .build();

        for (int v = 0; v < graph.vertexCount(); v++)
        {
            final Set<Integer> expected = new HashSet<>();
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                if (graph.edgeSource(e) == v || graph.edgeTarget(e) == v)
                {
                    expected.add(e);
                }
            }
            final Set<Integer> actual = new HashSet<>();
            for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
            {
                actual.add(graph.adjacentEdge(a));
                assertEquals(v, graph.otherEnd(graph.adjacentEdge(a), graph.otherEnd(graph.adjacentEdge(a), v)));
            }
            assertEquals(expected, actual, "vertex " + v);
            assertEquals(expected.size(), graph.degree(v));
        }
        assertEquals(2, graph.degree(graph.boundaryVertex()));
    }

    @Test
    void shouldGiveLikelierEdgesLowerWeightsAndTheLikeliestTheResolution()
    {
        final DecodingGraph graph = new DecodingGraphBuilder(3, 0)
            .weightResolution(10)
            .addEdge(0, 1, 0.1, 0)
            .addEdge(1, 2, 0.01, 0)
            .addEdge(0, 2, 0.001, 0)
            .addBoundaryEdge(2, 0.6, 0)
            .build();

        assertEquals(1, graph.edgeWeight(3), "p > 0.5 carries no location information: minimum weight");
        assertTrue(graph.edgeWeight(0) < graph.edgeWeight(1));
        assertTrue(graph.edgeWeight(1) < graph.edgeWeight(2));
        final double ratio = (double)graph.edgeWeight(2) / graph.edgeWeight(0);
        final double expected = DecodingGraphBuilder.logLikelihoodRatio(0.001) /
            DecodingGraphBuilder.logLikelihoodRatio(0.1);
        assertEquals(expected, ratio, 0.1);
    }

    @Test
    void shouldSkipMechanismsThatNeverFire()
    {
        assertEquals(0, new DecodingGraphBuilder(2, 0).addEdge(0, 1, 0.0, 0).build().edgeCount());
    }

    @Test
    void shouldRejectBadEdgesWithTheOffendingValue()
    {
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(3, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.addEdge(0, 4, 0.1, 0))
            .getMessage().contains("b=4"));
        assertThrows(IllegalArgumentException.class, () -> builder.addEdge(-1, 1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.addEdge(1, 1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.addEdge(3, 3, 0.1, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.addEdge(0, 1, 1.5, 0))
            .getMessage().contains("p=1.5"));
        assertThrows(IllegalArgumentException.class, () -> builder.addEdge(0, 1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.addEdge(0, 1, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new DecodingGraphBuilder(3, 65));
        assertEquals(0, builder.edgeCount(), "rejected edges leave nothing behind");
    }
}
