package io.qecnode.bench.golden;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Weighted union-find against PyMatching (exact minimum-weight matching) on the same Stim-made circuit-level shots.
 * <p>
 * The bound: weighted union-find makes at most {@value #RATIO} times PyMatching's mistakes plus {@value #SLACK}.
 * Union-find is not minimum weight (it peels an arbitrary spanning tree inside each cluster), so a ratio above 1 is
 * expected; measured here it is 0.8-1.2 at d &lt;= 9. The slack covers the cases where PyMatching makes no or a
 * handful of mistakes and one or two shots would swing the ratio. Unweighted growth is blind to the circuit's
 * unequal edge probabilities and must do measurably worse at p = 0.005.
 */
class GoldenAccuracyTest
{
    static final double RATIO = 1.5;
    static final int SLACK = 3;
    static final int MAX_DISTANCE = 9;

    @TestFactory
    List<DynamicTest> shouldStayWithinTheBoundOfMinimumWeightMatching()
    {
        final Path folder = GoldenData.locate();
        assumeTrue(folder != null, "reference data not found (../shared/golden); golden accuracy not checked");
        final List<DynamicTest> tests = new ArrayList<>();
        for (final GoldenCase golden : GoldenData.cases(folder))
        {
            if (!"circuit".equals(golden.family()) || golden.distance() > MAX_DISTANCE)
            {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(golden.name(), () -> check(golden)));
        }
        assertTrue(tests.size() >= 8, "expected the eight circuit cases up to d=9, found " + tests.size());
        return tests;
    }

    private static void check(final GoldenCase golden) throws Exception
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final long pymatching = shots.pymatchingMistakes();
        final GoldenRun weighted = GoldenRun.decode(
            dem.graph(), UnionFindDecoder.Growth.WEIGHTED, shots, golden.rounds(), 0, 1);
        final String facts = golden.name() + ": pymatching=" + pymatching + ", weighted=" + weighted.mistakes();
        assertTrue(weighted.mistakes() <= RATIO * pymatching + SLACK, facts);

        if (golden.p() >= 0.005 && golden.distance() >= 5)
        {
            final GoldenRun unweighted = GoldenRun.decode(
                dem.graph(), UnionFindDecoder.Growth.UNWEIGHTED, shots, golden.rounds(), 0, 1);
            assertTrue(unweighted.mistakes() > 1.3 * weighted.mistakes(),
                facts + ", unweighted=" + unweighted.mistakes());
        }
    }
}
