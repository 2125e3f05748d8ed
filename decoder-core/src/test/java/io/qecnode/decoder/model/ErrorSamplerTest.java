package io.qecnode.decoder.model;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorSamplerTest
{
    @Test
    void shouldFireEachEdgeWithItsProbability()
    {
        // Mixed probabilities, including a group of one and a near-certain edge.
        final DecodingGraph graph = new DecodingGraphBuilder(6, 1)
            .addEdge(0, 1, 0.001, 0)
            .addEdge(1, 2, 0.001, 0)
            .addEdge(2, 3, 0.02, 0)
            .addEdge(3, 4, 0.3, 1)
            .addEdge(4, 5, 0.02, 0)
            .addBoundaryEdge(5, 0.97, 0)
            .addBoundaryEdge(0, 0.001, 1)
            .build();
        final ErrorSampler sampler = new ErrorSampler(graph, 42);
        final SampledShot shot = new SampledShot(graph);
        final int shots = 400_000;
        final long[] fired = new long[graph.edgeCount()];
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            for (int k = 0; k < shot.firedEdgeCount(); k++)
            {
                fired[shot.firedEdges()[k]]++;
            }
        }
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            final double p = graph.edgeProbability(e);
            final double sigma = Math.sqrt(shots * p * (1 - p));
            assertTrue(Math.abs(fired[e] - shots * p) < 4 * sigma,
                "edge " + e + ": fired=" + fired[e] + ", expected=" + shots * p + ", sigma=" + sigma);
        }
    }

    @Test
    void shouldReportTheSyndromeAndObservablesOfTheFiredEdges()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(5, 5, 0.03).graph();
        final ErrorSampler sampler = new ErrorSampler(graph, 7);
        final SampledShot shot = new SampledShot(graph);
        for (int i = 0; i < 2_000; i++)
        {
            sampler.sample(shot);
            assertArrayEquals(
                GraphTestSupport.syndromeOf(graph, shot.firedEdges(), shot.firedEdgeCount()),
                GraphTestSupport.sortedPrefix(shot.defects(), shot.defectCount()));
            long observables = 0;
            for (int k = 0; k < shot.firedEdgeCount(); k++)
            {
                observables ^= graph.edgeObservables(shot.firedEdges()[k]);
            }
            assertEquals(observables, shot.observableFlips());
        }
    }

    @Test
    void shouldRepeatTheSameShotsForTheSameSeed()
    {
        final DecodingGraph graph = SurfaceCodeModel.codeCapacity(7, 0.05).graph();
        final ErrorSampler first = new ErrorSampler(graph, 99);
        final ErrorSampler second = new ErrorSampler(graph, 99);
        final SampledShot a = new SampledShot(graph);
        final SampledShot b = new SampledShot(graph);
        for (int i = 0; i < 1_000; i++)
        {
            first.sample(a);
            second.sample(b);
            assertArrayEquals(
                GraphTestSupport.sortedPrefix(a.defects(), a.defectCount()),
                GraphTestSupport.sortedPrefix(b.defects(), b.defectCount()));
            assertEquals(a.observableFlips(), b.observableFlips());
        }
    }

    @Test
    void shouldNotAllocateWhileSampling()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(9, 9, 0.01).graph();
        final ErrorSampler sampler = new ErrorSampler(graph, 1);
        final SampledShot shot = new SampledShot(graph);
        for (int i = 0; i < 20_000; i++)
        {
            sampler.sample(shot);
        }
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(() ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                sampler.sample(shot);
            }
        }, 3));
    }
}
