package io.qecnode.bench.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code golden} report: a row per case and decoder mode beside plain and correlated PyMatching, as an aligned
 * text table, a Markdown table, or one JSON object per case. A figure the case does not give prints as {@code -}
 * (null in JSON).
 */
public final class GoldenTable
{
    /** How the table is printed. */
    public enum Style
    {
        /** Columns aligned with spaces. */
        TEXT,
        /** A Markdown table, columns aligned too. */
        MARKDOWN
    }

    private static final String NONE = "-";
    private static final String[] HEADINGS = {
        "case", "shots", "PM err", "PMc err", "PM us/rd", "PMc us/rd",
        "decoder", "err", "err/PM", "err/PMc", "agree PM", "us/rd", "t/PM"};
    private static final int[] WIDTHS = {22, 7, 6, 7, 8, 9, 12, 6, 6, 7, 8, 8, 5};
    // Case name and decoder read left to right; numbers line up on the right.
    private static final boolean[] LEFT = {
        true, false, false, false, false, false, true, false, false, false, false, false, false};

    private GoldenTable()
    {
    }

    /**
     * @param style text or Markdown.
     * @return the heading line, and for Markdown the alignment line under it.
     */
    public static List<String> header(final Style style)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(line(style, HEADINGS));
        if (style == Style.MARKDOWN)
        {
            final String[] rule = new String[HEADINGS.length];
            for (int i = 0; i < rule.length; i++)
            {
                rule[i] = LEFT[i] ? "-".repeat(WIDTHS[i]) : "-".repeat(WIDTHS[i] - 1) + ":";
            }
            lines.add(line(style, rule));
        }
        return lines;
    }

    /**
     * @param style     text or Markdown.
     * @param oneCase   one case's figures, a mode each, in the order to print.
     * @return a line per mode.
     */
    public static List<String> rows(final Style style, final List<GoldenComparison> oneCase)
    {
        final List<String> lines = new ArrayList<>();
        for (final GoldenComparison c : oneCase)
        {
            final GoldenCase golden = c.golden();
            lines.add(line(style, new String[]{
                golden.name(),
                Long.toString(c.shots()),
                Long.toString(c.pymatchingMistakes()),
                golden.hasCorrelated() ? Long.toString(golden.pymatchingCorrelatedErrors()) : NONE,
                fixed(golden.pymatching24UsPerRound(), 4),
                fixed(golden.pymatchingCorrelatedUsPerRound(), 4),
                c.mode().cliName(),
                Long.toString(c.run().mistakes()),
                fixed(c.mistakesOverPlain(), 2),
                fixed(c.mistakesOverCorrelated(), 2),
                percent(c.agreement()),
                fixed(c.run().usPerRound(), 4),
                fixed(c.timeOverPlain(), 2)}));
        }
        return lines;
    }

    /**
     * @param style text or Markdown (a list there, after a blank line).
     * @return what the columns mean, and the JVM that measured.
     */
    public static List<String> legend(final Style style)
    {
        final List<String> lines = List.of(
            "PM: plain PyMatching (mistakes from pymatching.b8; us/rd: 2.4's, case.json pymatching_2_4_timing); " +
                "PMc: correlated PyMatching 2.4 (--enable_correlations; case.json).",
            "err/PM, err/PMc: the decoder's mistakes over PM's and PMc's; t/PM: its time per round over PM's; " +
                "agree PM: shots where it predicts what PM predicts; -: not in case.json, or no mistakes to divide by.",
            "us/rd: decode time per round, shots in memory, thread CPU time, median of the repeats after the " +
                "warm-up passes.",
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
                ", cores: " + Runtime.getRuntime().availableProcessors());
        if (style == Style.TEXT)
        {
            return lines;
        }
        final List<String> list = new ArrayList<>();
        list.add("");
        lines.forEach(line -> list.add("- " + line));
        return list;
    }

    /**
     * @param oneCase one case's figures, a mode each.
     * @return one JSON object: the case, PyMatching's figures and, per mode, fields prefixed with the mode's name
     *         ({@code weighted_errors}, {@code exact_small_us_per_round}...).
     */
    public static String json(final List<GoldenComparison> oneCase)
    {
        final GoldenComparison first = oneCase.get(0);
        final GoldenCase golden = first.golden();
        final StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
            "{\"case\":\"%s\",\"family\":\"%s\",\"d\":%d,\"rounds\":%d,\"p\":%s,\"shots\":%d," +
            "\"pymatching_errors\":%d,\"pymatching_correlated_errors\":%s,\"pymatching_us_per_round\":%s," +
            "\"pymatching_2_4_us_per_round\":%s,\"pymatching_correlated_us_per_round\":%s,\"decoders\":[",
            golden.name(), golden.family(), golden.distance(), golden.rounds(), golden.p(), first.shots(),
            first.pymatchingMistakes(),
            golden.hasCorrelated() ? Long.toString(golden.pymatchingCorrelatedErrors()) : "null",
            number(golden.pymatchingUsPerRound()), number(golden.pymatching24UsPerRound()),
            number(golden.pymatchingCorrelatedUsPerRound())));
        for (int i = 0; i < oneCase.size(); i++)
        {
            json.append(i > 0 ? "," : "").append('"').append(oneCase.get(i).mode().cliName()).append('"');
        }
        json.append(']');
        for (final GoldenComparison c : oneCase)
        {
            final String m = c.mode().cliName().replace('-', '_');
            json.append(String.format(Locale.ROOT,
                ",\"%1$s_errors\":%2$d,\"%1$s_agreement\":%3$s,\"%1$s_us_per_round\":%4$s," +
                "\"%1$s_errors_over_pymatching\":%5$s,\"%1$s_errors_over_pymatching_correlated\":%6$s," +
                "\"%1$s_time_over_pymatching\":%7$s",
                m, c.run().mistakes(), number(c.agreement()), number(c.run().usPerRound()),
                number(c.mistakesOverPlain()), number(c.mistakesOverCorrelated()), number(c.timeOverPlain())));
        }
        return json.append('}').toString();
    }

    private static String line(final Style style, final String[] cells)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++)
        {
            line.append(style == Style.MARKDOWN ? (i == 0 ? "| " : " | ") : (i == 0 ? "" : "  "));
            final String format = "%" + (LEFT[i] ? "-" : "") + WIDTHS[i] + "s";
            line.append(String.format(Locale.ROOT, format, cells[i]));
        }
        return style == Style.MARKDOWN ? line.append(" |").toString() : line.toString().stripTrailing();
    }

    private static String fixed(final double value, final int decimals)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? NONE :
            String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(final double share)
    {
        return Double.isNaN(share) ? NONE : fixed(100 * share, 2) + "%";
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.6f", value);
    }
}
