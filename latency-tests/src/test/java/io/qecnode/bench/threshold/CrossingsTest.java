package io.qecnode.bench.threshold;

import io.qecnode.decoder.model.NoiseModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CrossingsTest
{
    @Test
    void shouldInterpolateWhereTheLargerCodeStopsWinning()
    {
        final List<ThresholdPoint> points = List.of(
            point(3, 0.08, 200), point(3, 0.10, 300), point(3, 0.12, 400),
            point(5, 0.08, 100), point(5, 0.10, 250), point(5, 0.12, 450));

        // Differences: -100, -50, +50: the sign changes halfway between 0.10 and 0.12.
        assertEquals(0.11, Crossings.of(points).get(0).p(), 1e-12);
        assertEquals(List.of("d=3 and d=5 cross near p=0.1100"), Crossings.describe(points));
    }

    @Test
    void shouldSayWhenTheCurvesDoNotCross()
    {
        final List<ThresholdPoint> points = List.of(
            point(3, 0.01, 50), point(3, 0.02, 90), point(5, 0.01, 10), point(5, 0.02, 30));
        assertEquals(List.of("d=3 and d=5: no crossing in the p range (d=5 better throughout: threshold above it)"),
            Crossings.describe(points));
    }

    @Test
    void shouldCompareCurvesOnlyAtTheProbabilitiesBothHaveInAnyOrder()
    {
        // d=5 lacks p=0.10: the sign change is read between 0.08 and 0.12 (-100 and +50), at two thirds of the way.
        final List<ThresholdPoint> points = List.of(
            point(5, 0.12, 450), point(3, 0.10, 300), point(5, 0.08, 100), point(3, 0.12, 400), point(3, 0.08, 200));
        final Crossings.Crossing crossing = Crossings.of(points).get(0);
        assertEquals(3, crossing.small());
        assertEquals(5, crossing.large());
        assertEquals(0.08 + 0.04 * 2 / 3, crossing.p(), 1e-12);
    }

    @Test
    void shouldSayWhenTheThresholdIsBelowTheRange()
    {
        final List<ThresholdPoint> points = List.of(
            point(3, 0.01, 50), point(3, 0.02, 90), point(5, 0.01, 60), point(5, 0.02, 130));
        assertEquals(List.of("d=3 and d=5: no crossing in the p range (d=5 never better: threshold below it)"),
            Crossings.describe(points));
    }

    private static ThresholdPoint point(final int d, final double p, final long errors)
    {
        return new ThresholdPoint(NoiseModel.CODE_CAPACITY, d, 1, p, 0, 1000, errors, 1000, 1.0);
    }
}
