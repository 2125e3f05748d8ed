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
        final double[] ps = {0.08, 0.10, 0.12};
        final List<ThresholdPoint> points = List.of(
            point(3, 0.08, 200), point(3, 0.10, 300), point(3, 0.12, 400),
            point(5, 0.08, 100), point(5, 0.10, 250), point(5, 0.12, 450));

        // Differences: -100, -50, +50: the sign changes halfway between 0.10 and 0.12.
        assertEquals(0.11, Crossings.crossing(points, 0, 3, ps), 1e-12);
        assertEquals(List.of("d=3 and d=5 cross near p=0.1100"), Crossings.describe(points, new int[]{3, 5}, ps));
    }

    @Test
    void shouldSayWhenTheCurvesDoNotCross()
    {
        final double[] ps = {0.01, 0.02};
        final List<ThresholdPoint> points = List.of(
            point(3, 0.01, 50), point(3, 0.02, 90), point(5, 0.01, 10), point(5, 0.02, 30));
        assertEquals(List.of("d=3 and d=5: no crossing in the p range"),
            Crossings.describe(points, new int[]{3, 5}, ps));
    }

    private static ThresholdPoint point(final int d, final double p, final long errors)
    {
        return new ThresholdPoint(NoiseModel.CODE_CAPACITY, d, 1, p, 0, 1000, errors, 1000, 1.0);
    }
}
