package io.qecnode.bench.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds where the logical error rate curves of successive distances cross: below threshold the larger code does
 * better, above it worse. The crossing is estimated by linear interpolation of the rate difference between the two
 * neighbouring p values where its sign changes.
 */
public final class Crossings
{
    /**
     * Where the curves of two successive distances cross.
     *
     * @param small  the smaller distance.
     * @param large  the next larger distance.
     * @param p      the interpolated crossing, NaN if the curves do not cross in the p range they share.
     * @param larger without a crossing: -1 if the larger distance does better at every shared p (the threshold lies
     *               above the range), +1 if it never does better (below the range), 0 otherwise.
     */
    public record Crossing(int small, int large, double p, int larger)
    {
        /** @return the crossing as a line of text. */
        public String describe()
        {
            if (!Double.isNaN(p))
            {
                return String.format(Locale.ROOT, "d=%d and d=%d cross near p=%.4f", small, large, p);
            }
            return String.format(Locale.ROOT, "d=%d and d=%d: no crossing in the p range%s", small, large,
                larger < 0 ? " (d=" + large + " better throughout: threshold above it)" :
                larger > 0 ? " (d=" + large + " never better: threshold below it)" : "");
        }
    }

    private Crossings()
    {
    }

    /**
     * @param points points of one decoder in any order, see {@link #of(List)}.
     * @return one line per pair of successive distances, saying where (or whether) their curves cross.
     */
    public static List<String> describe(final List<? extends RatePoint> points)
    {
        final List<String> lines = new ArrayList<>();
        for (final Crossing crossing : of(points))
        {
            lines.add(crossing.describe());
        }
        return lines;
    }

    /**
     * @param points points of one decoder in any order; each distance's curve may have its own p values, and two
     *               curves are compared only at the p values both have.
     * @return one crossing per pair of successive distances, smallest first.
     */
    public static List<Crossing> of(final List<? extends RatePoint> points)
    {
        final Map<Integer, TreeMap<Double, Double>> curves = new TreeMap<>();
        for (final RatePoint point : points)
        {
            curves.computeIfAbsent(point.distance(), d -> new TreeMap<>()).put(point.p(), point.logicalErrorRate());
        }
        final List<Crossing> crossings = new ArrayList<>();
        Map.Entry<Integer, TreeMap<Double, Double>> previous = null;
        for (final Map.Entry<Integer, TreeMap<Double, Double>> curve : curves.entrySet())
        {
            if (previous != null)
            {
                crossings.add(crossing(previous.getKey(), curve.getKey(), previous.getValue(), curve.getValue()));
            }
            previous = curve;
        }
        return crossings;
    }

    /**
     * @param small   the smaller distance.
     * @param large   the larger distance.
     * @param smaller rate against p of the smaller distance.
     * @param larger  rate against p of the larger distance.
     * @return where the larger distance stops winning, interpolated; else which side of the range the threshold is.
     */
    static Crossing crossing(
        final int small, final int large, final TreeMap<Double, Double> smaller, final TreeMap<Double, Double> larger)
    {
        double previousP = Double.NaN;
        double previousDiff = Double.NaN;
        boolean alwaysBetter = true;
        boolean neverBetter = true;
        for (final Map.Entry<Double, Double> entry : smaller.entrySet())
        {
            final Double largeRate = larger.get(entry.getKey());
            if (largeRate == null)
            {
                continue;
            }
            final double p = entry.getKey();
            final double diff = largeRate - entry.getValue();
            if (previousDiff < 0 && diff >= 0)
            {
                final double t = -previousDiff / (diff - previousDiff);
                return new Crossing(small, large, previousP + t * (p - previousP), 0);
            }
            alwaysBetter &= diff < 0;
            neverBetter &= diff >= 0;
            previousP = p;
            previousDiff = diff;
        }
        final boolean shared = !Double.isNaN(previousDiff);
        return new Crossing(small, large, Double.NaN, !shared ? 0 : alwaysBetter ? -1 : neverBetter ? 1 : 0);
    }
}
