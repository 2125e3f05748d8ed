package io.qecnode.bench.golden;

import io.qecnode.decoder.GoldenBounds;
import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every decoder mode against PyMatching, plain and correlated, on the same Stim-made circuit-level and
 * phenomenological shots: the cut that ships with the repository on every run, the full set beside the checkout
 * where it is, up to d = {@value #MAX_DISTANCE}. Each mode is held to its rows of {@link GoldenBounds}; a mode without
 * them fails here.
 * <p>
 * Unweighted growth is blind to the circuit's unequal edge probabilities and must do measurably worse than weighted
 * at p = 0.005 from d = 5.
 */
class GoldenAccuracyTest
{
    static final int MAX_DISTANCE = 9;

    @Test
    void shouldHaveABoundForEveryDecoderMode()
    {
        for (final DecoderMode mode : DecoderMode.values())
        {
            for (final String family : GoldenBounds.FAMILIES)
            {
                assertTrue(GoldenBounds.of(mode, family).ratio() > 0, mode.cliName() + " " + family);
            }
        }
    }

    @TestFactory
    List<DynamicTest> shouldStayWithinEachModesBoundOnTheShippedCut()
    {
        return tests(GoldenFiles.fixture(), 2);
    }

    @TestFactory
    List<DynamicTest> shouldStayWithinEachModesBound()
    {
        final Path folder = GoldenData.locate();
        if (folder == null)
        {
            GoldenFiles.missing(GoldenFiles.folder());
        }
        return tests(folder, 20);
    }

    @TestFactory
    List<DynamicTest> shouldDoBetterWeightedThanUnweightedAtCircuitLevelOnTheShippedCut()
    {
        return separations(GoldenFiles.fixture(), 1);
    }

    @TestFactory
    List<DynamicTest> shouldDoBetterWeightedThanUnweightedAtCircuitLevel()
    {
        final Path folder = GoldenData.locate();
        if (folder == null)
        {
            GoldenFiles.missing(GoldenFiles.folder());
        }
        return separations(folder, 3);
    }

    private static List<DynamicTest> separations(final Path folder, final int expected)
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final GoldenCase golden : cases(folder, expected))
        {
            if ("circuit".equals(golden.family()) && golden.p() >= 0.005 && golden.distance() >= 5)
            {
                tests.add(DynamicTest.dynamicTest(golden.name(), () -> separation(golden)));
            }
        }
        assertEquals(expected, tests.size(), "circuit cases at p=0.005 from d=5 up to d=" + MAX_DISTANCE);
        return tests;
    }

    private static List<DynamicTest> tests(final Path folder, final int expected)
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final GoldenCase golden : cases(folder, expected))
        {
            for (final DecoderMode mode : DecoderMode.values())
            {
                tests.add(DynamicTest.dynamicTest(golden.name() + " " + mode.cliName(), () -> check(golden, mode)));
            }
        }
        return tests;
    }

    private static List<GoldenCase> cases(final Path folder, final int expected)
    {
        final List<GoldenCase> cases = new ArrayList<>();
        for (final GoldenCase golden : GoldenData.cases(folder))
        {
            if (GoldenBounds.FAMILIES.contains(golden.family()) && golden.distance() <= MAX_DISTANCE)
            {
                cases.add(golden);
            }
        }
        assertTrue(cases.size() >= expected, "expected " + expected + " circuit and phenomenological cases up to d=" +
            MAX_DISTANCE + " in " + folder + ", found " + cases.size());
        return cases;
    }

    private static void check(final GoldenCase golden, final DecoderMode mode) throws Exception
    {
        final GoldenBounds.Bound bound = GoldenBounds.of(mode, golden.family());
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final long plain = shots.pymatchingMistakes();
        assertEquals(golden.pymatchingErrors(), plain, golden.name() + ": PyMatching's count in case.json");
        assertTrue(golden.hasCorrelated(), golden.name() + ": case.json lacks correlated PyMatching's mistakes");
        final GoldenRun run = GoldenRun.decode(dem.graph(), mode, shots, golden.rounds(), 0, 1);
        assertTrue(bound.holds(run.mistakes(), plain, golden.pymatchingCorrelatedErrors()),
            golden.name() + ": " + mode.cliName() + "=" + run.mistakes() + ", pymatching=" + plain +
            ", pymatching_correlated=" + golden.pymatchingCorrelatedErrors() + ", bound=" + bound);
    }

    private static void separation(final GoldenCase golden) throws Exception
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final long weighted = GoldenRun.decode(dem.graph(), DecoderMode.WEIGHTED, shots, golden.rounds(), 0, 1)
            .mistakes();
        final long unweighted = GoldenRun.decode(dem.graph(), DecoderMode.UNWEIGHTED, shots, golden.rounds(), 0, 1)
            .mistakes();
        assertTrue(unweighted > 1.3 * weighted, golden.name() + ": weighted=" + weighted + ", unweighted=" + unweighted);
    }
}
