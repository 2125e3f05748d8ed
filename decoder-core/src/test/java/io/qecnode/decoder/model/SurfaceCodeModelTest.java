package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.reference.ExactDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SurfaceCodeModelTest
{
    @Test
    void shouldHaveDistanceThreeAndFiveUnderCodeCapacity()
    {
        assertEquals(3, new ExactDecoder(SurfaceCodeModel.codeCapacity(3, 0.1).graph(), true).logicalDistance());
        assertEquals(5, new ExactDecoder(SurfaceCodeModel.codeCapacity(5, 0.1).graph(), true).logicalDistance());
    }

    @Test
    void shouldKeepDistanceThreeInSpaceAndTimeUnderPhenomenologicalNoise()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(3, 3, 0.01);
        assertEquals(3, new ExactDecoder(model.graph(), true).logicalDistance());
    }

    @Test
    void shouldCountDetectorsAndEdgesPerLayer()
    {
        final int d = 5;
        final int rounds = 4;
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(d, rounds, 0.01);
        final DecodingGraph graph = model.graph();
        final int perType = (d * d - 1) / 2;
        assertEquals(2 * perType, model.detectorsPerLayer());
        assertEquals((rounds + 1) * 2 * perType, graph.detectorCount());
        assertEquals(2, graph.observableCount());

        int timeLike = 0;
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            if (!graph.isBoundaryEdge(e) &&
                graph.edgeTarget(e) - graph.edgeSource(e) == model.detectorsPerLayer())
            {
                timeLike++;
                assertEquals(0L, graph.edgeObservables(e), "measurement errors flip no observable");
            }
        }
        assertEquals(rounds * 2 * perType, timeLike);
    }

    @Test
    void shouldSeparateTheTwoErrorTypesIntoTheirOwnObservables()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.codeCapacity(5, 0.1);
        final DecodingGraph graph = model.graph();
        final int perType = model.code().stabilizersPerType();
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            final boolean zType = graph.edgeSource(e) < perType;
            final long mask = graph.edgeObservables(e);
            assertEquals(0L, mask & (zType ? SurfaceCodeModel.LOGICAL_Z_FLIP : SurfaceCodeModel.LOGICAL_X_FLIP));
            if (!graph.isBoundaryEdge(e))
            {
                assertEquals(zType, graph.edgeTarget(e) < perType, "no edge joins the two sub-graphs");
            }
        }
    }

    @Test
    void shouldRejectBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> SurfaceCodeModel.codeCapacity(3, 0.0));
        assertThrows(IllegalArgumentException.class, () -> SurfaceCodeModel.codeCapacity(3, 0.6));
        assertThrows(IllegalArgumentException.class, () -> SurfaceCodeModel.phenomenological(3, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> SurfaceCodeModel.phenomenological(4, 3, 0.01));
        assertEquals(NoiseModel.PHENOMENOLOGICAL, NoiseModel.fromCliName("Phenom"));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.fromCliName("circuit"));
    }
}
