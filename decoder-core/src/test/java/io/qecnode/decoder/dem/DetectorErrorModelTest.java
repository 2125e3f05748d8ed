package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DetectorErrorModelTest
{
    private static final double EPSILON = 1e-15;

    @Test
    void shouldBuildEdgesAndBoundaryEdgesWithTheirProbabilitiesAndMasks()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D0 D1\n" +
            "error(0.2) D1 L0\n" +
            "error(0.05) D2 D0 L1\n");
        final DecodingGraph graph = model.graph();

        assertEquals(3, model.detectorCount());
        assertEquals(2, model.observableCount());
        assertEquals(3, graph.edgeCount());
        assertEdge(graph, 0, 1, 0.1, 0L);
        assertEdge(graph, 1, graph.boundaryVertex(), 0.2, 1L);
        assertEdge(graph, 0, 2, 0.05, 2L);
        assertEquals(3, model.errorCount());
        assertEquals(3, model.componentCount());
        assertEquals(0, model.undetectableComponentCount());
        assertEquals(0, model.parallelMergeCount());
        assertEquals(0, model.coordinateDimensions());
    }

    @Test
    void shouldReadCoordinatesWithAndWithoutAndShiftThemWithShiftDetectors()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "detector(1, 2, 0) D0\n" +
            "detector D1\n" +
            "shift_detectors(0.5, 0, 1) 2\n" +
            "detector(1, 2, 0) D0\n" +
            "detector(7) D1\n" +
            "shift_detectors 5\n" +
            "detector(1, 1, 1, 1) D0\n" +
            "error(0.1) D0 D1\n");

        assertEquals(9, model.detectorCount(), "D1 after a total shift of 7 is detector 8");
        assertEquals(4, model.coordinateDimensions());
        assertCoordinates(model, 0, 1.0, 2.0, 0.0);
        assertFalse(model.hasCoordinates(1), "declared without coordinates");
        assertCoordinates(model, 2, 1.5, 2.0, 1.0);
        assertCoordinates(model, 3, 7.5);
        assertEquals(Double.NaN, model.coordinate(3, 1), "a detector's axes end where its own end");
        for (int detector = 4; detector <= 6; detector++)
        {
            assertFalse(model.hasCoordinates(detector), "never declared: detector " + detector);
        }
        assertCoordinates(model, 7, 1.5, 1.0, 2.0, 1.0);
        assertFalse(model.hasCoordinates(8), "only used by an error");
        assertEdge(model.graph(), 7, 8, 0.1, 0L);
    }

    @Test
    void shouldKeepTheFirstDeclarationOfADetector()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText("detector(1) D0\ndetector(2, 3) D0\n");

        assertCoordinates(model, 0, 1.0);
    }

    @Test
    void shouldDeclareSeveralDetectorsOnOneLineAndAcceptATaggedRepeat()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "repeat[a tag] 2 {\n" +
            "    detector(1, 1) D0 D2\n" +
            "    shift_detectors(0, 1) 3\n" +
            "}\n");

        assertEquals(6, model.detectorCount());
        assertCoordinates(model, 0, 1.0, 1.0);
        assertCoordinates(model, 2, 1.0, 1.0);
        assertCoordinates(model, 3, 1.0, 2.0);
        assertCoordinates(model, 5, 1.0, 2.0);
        assertFalse(model.hasCoordinates(4));
        assertEquals(0, model.graph().edgeCount());
    }

    @Test
    void shouldLoopOverNestedRepeatBlocksWithShiftsInside()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "detector(0, 0) D0\n" +
            "repeat 3 {\n" +
            "    repeat 2 {\n" +
            "        error(0.01) D0 D1\n" +
            "        shift_detectors(0, 1) 1\n" +
            "    }\n" +
            "    shift_detectors(1, 0) 0\n" +
            "}\n" +
            "detector(0, 0) D0\n");
        final DecodingGraph graph = model.graph();

        assertEquals(7, model.detectorCount());
        assertEquals(6, graph.edgeCount());
        for (int d = 0; d < 6; d++)
        {
            assertEdge(graph, d, d + 1, 0.01, 0L);
        }
        assertEquals(6, model.errorCount());
        assertCoordinates(model, 6, 3.0, 6.0);
    }

    @Test
    void shouldRunTheCircularModelFromStimsDocumentation()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D9 D0 L0\n" +
            "repeat 9 {\n" +
            "    error(0.1) D0 D1\n" +
            "    shift_detectors 1\n" +
            "}\n");
        final DecodingGraph graph = model.graph();

        assertEquals(10, model.detectorCount());
        assertEquals(1, model.observableCount());
        assertEquals(10, graph.edgeCount());
        assertEdge(graph, 0, 9, 0.1, 1L);
        for (int d = 0; d < 9; d++)
        {
            assertEdge(graph, d, d + 1, 0.1, 0L);
        }
        for (int v = 0; v < model.detectorCount(); v++)
        {
            assertEquals(2, graph.degree(v), "a ring: vertex " + v);
        }
    }

    @Test
    void shouldLoopOverLargeRepeatCountsWithoutUnrollingTheText()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "repeat 200000 {\n" +
            "    error(0.001) D0 D1\n" +
            "    shift_detectors 1\n" +
            "}\n" +
            "repeat 1000000000000 {\n" +
            "    repeat 0 {\n" +
            "        error(0.5) D0\n" +
            "    }\n" +
            "}\n");

        assertEquals(200001, model.detectorCount());
        assertEquals(200000, model.graph().edgeCount());
        assertEquals(200000, model.errorCount());
    }

    @Test
    void shouldMergeRepeatedErrorsOnTheSameDetectorsAsIndependentFlips()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText("repeat 3 {\n    error(0.1) D0\n}\n");

        assertEquals(1, model.graph().edgeCount());
        assertEdge(model.graph(), 0, model.graph().boundaryVertex(), (1.0 - Math.pow(0.8, 3)) / 2.0, 0L);
        assertEquals(2, model.parallelMergeCount());
    }

    @Test
    void shouldCountDetectorsOnlyWhereABlockRunsButObservablesWhereverNamedAsStimDoes()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D0\n" +
            "repeat 0 {\n" +
            "    error(0.1) D5 L3\n" +
            "}\n");

        assertEquals(1, model.detectorCount());
        assertEquals(4, model.observableCount());
        assertEquals(1, model.errorCount());
    }

    @Test
    void shouldIgnoreCommentsBlankLinesTagsAndExtraWhitespace()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "# a comment line\n" +
            "\n" +
            "   error(0.1)\tD0   D1   # trailing comment\n" +
            "\t\t  \n" +
            "detector( 1 ,2 ) D0#comment straight after a target\n" +
            "error[a tag # with a hash](0.2) D1\r\n" +
            "    # indented comment\n");
        final DecodingGraph graph = model.graph();

        assertEquals(2, model.detectorCount());
        assertEquals(2, graph.edgeCount());
        assertEdge(graph, 0, 1, 0.1, 0L);
        assertEdge(graph, 1, graph.boundaryVertex(), 0.2, 0L);
        assertCoordinates(model, 0, 1.0, 2.0);
    }

    @Test
    void shouldSplitDecomposedErrorsIntoComponentsEachWithItsOwnObservables()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.01) D0 D1 ^ D2 L0\n" +
            "error(0.02) D4 L0 ^ D5 L0 ^ D6\n");
        final DecodingGraph graph = model.graph();
        final int boundary = graph.boundaryVertex();

        assertEquals(7, model.detectorCount());
        assertEquals(1, model.observableCount());
        assertEquals(5, graph.edgeCount());
        assertEdge(graph, 0, 1, 0.01, 0L);
        assertEdge(graph, 2, boundary, 0.01, 1L);
        assertEdge(graph, 4, boundary, 0.02, 1L);
        assertEdge(graph, 5, boundary, 0.02, 1L);
        assertEdge(graph, 6, boundary, 0.02, 0L);
        assertEquals(2, model.errorCount());
        assertEquals(5, model.componentCount());
    }

    @Test
    void shouldMergeParallelComponentsAsIndependentFlips()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D0 D1\n" +
            "error(0.2) D1 D0\n" +
            "error(0.05) D0 D1 ^ D2\n" +
            "error(0.3) D2 L0\n");
        final DecodingGraph graph = model.graph();
        final double p01 = merged(merged(0.1, 0.2), 0.05);

        assertEquals(2, graph.edgeCount());
        assertEdge(graph, 0, 1, p01, 0L);
        assertEdge(graph, 2, graph.boundaryVertex(), merged(0.05, 0.3), 1L);
        assertEquals(3, model.parallelMergeCount());
        assertEquals(1, model.conflictingMergeCount(), "D2 alone and D2 L0 disagree; the likelier mask stays");
    }

    @Test
    void shouldCancelDuplicateTargetsInPairs()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D0 D1 D1\n" +
            "error(0.1) D2 D2 D2 D3\n" +
            "error(0.1) D4 D4 L0 L0\n" +
            "error(0.1) D5 D6 D7 D7 L0 L0 L0\n" +
            "error(0.1) D8 D9 D10 D8\n");
        final DecodingGraph graph = model.graph();

        assertEquals(11, model.detectorCount(), "cancelled detectors still count, as in Stim");
        assertEquals(4, graph.edgeCount());
        assertEdge(graph, 0, graph.boundaryVertex(), 0.1, 0L);
        assertEdge(graph, 2, 3, 0.1, 0L);
        assertEdge(graph, 5, 6, 0.1, 1L);
        assertEdge(graph, 9, 10, 0.1, 0L);
        assertEquals(1, model.undetectableComponentCount());
        assertEquals(0, graph.degree(4));
    }

    @Test
    void shouldCountAndSkipComponentsNoDetectorSees()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) L0\n" +
            "error(0.1)\n" +
            "error(0.1) D0 ^ L1\n" +
            "error(0.1) D1 D1\n");

        assertEquals(1, model.graph().edgeCount());
        assertEquals(4, model.errorCount());
        assertEquals(5, model.componentCount());
        assertEquals(4, model.undetectableComponentCount());
        assertEquals(2, model.detectorCount());
        assertEquals(2, model.observableCount());
    }

    @Test
    void shouldAcceptInstructionNamesAndTargetPrefixesInAnyCase()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "ERROR(0.1) d0 D1\n" +
            "Detector(1) d0\n" +
            "Shift_Detectors 1\n" +
            "LOGICAL_OBSERVABLE l2\n" +
            "Error(0.2) D0 l0\n" +
            "REPEAT 2 {\n" +
            "    eRRoR(0.01) D1\n" +
            "}\n");
        final DecodingGraph graph = model.graph();

        assertEquals(3, model.detectorCount());
        assertEquals(3, model.observableCount());
        assertEdge(graph, 0, 1, 0.1, 0L);
        assertEdge(graph, 1, graph.boundaryVertex(), 0.2, 1L);
        assertEdge(graph, 2, graph.boundaryVertex(), merged(0.01, 0.01), 0L);
        assertCoordinates(model, 0, 1.0);
    }

    @Test
    void shouldReadNumbersInAnyDecimalNotation()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(1e-3) D0\n" +
            "error(.5) D1\n" +
            "error(2.5E-1) D2\n" +
            "error(0) D3\n" +
            "detector(-1.5e1, +2, 3.) D0\n");
        final DecodingGraph graph = model.graph();

        assertEquals(4, model.detectorCount(), "a p = 0 error adds no edge but its detectors count");
        assertEquals(3, graph.edgeCount());
        assertEdge(graph, 0, graph.boundaryVertex(), 0.001, 0L);
        assertEdge(graph, 1, graph.boundaryVertex(), 0.5, 0L);
        assertEdge(graph, 2, graph.boundaryVertex(), 0.25, 0L);
        assertCoordinates(model, 0, -15.0, 2.0, 3.0);
    }

    @Test
    void shouldCountObservablesDeclaredWithoutErrors()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "error(0.1) D0 L1\nlogical_observable L4\nlogical_observable L2 L63\n");

        assertEquals(64, model.observableCount());
    }

    @Test
    void shouldImportAnEmptyModel()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText("# nothing\n");

        assertEquals(0, model.detectorCount());
        assertEquals(0, model.observableCount());
        assertEquals(0, model.graph().edgeCount());
    }

    @Test
    void shouldGiveTheSameModelFromAPathAReaderAndAString(@TempDir final Path dir) throws IOException
    {
        final String text = "detector(1, 2) D0\nerror(0.01) D0 D1\nerror(0.1) D1 L0\n";
        final Path file = dir.resolve("model.dem");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        final DetectorErrorModel fromText = DetectorErrorModel.parseText(text);
        final DetectorErrorModel fromReader = DetectorErrorModel.parse(new StringReader(text));
        final DetectorErrorModel fromPath = DetectorErrorModel.parse(file);

        for (final DetectorErrorModel model : new DetectorErrorModel[]{fromReader, fromPath})
        {
            assertEquals(fromText.toString(), model.toString());
            assertEdge(model.graph(), 0, 1, 0.01, 0L);
            assertEdge(model.graph(), 1, model.graph().boundaryVertex(), 0.1, 1L);
            assertEquals(fromText.graph().edgeWeight(0), model.graph().edgeWeight(0));
            assertCoordinates(model, 0, 1.0, 2.0);
        }
    }

    @Test
    void shouldPassTheWeightResolutionToTheBuilder()
    {
        final String text = "error(0.01) D0 D1\nerror(0.1) D1\n";

        final DecodingGraph coarse = DetectorErrorModel.parseText(text, 10).graph();
        final DecodingGraph fine = DetectorErrorModel.parseText(text, 1000).graph();

        assertEquals(10, coarse.edgeWeight(1), "the likeliest edge gets the resolution");
        assertEquals(1000, fine.edgeWeight(1));
        assertTrue(fine.edgeWeight(0) > 1000);
    }

    private static double merged(final double p1, final double p2)
    {
        return p1 * (1.0 - p2) + p2 * (1.0 - p1);
    }

    private static void assertEdge(
        final DecodingGraph graph, final int a, final int b, final double p, final long observables)
    {
        final int low = Math.min(a, b);
        final int high = Math.max(a, b);
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            if (graph.edgeSource(e) == low && graph.edgeTarget(e) == high)
            {
                assertEquals(p, graph.edgeProbability(e), EPSILON, "p of edge " + low + "-" + high);
                assertEquals(observables, graph.edgeObservables(e), "observables of edge " + low + "-" + high);
                return;
            }
        }
        fail("no edge " + low + "-" + high + " in " + graph);
    }

    private static void assertCoordinates(final DetectorErrorModel model, final int detector, final double... expected)
    {
        assertTrue(model.hasCoordinates(detector), "detector " + detector + " has coordinates");
        assertEquals(expected.length, model.coordinateCount(detector), "coordinate count of detector " + detector);
        for (int axis = 0; axis < expected.length; axis++)
        {
            assertEquals(expected[axis], model.coordinate(detector, axis), EPSILON,
                "detector " + detector + " axis " + axis);
        }
        assertEquals(Double.NaN, model.coordinate(detector, expected.length));
    }
}
