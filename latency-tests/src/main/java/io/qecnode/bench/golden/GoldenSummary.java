package io.qecnode.bench.golden;

import io.qecnode.decoder.unionfind.DecoderMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Each mode's ratios over the cases issue 15's targets are set on (circuit-level and phenomenological cases where
 * plain PyMatching makes at least {@value #MIN_MISTAKES} mistakes), as ranges, so a run says at a glance whether a
 * mode meets its target on every such case.
 */
public final class GoldenSummary
{
    /** Plain PyMatching's mistakes a case needs to count: below it a few shots swing the ratio. */
    public static final int MIN_MISTAKES = 30;

    private GoldenSummary()
    {
    }

    /**
     * @param comparison a case's figures for one mode.
     * @return whether the case is one the targets are set on.
     */
    public static boolean isTarget(final GoldenComparison comparison)
    {
        final String family = comparison.golden().family();
        return ("circuit".equals(family) || "phenom".equals(family)) &&
            comparison.pymatchingMistakes() >= MIN_MISTAKES;
    }

    /**
     * @param style text or Markdown (a list there).
     * @param modes the modes run, in order.
     * @param all   every case's figures, every mode.
     * @return a heading line and a line per mode; none if no case printed is a target case.
     */
    public static List<String> lines(
        final GoldenTable.Style style, final List<DecoderMode> modes, final List<GoldenComparison> all)
    {
        final List<String> lines = new ArrayList<>();
        final long cases = all.stream().filter(GoldenSummary::isTarget).map(c -> c.golden().name()).distinct().count();
        if (cases == 0)
        {
            return lines;
        }
        final String item = style == GoldenTable.Style.MARKDOWN ? "- " : "  ";
        lines.add("");
        lines.add("Ranges over the " + cases + " circuit and phenom cases printed with PM err >= " + MIN_MISTAKES +
            " (issue 15's target cases):");
        for (final DecoderMode mode : modes)
        {
            final List<GoldenComparison> mine = all.stream()
                .filter(c -> c.mode() == mode && isTarget(c)).toList();
            lines.add(String.format(Locale.ROOT, "%s%-12s err/PM %s, err/PMc %s, t/PM %s", item, mode.cliName(),
                range(mine, GoldenComparison::mistakesOverPlain), range(mine, GoldenComparison::mistakesOverCorrelated),
                range(mine, GoldenComparison::timeOverPlain)));
        }
        if (style == GoldenTable.Style.TEXT)
        {
            lines.add("");
        }
        return lines;
    }

    private static String range(final List<GoldenComparison> figures, final ToDoubleFunction<GoldenComparison> ratio)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final GoldenComparison figure : figures)
        {
            final double value = ratio.applyAsDouble(figure);
            if (!Double.isNaN(value))
            {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return min > max ? "-" : String.format(Locale.ROOT, "%.2f-%.2f", min, max);
    }
}
