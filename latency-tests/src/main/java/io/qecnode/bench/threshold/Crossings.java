package io.qecnode.bench.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds where the logical error rate curves of successive distances cross: below threshold the larger code does
 * better, above it worse. The crossing is estimated by linear interpolation of the rate difference between the two
 * neighbouring p values where its sign changes.
 */
public final class Crossings
{
    private Crossings()
    {
    }

    /**
     * @param points        the points of a run, distances outer and p inner, p ascending.
     * @param distances     the run's distances in order.
     * @param probabilities the run's p values, ascending.
     * @return one line per pair of successive distances, saying where (or whether) their curves cross.
     */
    public static List<String> describe(
        final List<ThresholdPoint> points, final int[] distances, final double[] probabilities)
    {
        final List<String> lines = new ArrayList<>();
        final int perDistance = probabilities.length;
        for (int i = 0; i + 1 < distances.length; i++)
        {
            final double crossing = crossing(points, i * perDistance, (i + 1) * perDistance, probabilities);
            if (Double.isNaN(crossing))
            {
                lines.add(String.format(Locale.ROOT, "d=%d and d=%d: no crossing in the p range",
                    distances[i], distances[i + 1]));
            }
            else
            {
                lines.add(String.format(Locale.ROOT, "d=%d and d=%d cross near p=%.4f",
                    distances[i], distances[i + 1], crossing));
            }
        }
        return lines;
    }

    /**
     * @return the interpolated p where the larger distance stops winning, or NaN if it wins (or loses) throughout.
     */
    static double crossing(
        final List<ThresholdPoint> points, final int smallStart, final int largeStart, final double[] probabilities)
    {
        double previousDiff = Double.NaN;
        for (int k = 0; k < probabilities.length; k++)
        {
            final double diff = points.get(largeStart + k).logicalErrorRate() -
                points.get(smallStart + k).logicalErrorRate();
            if (k > 0 && previousDiff < 0 && diff >= 0)
            {
                final double t = -previousDiff / (diff - previousDiff);
                return probabilities[k - 1] + t * (probabilities[k] - probabilities[k - 1]);
            }
            previousDiff = diff;
        }
        return Double.NaN;
    }
}
