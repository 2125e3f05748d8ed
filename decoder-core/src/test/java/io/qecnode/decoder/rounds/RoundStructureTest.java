package io.qecnode.decoder.rounds;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.SurfaceCodeModel;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundStructureTest
{
    private static final Pattern D = Pattern.compile("\"d\"\\s*:\\s*(\\d+)");
    private static final Pattern ROUNDS = Pattern.compile("\"rounds\"\\s*:\\s*(\\d+)");

    @Test
    void shouldGiveCodeCapacityOneRoundOfEveryStabilizer()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.codeCapacity(5, 0.05);

        final RoundStructure rounds = RoundStructure.of(model);

        assertEquals(1, rounds.roundCount());
        assertEquals(24, rounds.detectorCount(0));
        assertEquals(24, rounds.maxDetectorsPerRound());
        assertEquals(model.graph().detectorCount(), rounds.detectorCount());
        assertContiguous(rounds);
    }

    @Test
    void shouldGivePhenomenologicalNoisyRoundsPlusTheClosingRound()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(7, 5, 0.01);

        final RoundStructure rounds = RoundStructure.of(model);

        assertEquals(6, rounds.roundCount());
        assertEquals(model.graph().detectorCount(), rounds.detectorCount());
        for (int round = 0; round < rounds.roundCount(); round++)
        {
            assertEquals(48, rounds.detectorCount(round), "round=" + round);
            assertEquals(model.zDetector(round, 0), rounds.firstDetector(round), "round=" + round);
            assertEquals(round, rounds.roundOf(model.xDetector(round, 23)), "round=" + round);
        }
        assertContiguous(rounds);
    }

    @Test
    void shouldSplitUniformRounds()
    {
        final RoundStructure rounds = RoundStructure.uniform(3, 100);

        assertEquals(3, rounds.roundCount());
        assertEquals(300, rounds.detectorCount());
        assertEquals(100, rounds.maxDetectorsPerRound());
        assertEquals(200, rounds.firstDetector(2));
        assertEquals(1, rounds.roundOf(199));
        assertContiguous(rounds);
    }

    @Test
    void shouldTakeRoundsFromTheTimeCoordinateWhateverTheOtherAxes()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(String.join("\n",
            "detector(1, 0, 0) D0",
            "detector(0, 5, 0, 7) D1",
            "detector(0, 0, 0.5) D2",
            "shift_detectors(0, 0, 4) 3",
            "detector(9, 9, 0) D0",
            "detector(0, 0, 0) D1",
            "detector(0, 0, 1) D2",
            "error(0.1) D0 D2"));

        final RoundStructure rounds = RoundStructure.of(model);

        // Times 0, 0, 0.5, 4, 4, 5: a gap in time is not an empty round.
        assertEquals(4, rounds.roundCount());
        assertArrayEquals(new int[]{2, 1, 2, 1}, sizes(rounds));
        assertEquals(2, rounds.maxDetectorsPerRound());
        assertEquals(3, rounds.roundOf(5));
        assertContiguous(rounds);
    }

    @Test
    void shouldNameTheFirstDetectorWithoutATimeCoordinate()
    {
        final DetectorErrorModel twoAxes = DetectorErrorModel.parseText(
            "detector(0, 0, 0) D0\ndetector(1, 2) D1\ndetector(1, 2) D2\nerror(0.1) D0 D2");
        final DetectorErrorModel undeclared = DetectorErrorModel.parseText(
            "detector(0, 0, 0) D0\nerror(0.1) D0 D1\nerror(0.1) D2");

        final IllegalArgumentException twoAxesError =
            assertThrows(IllegalArgumentException.class, () -> RoundStructure.of(twoAxes));
        final IllegalArgumentException undeclaredError =
            assertThrows(IllegalArgumentException.class, () -> RoundStructure.of(undeclared));

        assertEquals("detector has no time coordinate: detector=1, coordinates=2, timeAxis=2",
            twoAxesError.getMessage());
        assertEquals("detector has no time coordinate: detector=1, coordinates=0, timeAxis=2",
            undeclaredError.getMessage());
    }

    @Test
    void shouldNameTheFirstDetectorWhoseTimeGoesBack()
    {
        final DetectorErrorModel model = DetectorErrorModel.parseText(
            "detector(0, 0, 0) D0\ndetector(0, 0, 2) D1\ndetector(0, 0, 1) D2\ndetector(0, 0, 0) D3");

        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> RoundStructure.of(model));

        assertEquals("detector time goes back: detector=2, time=1.0, previousDetectorTime=2.0", error.getMessage());
    }

    @Test
    void shouldRejectEmptyUniformRoundsAndRoundsOutOfRange()
    {
        final RoundStructure rounds = RoundStructure.uniform(2, 8);

        assertThrows(IllegalArgumentException.class, () -> RoundStructure.uniform(0, 8));
        assertThrows(IllegalArgumentException.class, () -> RoundStructure.uniform(2, 0));
        assertThrows(IllegalArgumentException.class, () -> RoundStructure.uniform(1 << 16, 1 << 16));
        assertThrows(IndexOutOfBoundsException.class, () -> rounds.firstDetector(2));
        assertThrows(IndexOutOfBoundsException.class, () -> rounds.detectorCount(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> rounds.roundOf(16));
    }

    @TestFactory
    Stream<DynamicTest> shouldGiveEveryGoldenModelItsRoundsPlusTheFinalDataMeasurementRound() throws IOException
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

    // Stim's rotated_memory_z with R rounds: round 0 has only the Z-type detectors (X-type outcomes are random in the
    // first round), rounds 1..R-1 both types, and round R compares the final data measurement with the last Z-type
    // outcomes, so R + 1 rounds of sizes h, 2h, ..., 2h, h with h = (d² - 1) / 2.
    private static void checkCase(final Path dir) throws IOException
    {
        final String json = Files.readString(dir.resolve("case.json"), StandardCharsets.UTF_8);
        final int d = intField(D, json);
        final int stimRounds = intField(ROUNDS, json);
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));

        final RoundStructure rounds = RoundStructure.of(model);

        final int half = (d * d - 1) / 2;
        final int[] expected = new int[stimRounds + 1];
        for (int round = 0; round <= stimRounds; round++)
        {
            expected[round] = round == 0 || round == stimRounds ? half : 2 * half;
        }
        assertArrayEquals(expected, sizes(rounds));
        assertEquals(model.detectorCount(), rounds.detectorCount());
        assertContiguous(rounds);
        for (int detector = 0; detector < model.detectorCount(); detector++)
        {
            assertEquals(rounds.roundOf(detector), model.coordinate(detector, RoundStructure.TIME_AXIS),
                "Stim's time coordinate counts rounds from 0: detector=" + detector);
        }
    }

    private static void assertContiguous(final RoundStructure rounds)
    {
        int next = 0;
        for (int round = 0; round < rounds.roundCount(); round++)
        {
            assertEquals(next, rounds.firstDetector(round), "round=" + round);
            assertTrue(rounds.detectorCount(round) >= 1, "round=" + round);
            assertTrue(rounds.detectorCount(round) <= rounds.maxDetectorsPerRound(), "round=" + round);
            for (int k = 0; k < rounds.detectorCount(round); k++)
            {
                assertEquals(round, rounds.roundOf(next + k), "detector=" + (next + k));
            }
            next += rounds.detectorCount(round);
        }
        assertEquals(rounds.detectorCount(), next);
    }

    private static int[] sizes(final RoundStructure rounds)
    {
        final int[] sizes = new int[rounds.roundCount()];
        for (int round = 0; round < sizes.length; round++)
        {
            sizes[round] = rounds.detectorCount(round);
        }
        return sizes;
    }

    private static int intField(final Pattern field, final String json)
    {
        final Matcher matcher = field.matcher(json);
        assertTrue(matcher.find(), "field " + field.pattern());
        return Integer.parseInt(matcher.group(1));
    }

    private static Path goldenDir()
    {
        return GoldenFiles.require(GoldenFiles.folder());
    }
}
