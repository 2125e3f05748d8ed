package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorMechanisms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Repeat bodies that shift nothing are imported in closed form: the same graph, counts and flip distribution as the
 * body written out by hand, without one object per repetition.
 */
class DemRepeatTest
{
    private static final String BODY =
        "    error(0.01) D0 D1 ^ D2 L0\n" +
        "    error(0.2) D1 L1\n" +
        "    error(0.03) L0\n" +
        "    detector(1, 2) D2\n";

    @Test
    void shouldGiveTheGraphAndCountsOfTheBodyWrittenOutByHand()
    {
        final DetectorErrorModel folded = DetectorErrorModel.parseText(
            "error(0.05) D0 D1\nrepeat 3 {\n" + BODY + "    repeat 2 {\n        error(0.4) D2\n    }\n}\n");
        final DetectorErrorModel unrolled = DetectorErrorModel.parseText("error(0.05) D0 D1\n" +
            (BODY + "error(0.4) D2\nerror(0.4) D2\n").repeat(3));

        assertSameGraph(unrolled.graph(), folded.graph());
        assertEquals(unrolled.errorCount(), folded.errorCount());
        assertEquals(unrolled.componentCount(), folded.componentCount());
        assertEquals(unrolled.undetectableComponentCount(), folded.undetectableComponentCount());
        assertEquals(unrolled.parallelMergeCount(), folded.parallelMergeCount());
        assertEquals(unrolled.detectorCount(), folded.detectorCount());
        assertEquals(2.0, folded.coordinate(2, 1));
    }

    @Test
    void shouldFoldABodyWhoseOnlyShiftMovesNothingButUnrollOneThatMoves()
    {
        final DetectorErrorModel still = DetectorErrorModel.parseText(
            "repeat 50000000 {\n    error(0.01) D0 D1\n    shift_detectors 0\n}\n");
        assertEquals(1, still.errorMechanisms().mechanismCount());
        assertEquals(0.5, still.graph().edgeProbability(0), 1e-15);

        final DetectorErrorModel moving = DetectorErrorModel.parseText(
            "repeat 3 {\n    error(0.01) D0 D1\n    shift_detectors(1) 0\n    detector(0) D0\n}\n");
        final DetectorErrorModel unrolled = DetectorErrorModel.parseText(
            "error(0.01) D0 D1\ndetector(1) D0\nerror(0.01) D0 D1\ndetector(2) D0\nerror(0.01) D0 D1\n" +
            "detector(3) D0\n");
        assertEquals(3, moving.errorMechanisms().mechanismCount());
        assertSameGraph(unrolled.graph(), moving.graph());
        assertEquals(1.0, moving.coordinate(0, 0));
    }

    @Test
    void shouldSampleEachRepeatedErrorAsOneFlipOfTheOddCountProbability()
    {
        final ErrorMechanisms folded = DetectorErrorModel.parseText("repeat 4 {\n" + BODY + "}\n").errorMechanisms();
        final ErrorMechanisms unrolled = DetectorErrorModel.parseText(BODY.repeat(4)).errorMechanisms();

        assertEquals(3, folded.mechanismCount());
        assertEquals(12, unrolled.mechanismCount());
        for (int m = 0; m < folded.mechanismCount(); m++)
        {
            double odd = 0;
            for (int pass = 0; pass < 4; pass++)
            {
                final int same = pass * 3 + m;
                assertEquals(folded.observables(m), unrolled.observables(same));
                assertEquals(folded.detectorEnd(m) - folded.detectorStart(m),
                    unrolled.detectorEnd(same) - unrolled.detectorStart(same));
                final double p = unrolled.probability(same);
                odd = odd * (1 - p) + p * (1 - odd);
            }
            assertEquals(odd, folded.probability(m), 1e-15, "mechanism " + m);
        }
    }

    @Test
    void shouldImportAHundredMillionRepetitionsAsOneEdge()
    {
        final DetectorErrorModel model =
            DetectorErrorModel.parseText("repeat 100000000 {\n    error(1e-10) D0 D1\n    error(0.01) D1\n}\n");

        assertEquals(2, model.graph().edgeCount());
        assertEquals(2, model.errorMechanisms().mechanismCount());
        assertEquals(200_000_000L, model.errorCount());
        assertEquals(199_999_998L, model.parallelMergeCount());
        final double expected = new BigDecimal(1).subtract(new BigDecimal(1).subtract(new BigDecimal("2e-10"))
            .pow(100_000_000, MathContext.DECIMAL128)).doubleValue() / 2;
        assertEquals(expected, model.graph().edgeProbability(0), expected * 1e-12);
        assertEquals(0.5, model.graph().edgeProbability(1), 1e-15);
    }

    @Test
    void shouldCombineProbabilitiesAboveOneHalfWithTheirSign()
    {
        assertEquals(0.0, DemWalker.repeated(1.0, 2));
        assertEquals(1.0, DemWalker.repeated(1.0, 3));
        assertEquals(0.9 * 0.1 * 2, DemWalker.repeated(0.9, 2), 1e-15);
        assertEquals(0.0, DemWalker.repeated(0.0, 1_000_000));
    }

    private static void assertSameGraph(final DecodingGraph expected, final DecodingGraph actual)
    {
        assertEquals(expected.edgeCount(), actual.edgeCount(), "edges");
        for (int e = 0; e < expected.edgeCount(); e++)
        {
            assertEquals(expected.edgeSource(e), actual.edgeSource(e), "source of edge " + e);
            assertEquals(expected.edgeTarget(e), actual.edgeTarget(e), "target of edge " + e);
            assertEquals(expected.edgeProbability(e), actual.edgeProbability(e), 1e-15, "p of edge " + e);
            assertEquals(expected.edgeObservables(e), actual.edgeObservables(e), "observables of edge " + e);
            assertEquals(expected.edgeWeight(e), actual.edgeWeight(e), "weight of edge " + e);
        }
    }
}
