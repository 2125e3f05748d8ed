package io.qecnode.decoder.model;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMechanismsTest
{
    @Test
    void shouldReadAGraphAsOneMechanismPerEdge()
    {
        final DecodingGraph graph = new DecodingGraphBuilder(3, 1)
            .addEdge(0, 1, 0.1, 1)
            .addBoundaryEdge(2, 0.2, 0)
            .build();

        final ErrorMechanisms mechanisms = ErrorMechanisms.of(graph);

        assertEquals(2, mechanisms.mechanismCount());
        assertEquals(3, mechanisms.detectorCount());
        assertEquals(1, mechanisms.observableCount());
        assertArrayEquals(new int[]{0, 1}, detectorsOf(mechanisms, 0));
        assertArrayEquals(new int[]{2}, detectorsOf(mechanisms, 1));
        assertEquals(0.1, mechanisms.probability(0));
        assertEquals(1L, mechanisms.observables(0));
        assertEquals(0L, mechanisms.observables(1));
    }

    @Test
    void shouldCancelDetectorsNamedAnEvenNumberOfTimesAndDropMechanismsThatFlipNothing()
    {
        final ErrorMechanisms mechanisms = new ErrorMechanismsBuilder(5, 2)
            .add(0.1, new int[]{4, 1, 1, 0, 1}, 5, 0)
            .add(0.1, new int[]{2, 2}, 2, 0)
            .add(0.0, new int[]{3}, 1, 1)
            .add(0.2, new int[]{}, 0, 2)
            .build();

        assertEquals(2, mechanisms.mechanismCount());
        assertArrayEquals(new int[]{0, 1, 4}, detectorsOf(mechanisms, 0));
        assertArrayEquals(new int[]{}, detectorsOf(mechanisms, 1));
        assertEquals(2L, mechanisms.observables(1));
    }

    @Test
    void shouldRejectBadMechanisms()
    {
        final ErrorMechanismsBuilder builder = new ErrorMechanismsBuilder(2, 1);

        assertThrows(IllegalArgumentException.class, () -> builder.add(1.5, new int[]{0}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.add(0.1, new int[]{2}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.add(0.1, new int[]{0}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ErrorMechanismsBuilder(-1, 0));
    }

    @Test
    void shouldScaleEveryProbabilityUpToTheCap()
    {
        final ErrorMechanisms mechanisms = new ErrorMechanismsBuilder(3, 0)
            .add(0.01, new int[]{0}, 1, 0)
            .add(0.2, new int[]{1}, 1, 0)
            .add(0.7, new int[]{2}, 1, 0)
            .build();

        final ErrorMechanisms scaled = mechanisms.scaled(10.0, 0.5);

        assertEquals(0.1, scaled.probability(0), 1e-15);
        assertEquals(0.5, scaled.probability(1));
        assertEquals(0.7, scaled.probability(2), "a probability already past the cap is kept");
        assertArrayEquals(detectorsOf(mechanisms, 1), detectorsOf(scaled, 1));
        assertThrows(IllegalArgumentException.class, () -> mechanisms.scaled(0.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> mechanisms.scaled(2.0, 1.5));
    }

    @Test
    void shouldKeepTheComponentsOfADecomposedErrorTogether()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(String.join("\n",
            "error(0.1) D0 D1 ^ D2 L0",
            "error(0.2) D0 D1 ^ D1 D2",
            "error(0.3) D3 L0 ^ D4 L0",
            "error(0.05) L0",
            "error(0) D0"));

        final ErrorMechanisms mechanisms = model.errorMechanisms();

        assertEquals(4, mechanisms.mechanismCount());
        assertArrayEquals(new int[]{0, 1, 2}, detectorsOf(mechanisms, 0));
        assertEquals(1L, mechanisms.observables(0));
        assertArrayEquals(new int[]{0, 2}, detectorsOf(mechanisms, 1), "D1 is flipped twice and cancels");
        assertArrayEquals(new int[]{3, 4}, detectorsOf(mechanisms, 2));
        assertEquals(0L, mechanisms.observables(2), "L0 is flipped twice and cancels");
        assertArrayEquals(new int[]{}, detectorsOf(mechanisms, 3));
        assertEquals(1L, mechanisms.observables(3), "an undetectable error still flips the truth");
        assertEquals(0.3, mechanisms.probability(2));
        assertTrue(model.graph().edgeCount() > mechanisms.mechanismCount(), "the graph splits components apart");
    }

    @Test
    void shouldFireTheComponentsOfADecomposedErrorTogetherWhenSampling()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText("error(0.3) D0 D1 ^ D2\nerror(0.1) D2 L0");
        final ErrorSampler sampler = new ErrorSampler(model.errorMechanisms(), 3);
        final SampledShot shot = new SampledShot(model.errorMechanisms());
        final int shots = 20_000;
        int bothFired = 0;
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            final int[] defects = GraphTestSupport.sortedPrefix(shot.defects(), shot.defectCount());
            final boolean first = Arrays.binarySearch(defects, 0) >= 0;
            assertEquals(first, Arrays.binarySearch(defects, 1) >= 0, "D0 and D1 always fire together");
            final boolean second = shot.observableFlips() != 0;
            assertEquals(first ^ second, Arrays.binarySearch(defects, 2) >= 0, "D2 is the XOR of both errors");
            bothFired += first && second ? 1 : 0;
        }
        final double expected = shots * 0.3 * 0.1;
        assertTrue(Math.abs(bothFired - expected) < 4 * Math.sqrt(expected), "bothFired=" + bothFired);
    }

    @Test
    void shouldDrawTheSameShotsFromAGraphAndFromItsMechanisms()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(5, 5, 0.02).graph();
        final ErrorSampler fromGraph = new ErrorSampler(graph, 17);
        final ErrorSampler fromMechanisms = new ErrorSampler(ErrorMechanisms.of(graph), 17);
        final SampledShot a = new SampledShot(graph);
        final SampledShot b = new SampledShot(fromMechanisms.mechanisms());

        assertSame(graph, fromGraph.graph());
        assertNull(fromMechanisms.graph());
        for (int i = 0; i < 1_000; i++)
        {
            fromGraph.sample(a);
            fromMechanisms.sample(b);
            assertArrayEquals(Arrays.copyOf(a.firedEdges(), a.firedEdgeCount()),
                Arrays.copyOf(b.firedEdges(), b.firedEdgeCount()));
            assertArrayEquals(Arrays.copyOf(a.defects(), a.defectCount()), Arrays.copyOf(b.defects(), b.defectCount()));
            assertEquals(a.observableFlips(), b.observableFlips());
        }
    }

    @Test
    void shouldRefuseAShotTooSmallForTheModel()
    {
        final DecodingGraph small = SurfaceCodeModel.codeCapacity(3, 0.1).graph();
        final ErrorSampler sampler = new ErrorSampler(SurfaceCodeModel.codeCapacity(5, 0.1).graph(), 1);

        assertThrows(IllegalArgumentException.class, () -> sampler.sample(new SampledShot(small)));
    }

    private static int[] detectorsOf(final ErrorMechanisms mechanisms, final int mechanism)
    {
        final int[] detectors = new int[mechanisms.detectorEnd(mechanism) - mechanisms.detectorStart(mechanism)];
        for (int i = 0; i < detectors.length; i++)
        {
            detectors[i] = mechanisms.detectorAt(mechanisms.detectorStart(mechanism) + i);
        }
        return detectors;
    }
}
