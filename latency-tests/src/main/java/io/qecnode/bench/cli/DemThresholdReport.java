package io.qecnode.bench.cli;

import io.qecnode.bench.threshold.Crossings;
import io.qecnode.bench.threshold.Crossings.Crossing;
import io.qecnode.bench.threshold.DemCase;
import io.qecnode.bench.threshold.DemPoint;
import io.qecnode.bench.threshold.PyMatchingReference;
import io.qecnode.bench.threshold.RatePoint;
import io.qecnode.bench.threshold.ThresholdPlot;
import io.qecnode.decoder.unionfind.DecoderMode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code threshold --dem-dir} prints: a row per case and decoder beside the reference counts of the DEM set's
 * README, then per family and decoder the crossings of successive distances beside the reference decoders' crossings
 * on the same cases; or the same as JSON lines. Also draws the plot.
 */
final class DemThresholdReport
{
    private final PrintWriter out;
    private final boolean json;
    private final PyMatchingReference reference;
    private final List<DemCase> cases;
    private final DecoderMode[] modes;

    DemThresholdReport(
        final PrintWriter out,
        final boolean json,
        final PyMatchingReference reference,
        final List<DemCase> cases,
        final DecoderMode[] modes)
    {
        this.out = out;
        this.json = json;
        this.reference = reference;
        this.cases = cases;
        this.modes = modes;
    }

    void header(final Path dir, final long shots, final long seed, final int threads)
    {
        if (json)
        {
            return;
        }
        final List<String> names = new ArrayList<>();
        for (final DecoderMode mode : modes)
        {
            names.add(mode.cliName());
        }
        out.printf(Locale.ROOT, "union-find threshold run: dem-dir=%s cases=%d decoders=%s shots/point=%d seed=%d " +
            "case-threads=%d%n", dir, cases.size(), String.join(",", names), shots, seed, threads);
        if (!reference.isEmpty())
        {
            out.printf(Locale.ROOT, "PM: PyMatching's logical errors from %s (%d shots per point); ours/PM: our " +
                "rate over PyMatching %s's%n", PyMatchingReference.README, reference.shots(),
                reference.columns().get(0));
        }
        final StringBuilder head = new StringBuilder(String.format(Locale.ROOT,
            "%-22s %-11s %-3s %-6s %-7s %-7s %-11s %-25s %-9s %-8s", "case", "decoder", "d", "p", "shots", "errors",
            "LER", "95% CI", "us/shot", "defects"));
        for (final String column : reference.columns())
        {
            head.append(String.format(Locale.ROOT, " %-14s", "PM " + column));
        }
        out.println(head.append(reference.isEmpty() ? "" : " ours/PM").toString().stripTrailing());
        out.flush();
    }

    void caseDone(final List<DemPoint> points)
    {
        for (final DemPoint point : points)
        {
            final long[] counts = reference.counts(point.demCase().name());
            out.println(json ? point.toJson(counts, reference.columns()) : row(point, counts));
        }
        out.flush();
    }

