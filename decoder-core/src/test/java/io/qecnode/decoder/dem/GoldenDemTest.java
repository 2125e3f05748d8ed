package io.qecnode.decoder.dem;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.graph.DecodingGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports every model.dem of the golden data (Stim output for the rotated surface code) and checks it against the
 * case's own metadata.
 */
class GoldenDemTest
{
    private static final Pattern NUM_DETECTORS = Pattern.compile("\"num_detectors\"\\s*:\\s*(\\d+)");
    private static final String LARGEST_CASE = "circuit_d17_r17_p0.001";
    private static final long PARSE_BUDGET_NS = 1_000_000_000L;

    @TestFactory
    Stream<DynamicTest> shouldImportEveryGoldenModelWithItsDetectorCountAndGraphlikeEdges() throws IOException
    {
        final Path golden = goldenDir();
        final List<Path> cases = new ArrayList<>();
        try (Stream<Path> children = Files.list(golden))
        {
            children.filter((dir) -> Files.isRegularFile(dir.resolve("model.dem"))).sorted().forEach(cases::add);
        }
        assertFalse(cases.isEmpty(), "no */model.dem in the golden data folder: dir=" + golden);
        return cases.stream().map((dir) -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> checkCase(dir)));
    }

    @Test
    void shouldPlaceGoldenDetectorsInTimeWithShiftDetectors() throws IOException
    {
        final Path dem = goldenDir().resolve("circuit_d03_r03_p0.001").resolve("model.dem");
        GoldenFiles.require(dem);

        final DetectorErrorModel model = DetectorErrorModel.parse(dem);

        assertEquals(3, model.coordinateDimensions());
        assertCoordinates(model, 0, 0.0, 4.0, 0.0);
        assertCoordinates(model, 4, 2.0, 0.0, 1.0);
        assertCoordinates(model, 20, 0.0, 4.0, 3.0);
        assertCoordinates(model, 23, 6.0, 2.0, 3.0);
    }

    @Test
    void shouldParseTheLargestGoldenModelWellUnderASecond() throws IOException
    {
        final Path dem = goldenDir().resolve(LARGEST_CASE).resolve("model.dem");
        GoldenFiles.require(dem);

        long bestNs = Long.MAX_VALUE;
        DetectorErrorModel model = null;
        for (int run = 0; run < 3; run++)
        {
            final long startNs = System.nanoTime();
            model = DetectorErrorModel.parse(dem);
            bestNs = Math.min(bestNs, System.nanoTime() - startNs);
        }

        System.out.printf("%s: parse + graph build best of 3 = %.1f ms, %s%n", LARGEST_CASE, bestNs / 1e6, model);
        assertEquals(4896, model.detectorCount());
        assertTrue(bestNs < PARSE_BUDGET_NS, "parse took bestNs=" + bestNs);
    }

    private static void checkCase(final Path dir) throws IOException
    {
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));
        final DecodingGraph graph = model.graph();

        assertEquals(numDetectors(dir.resolve("case.json")), model.detectorCount(), "num_detectors");
        assertEquals(1, model.observableCount(), "observables");
        assertTrue(graph.edgeCount() > 0);
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            final int source = graph.edgeSource(e);
            final int target = graph.edgeTarget(e);
            assertTrue(source >= 0 && source < target && target <= graph.boundaryVertex(),
                "an edge joins one detector to the boundary or two detectors: edge=" + e + ", source=" + source +
                ", target=" + target);
            final double p = graph.edgeProbability(e);
            assertTrue(p > 0.0 && p <= 0.5, "p in (0, 0.5]: edge=" + e + ", p=" + p);
        }
        assertEquals(model.componentCount(),
            graph.edgeCount() + model.parallelMergeCount() + model.undetectableComponentCount(),
            "every component is an edge, a merge or skipped");
        for (int d = 0; d < model.detectorCount(); d++)
        {
            assertEquals(3, model.coordinateCount(d), "Stim declares every detector with (x, y, t): detector=" + d);
        }
    }

    private static int numDetectors(final Path caseJson) throws IOException
    {
        final Matcher matcher = NUM_DETECTORS.matcher(Files.readString(caseJson, StandardCharsets.UTF_8));
        assertTrue(matcher.find(), "num_detectors in " + caseJson);
        return Integer.parseInt(matcher.group(1));
    }

    private static Path goldenDir()
    {
        return GoldenFiles.require(GoldenFiles.folder());
    }

    private static void assertCoordinates(final DetectorErrorModel model, final int detector, final double... expected)
    {
        assertEquals(expected.length, model.coordinateCount(detector), "detector=" + detector);
        for (int axis = 0; axis < expected.length; axis++)
        {
            assertEquals(expected[axis], model.coordinate(detector, axis), "detector=" + detector + ", axis=" + axis);
        }
    }
}
