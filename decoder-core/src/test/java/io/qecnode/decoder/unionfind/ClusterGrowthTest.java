package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Event-driven growth must fill exactly the edges that plain unit-step growth fills, for unweighted and weighted
 * edge lengths alike: skipping the steps where nothing fills may change nothing.
 */
class ClusterGrowthTest
{
    @ParameterizedTest(name = "{0} d={1} p={2} {3}")
    @CsvSource({
        "code-capacity,    5, 0.08, UNWEIGHTED",
        "code-capacity,    7, 0.12, UNWEIGHTED",
        "phenomenological, 5, 0.02, UNWEIGHTED",
        "phenomenological, 5, 0.04, UNWEIGHTED",
        "code-capacity,    5, 0.08, WEIGHTED",
        "phenomenological, 5, 0.03, WEIGHTED"})
    void shouldFillTheSameEdgesAsUnitStepGrowth(
        final String noise, final int d, final double p, final DecoderMode growth)
    {
        assertSameFilledEdges(SurfaceCodeModel.of(NoiseModel.fromCliName(noise), d, d, p).graph(), growth, d);
    }

    @Test
    void shouldFillTheSameEdgesWithWidelySpreadWeights()
    {
        // The phenomenological layout with every edge's probability drawn from [0.001, 0.3]: weights from 10 to 80.
        final DecodingGraph layout = SurfaceCodeModel.phenomenological(5, 5, 0.01).graph();
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(layout.detectorCount(), 2);
        final SplittableRandom random = new SplittableRandom(9);
        for (int e = 0; e < layout.edgeCount(); e++)
        {
            builder.addEdge(layout.edgeSource(e), layout.edgeTarget(e), 0.001 + 0.299 * random.nextDouble(),
                layout.edgeObservables(e));
        }
        assertSameFilledEdges(builder.build(), DecoderMode.WEIGHTED, 3);
    }

    private static void assertSameFilledEdges(
        final DecodingGraph graph, final DecoderMode growth, final int seed)
    {
        final int[] lengths = new int[graph.edgeCount()];
        for (int e = 0; e < lengths.length; e++)
        {
            lengths[e] = growth == DecoderMode.WEIGHTED ?
                graph.edgeWeight(e) : UnionFindDecoder.UNWEIGHTED_EDGE_LENGTH;
        }
        final StepGrowthReference reference = new StepGrowthReference(graph, lengths);
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final ErrorSampler sampler = new ErrorSampler(graph, 77 + seed);
        final SampledShot shot = new SampledShot(graph);
        final boolean[] filled = new boolean[graph.edgeCount()];
        for (int i = 0; i < 300; i++)
        {
            sampler.sample(shot);
            decoder.growOnly(shot.defects(), shot.defectCount(), filled);
            final int shotIndex = i;
            assertArrayEquals(reference.filledEdges(shot.defects(), shot.defectCount()), filled,
                () -> "shot " + shotIndex + " defects " +
                Arrays.toString(Arrays.copyOf(shot.defects(), shot.defectCount())));
        }
    }
}
