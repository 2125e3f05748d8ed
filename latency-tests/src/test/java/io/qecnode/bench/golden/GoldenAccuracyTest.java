package io.qecnode.bench.golden;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weighted union-find against PyMatching (exact minimum-weight matching) on the same Stim-made circuit-level shots:
 * the cut that ships with the repository on every run, the full set beside the checkout where it is.
 * <p>
 * The bound is {@link GoldenFiles#withinBound}: at most {@value GoldenFiles#MISTAKE_RATIO} times PyMatching's
 * mistakes plus {@value GoldenFiles#MISTAKE_SLACK}. Unweighted growth is blind to the circuit's unequal edge
 * probabilities and must do measurably worse at p = 0.005 from d = 5.
 */
class GoldenAccuracyTest
{
    static final int MAX_DISTANCE = 9;

    @TestFactory
    List<DynamicTest> shouldStayWithinTheBoundOfMinimumWeightMatchingOnTheShippedCut()
    {
        return tests(GoldenFiles.fixture(), 2);
    }

    @TestFactory
    List<DynamicTest> shouldStayWithinTheBoundOfMinimumWeightMatching()
    {
        final Path folder = GoldenData.locate();
        if (folder == null)
        {
            GoldenFiles.missing(GoldenFiles.folder());
        }
        return tests(folder, 8);
    }

    private static List<DynamicTest> tests(final Path folder, final int expected)
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final GoldenCase golden : GoldenData.cases(folder))
        {
            if (!"circuit".equals(golden.family()) || golden.distance() > MAX_DISTANCE)
            {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(golden.name(), () -> check(golden)));
        }
        assertTrue(tests.size() >= expected, "expected " + expected + " circuit cases up to d=" + MAX_DISTANCE +
            " in " + folder + ", found " + tests.size());
        return tests;
    }

    private static void check(final GoldenCase golden) throws Exception
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final long pymatching = shots.pymatchingMistakes();
        assertEquals(golden.pymatchingErrors(), pymatching, golden.name() + ": PyMatching's count in case.json");
        final GoldenRun weighted = GoldenRun.decode(
            dem.graph(), DecoderMode.WEIGHTED, shots, golden.rounds(), 0, 1);
        final String facts = golden.name() + ": pymatching=" + pymatching + ", weighted=" + weighted.mistakes();
        assertTrue(GoldenFiles.withinBound(weighted.mistakes(), pymatching), facts);

        if (golden.p() >= 0.005 && golden.distance() >= 5)
        {
            final GoldenRun unweighted = GoldenRun.decode(
                dem.graph(), DecoderMode.UNWEIGHTED, shots, golden.rounds(), 0, 1);
            assertTrue(unweighted.mistakes() > 1.3 * weighted.mistakes(),
                facts + ", unweighted=" + unweighted.mistakes());
        }
    }
}