    private String row(final DemPoint point, final long[] counts)
    {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
            "%-22s %-11s %-3d %-6s %-7d %-7d %-11.4e [%.4e, %.4e] %-9.3f %-8.2f", point.demCase().name(),
            point.decoder().cliName(), point.distance(), point.p(), point.shots(), point.logicalErrors(),
            point.logicalErrorRate(), point.ciLow(), point.ciHigh(), point.decodeMicrosPerShot(),
            point.meanDefects()));
        if (!reference.isEmpty())
        {
            for (int i = 0; i < reference.columns().size(); i++)
            {
                row.append(String.format(Locale.ROOT, " %-14s", counts == null ? "-" : Long.toString(counts[i])));
            }
            row.append(counts == null || counts[0] == 0 ? " -" : String.format(Locale.ROOT, " %.2f",
                point.logicalErrorRate() / ((double)counts[0] / reference.shots())));
        }
        return row.toString();
    }

    void crossings(final List<DemPoint> points)
    {
        if (!json)
        {
            out.println();
        }
        for (final String family : families())
        {
            final List<DemCase> familyCases = new ArrayList<>();
            cases.stream().filter(c -> c.family().equals(family)).forEach(familyCases::add);
            final List<List<Crossing>> references = new ArrayList<>();
            for (int i = 0; i < reference.columns().size(); i++)
            {
                references.add(Crossings.of(reference.points(familyCases, i)));
            }
            for (final DecoderMode mode : modes)
            {
                final List<RatePoint> curve = new ArrayList<>();
                points.stream().filter(p -> p.decoder() == mode && p.demCase().family().equals(family))
                    .forEach(curve::add);
                for (final Crossing crossing : Crossings.of(curve))
                {
                    out.println(json ? json(family, mode, crossing, references) :
                        line(family, mode, crossing, references));
                }
            }
        }
        out.flush();
    }

    private String line(
        final String family, final DecoderMode mode, final Crossing crossing, final List<List<Crossing>> references)
    {
        final StringBuilder line = new StringBuilder(family + ", " + mode.cliName() + ": " + crossing.describe());
        String separator = "; PyMatching ";
        for (int i = 0; i < references.size(); i++)
        {
            final double p = referenceAt(references.get(i), crossing);
            line.append(separator).append(reference.columns().get(i)).append(' ')
                .append(Double.isNaN(p) ? "none" : String.format(Locale.ROOT, "%.4f", p));
            separator = ", ";
        }
        return line.toString();
    }

    private String json(
        final String family, final DecoderMode mode, final Crossing crossing, final List<List<Crossing>> references)
    {
        final StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
            "{\"crossing\":{\"family\":\"%s\",\"decoder\":\"%s\",\"d_small\":%d,\"d_large\":%d,\"p\":%s",
            family, mode.cliName(), crossing.small(), crossing.large(), number(crossing.p())));
        for (int i = 0; i < references.size(); i++)
        {
            json.append(",\"pymatching_").append(reference.columns().get(i)).append("\":")
                .append(number(referenceAt(references.get(i), crossing)));
        }
        return json.append("}}").toString();
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.5f", value);
    }

    private static double referenceAt(final List<Crossing> references, final Crossing crossing)
    {
        for (final Crossing candidate : references)
        {
            if (candidate.small() == crossing.small() && candidate.large() == crossing.large())
            {
                return candidate.p();
            }
        }
        return Double.NaN;
    }

    void plot(final Path file, final String title, final List<DemPoint> points) throws IOException
    {
        final List<Integer> distances = new ArrayList<>(new TreeSet<>(cases.stream().map(DemCase::distance).toList()));
        final boolean manyFamilies = families().size() > 1;
        final ThresholdPlot plot = new ThresholdPlot(title, modes.length + reference.columns().size());
        for (final String family : families())
        {
            final String prefix = manyFamilies ? family + " " : "";
            for (final int d : distances)
            {
                final List<DemCase> curveCases = cases.stream()
                    .filter(c -> c.family().equals(family) && c.distance() == d).toList();
                if (curveCases.isEmpty())
                {
                    continue;
                }
                for (int m = 0; m < modes.length; m++)
                {
                    final DecoderMode mode = modes[m];
                    final List<DemPoint> curve = points.stream()
                        .filter(p -> p.decoder() == mode && curveCases.contains(p.demCase())).toList();
                    plot.add(prefix + "d=" + d + " " + mode.cliName(), distances.indexOf(d), m, curve, true);
                }
                for (int i = 0; i < reference.columns().size(); i++)
                {
                    plot.add(prefix + "d=" + d + " PyMatching " + reference.columns().get(i), distances.indexOf(d),
                        modes.length + i, reference.points(curveCases, i), false);
                }
            }
        }
        plot.save(file);
    }

    private Set<String> families()
    {
        final Set<String> families = new LinkedHashSet<>();
        cases.forEach(c -> families.add(c.family()));
        return families;
    }
}
