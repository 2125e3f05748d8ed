package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.reference.ExactDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnionFindDecoderTest
{
    @Test
    void shouldCorrectEveryErrorOfWeightOneAtDistanceThreeCodeCapacity()
    {
        assertCorrectsAllErrorsUpTo(SurfaceCodeModel.codeCapacity(3, 0.1).graph(), 1);
    }

    @Test
    void shouldCorrectEveryErrorOfWeightTwoAtDistanceFiveCodeCapacity()
    {
        assertCorrectsAllErrorsUpTo(SurfaceCodeModel.codeCapacity(5, 0.1).graph(), 2);
    }

    @Test
    void shouldCorrectEveryErrorOfWeightOneAtDistanceThreePhenomenological()
    {
        assertCorrectsAllErrorsUpTo(SurfaceCodeModel.phenomenological(3, 3, 0.01).graph(), 1);
    }

    @Test
    void shouldCorrectEveryErrorOfWeightTwoAtDistanceFivePhenomenological()
    {
        assertCorrectsAllErrorsUpTo(SurfaceCodeModel.phenomenological(5, 5, 0.01).graph(), 2);
    }

    @ParameterizedTest
    @CsvSource({
        "code-capacity, 3, 1, 0.10, 20000, UNWEIGHTED",
        "code-capacity, 9, 1, 0.12, 20000, UNWEIGHTED",
        "phenomenological, 5, 5, 0.02, 20000, UNWEIGHTED",
        "phenomenological, 9, 9, 0.04, 20000, UNWEIGHTED",
        "phenomenological, 11, 11, 0.005, 20000, UNWEIGHTED",
        "code-capacity, 7, 1, 0.10, 10000, WEIGHTED",
        "phenomenological, 9, 9, 0.03, 10000, WEIGHTED",
        "code-capacity, 7, 1, 0.10, 10000, EXACT_SMALL",
        "phenomenological, 9, 9, 0.03, 10000, EXACT_SMALL"})
    void shouldReproduceTheSyndromeWithTheCorrection(
        final String noise, final int d, final int rounds, final double p, final int shots,
        final DecoderMode growth)
    {
        final DecodingGraph graph = SurfaceCodeModel.of(
            io.qecnode.decoder.model.NoiseModel.fromCliName(noise), d, rounds, p).graph();
        final ErrorSampler sampler = new ErrorSampler(graph, 1234 + d);
        final SampledShot shot = new SampledShot(graph);
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            decoder.decode(shot.defects(), shot.defectCount(), result);
            assertEquals(0, result.unmatchedDefects());
            assertArrayEquals(
                GraphTestSupport.sortedPrefix(shot.defects(), shot.defectCount()),
                GraphTestSupport.syndromeOf(graph, result.correctionEdges(), result.correctionCount()),
                "shot " + i);
            long flips = 0;
            for (int k = 0; k < result.correctionCount(); k++)
            {
                flips ^= graph.edgeObservables(result.correctionEdges()[k]);
            }
            assertEquals(flips, result.observableFlips());
        }
    }

    @ParameterizedTest
    @EnumSource(DecoderMode.class)
    void shouldGiveTheSameAnswerForTheSameInputWhateverCameBefore(final DecoderMode growth)
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(7, 7, 0.02).graph();
        final ErrorSampler sampler = new ErrorSampler(graph, 5);
        final SampledShot shot = new SampledShot(graph);
        final int count = 500;
        final int[][] inputs = new int[count][];
        final int[][] corrections = new int[count][];
        final long[] flips = new long[count];
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        for (int i = 0; i < count; i++)
        {
            sampler.sample(shot);
            inputs[i] = Arrays.copyOf(shot.defects(), shot.defectCount());
            flips[i] = decoder.decode(inputs[i], inputs[i].length, result);
            corrections[i] = Arrays.copyOf(result.correctionEdges(), result.correctionCount());
        }

        // Replay in reverse through the same decoder, and forwards through a fresh one.
        for (int i = count - 1; i >= 0; i--)
        {
            assertEquals(flips[i], decoder.decode(inputs[i], inputs[i].length, result));
            assertArrayEquals(corrections[i], Arrays.copyOf(result.correctionEdges(), result.correctionCount()));
        }
        final UnionFindDecoder fresh = new UnionFindDecoder(graph, growth);
        for (int i = 0; i < count; i++)
        {
            assertEquals(flips[i], fresh.decode(inputs[i], inputs[i].length, result));
            assertArrayEquals(corrections[i], Arrays.copyOf(result.correctionEdges(), result.correctionCount()));
        }
    }

    @ParameterizedTest
    @EnumSource(DecoderMode.class)
    void shouldNotAllocateWhileDecoding(final DecoderMode growth)
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(9, 9, 0.01).graph();
        final ErrorSampler sampler = new ErrorSampler(graph, 11);
        final SampledShot shot = new SampledShot(graph);
        final int distinct = 1_000;
        final int[][] inputs = new int[distinct][];
        for (int i = 0; i < distinct; i++)
        {
            sampler.sample(shot);
            inputs[i] = Arrays.copyOf(shot.defects(), shot.defectCount());
        }
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        final long[] sink = new long[1];
        final Runnable decodeAll = () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                sink[0] += decoder.decode(inputs[i % distinct], inputs[i % distinct].length, result);
            }
        };
        decodeAll.run();

        final long allocated = AllocationMeter.leastBytesAllocatedBy(decodeAll, 3);
        assertEquals(0, allocated, "bytes allocated over 100,000 decodes (sink " + sink[0] + ")");
    }

    @Test
    void shouldNeverFindALighterCorrectionThanExactMinimumWeight()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(3, 3, 0.04).graph();
        final ExactDecoder exact = new ExactDecoder(graph, true);
        final ErrorSampler sampler = new ErrorSampler(graph, 3);
        final SampledShot shot = new SampledShot(graph);
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED);
        final DecodeResult result = new DecodeResult(graph);
        final int shots = 20_000;
        int unionFindErrors = 0;
        int exactErrors = 0;
        int optimal = 0;
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            final long predicted = decoder.decode(shot.defects(), shot.defectCount(), result);
            final long minimum = exact.minimumWeight(shot.defects(), shot.defectCount());
            assertTrue(result.correctionCount() >= minimum);
            optimal += result.correctionCount() == minimum ? 1 : 0;
            unionFindErrors += predicted != shot.observableFlips() ? 1 : 0;
            exactErrors += exact.decode(shot.defects(), shot.defectCount()) != shot.observableFlips() ? 1 : 0;
        }
        // Union-find is near-optimal on small codes: it should find a minimum-weight correction for most shots (about 89% here) and
        // its logical error rate should stay within 1.5x of exact minimum weight decoding.
        System.out.printf("d=3 phenomenological p=0.04: union-find %d errors, exact %d, optimal weight %d of %d%n",
            unionFindErrors, exactErrors, optimal, shots);
        assertTrue(optimal > 0.8 * shots, "optimal corrections " + optimal + " of " + shots);
        assertTrue(unionFindErrors < 1.5 * exactErrors + 10,
            "union-find errors " + unionFindErrors + ", exact errors " + exactErrors);
    }

    @Test
    void shouldReturnAnEmptyCorrectionForAnEmptySyndrome()
    {
        final DecodingGraph graph = SurfaceCodeModel.codeCapacity(5, 0.1).graph();
        final DecodeResult result = new DecodeResult(graph);
        assertEquals(0L, new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED).decode(new int[0], 0, result));
        assertEquals(0, result.correctionCount());
        assertEquals(0, result.growthSteps());
    }

    @Test
    void shouldRejectBadDefectsAndStayUsable()
    {
        final DecodingGraph graph = SurfaceCodeModel.codeCapacity(3, 0.1).graph();
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED);
        final DecodeResult result = new DecodeResult(graph);
        final int boundary = graph.boundaryVertex();

        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> decoder.decode(new int[]{0, boundary}, 2, result)).getMessage().contains("defect=" + boundary));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> decoder.decode(new int[]{1, 2, 1}, 3, result)).getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new int[]{-1}, 1, result));

        final int[] pair = GraphTestSupport.syndromeOf(graph, new int[]{0}, 1);
        final long expected = graph.edgeObservables(0);
        assertEquals(expected, decoder.decode(pair, pair.length, result));
        assertEquals(expected, new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED)
            .decode(pair, pair.length, new DecodeResult(graph)));
    }

    @Test
    void shouldReportDefectsThatCannotBeMatchedInsteadOfSpinning()
    {
        // A ring without a boundary: an odd number of defects can never be neutralised.
        final DecodingGraph graph = new DecodingGraphBuilder(4, 1)
            .addEdge(0, 1, 0.1, 0)
            .addEdge(1, 2, 0.1, 0)
            .addEdge(2, 3, 0.1, 1)
            .addEdge(3, 0, 0.1, 0)
            .build();
        final DecodeResult result = new DecodeResult(graph);
        new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED).decode(new int[]{0, 1, 2}, 3, result);
        assertEquals(1, result.unmatchedDefects());
    }

    @Test
    void shouldPreferTheBoundaryForALoneDefectNextToIt()
    {
        final DecodingGraph graph = new DecodingGraphBuilder(3, 1)
            .addBoundaryEdge(0, 0.1, 1)
            .addEdge(0, 1, 0.1, 0)
            .addEdge(1, 2, 0.1, 0)
            .addBoundaryEdge(2, 0.1, 0)
            .build();
        final DecodeResult result = new DecodeResult(graph);
        assertEquals(1L, new UnionFindDecoder(graph, DecoderMode.UNWEIGHTED)
            .decode(new int[]{0}, 1, result));
        assertEquals(1, result.correctionCount());
    }

    private static void assertCorrectsAllErrorsUpTo(final DecodingGraph graph, final int maxWeight)
    {
        for (final DecoderMode growth : DecoderMode.values())
        {
            assertCorrectsAllErrorsUpTo(graph, maxWeight, growth);
        }
    }

    private static void assertCorrectsAllErrorsUpTo(
        final DecodingGraph graph, final int maxWeight, final DecoderMode growth)
    {
        final ErrorSampler sampler = new ErrorSampler(graph, 0);
        final SampledShot shot = new SampledShot(graph);
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        final int[] checked = new int[1];
        for (int weight = 1; weight <= maxWeight; weight++)
        {
            final int[] edges = new int[weight];
            enumerate(graph.edgeCount(), edges, 0, 0, weight, () ->
            {
                sampler.fromEdges(edges, edges.length, shot);
                final long predicted = decoder.decode(shot.defects(), shot.defectCount(), result);
                assertEquals(shot.observableFlips(), predicted, () -> growth + " error " + Arrays.toString(edges));
                checked[0]++;
            });
        }
        final long edgeCount = graph.edgeCount();
        final long expected = maxWeight == 1 ? edgeCount : edgeCount + edgeCount * (edgeCount - 1) / 2;
        assertEquals(expected, checked[0], "every error of weight <= " + maxWeight + " was checked");
    }

    private static void enumerate(
        final int edgeCount, final int[] chosen, final int depth, final int from, final int size, final Runnable check)
    {
        if (depth == size)
        {
            check.run();
            return;
        }
        for (int e = from; e < edgeCount; e++)
        {
            chosen[depth] = e;
            enumerate(edgeCount, chosen, depth + 1, e + 1, size, check);
        }
    }
}
