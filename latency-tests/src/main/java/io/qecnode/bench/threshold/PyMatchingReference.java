package io.qecnode.bench.threshold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference logical error counts of a DEM set, read from the Markdown table of its README: a header row
 * {@code | case | plain | correlated |} (any columns after {@code case}), then one row per case directory with a count
 * per column. The shots behind the counts come from the text's {@code N shots per point}.
 */
public final class PyMatchingReference
{
    /** The README file looked for in a DEM directory. */
    public static final String README = "README.md";

    private static final Pattern SHOTS = Pattern.compile("([0-9][0-9,]*) shots per point");
    private static final Pattern COUNT = Pattern.compile("[0-9]+");

    private final List<String> columns;
    private final Map<String, long[]> counts;
    private final long shots;

    private PyMatchingReference(final List<String> columns, final Map<String, long[]> counts, final long shots)
    {
        this.columns = columns;
        this.counts = counts;
        this.shots = shots;
    }

    /**
     * @param dir a DEM set directory.
     * @return its reference counts; none when there is no README, no table or no shot count in it.
     * @throws IOException when the README exists but cannot be read.
     */
    public static PyMatchingReference read(final Path dir) throws IOException
    {
        final Path readme = dir.resolve(README);
        if (!Files.isRegularFile(readme))
        {
            return none();
        }
        return parse(Files.readAllLines(readme, StandardCharsets.UTF_8));
    }

    /**
     * @param lines the README's lines.
     * @return the counts of the first table with a {@code case} column; none without a table or a shot count.
     */
    static PyMatchingReference parse(final List<String> lines)
    {
        List<String> columns = null;
        final Map<String, long[]> counts = new HashMap<>();
        long shots = 0;
        for (final String line : lines)
        {
            final Matcher shotCount = SHOTS.matcher(line);
            if (shots == 0 && shotCount.find())
            {
                shots = Long.parseLong(shotCount.group(1).replace(",", ""));
            }
            final String[] cells = cells(line);
            if (cells == null)
            {
                continue;
            }
            if (columns == null && cells.length > 1 && "case".equalsIgnoreCase(cells[0]))
            {
                columns = List.of(cells).subList(1, cells.length);
            }
            else if (columns != null && cells.length == columns.size() + 1 && allCounts(cells))
            {
                final long[] row = new long[columns.size()];
                for (int i = 0; i < row.length; i++)
                {
                    row[i] = Long.parseLong(cells[i + 1]);
                }
                counts.put(cells[0], row);
            }
        }
        return columns == null || counts.isEmpty() || shots == 0 ?
            none() : new PyMatchingReference(new ArrayList<>(columns), counts, shots);
    }

    private static PyMatchingReference none()
    {
        return new PyMatchingReference(List.of(), Map.of(), 0);
    }

    private static String[] cells(final String line)
    {
        final String trimmed = line.trim();
        if (!trimmed.startsWith("|") || !trimmed.endsWith("|") || trimmed.length() < 2)
        {
            return null;
        }
        final String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|", -1);
        for (int i = 0; i < cells.length; i++)
        {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static boolean allCounts(final String[] cells)
    {
        for (int i = 1; i < cells.length; i++)
        {
            if (!COUNT.matcher(cells[i]).matches())
            {
                return false;
            }
        }
        return true;
    }

    /** @return true when the README had no usable table. */
    public boolean isEmpty()
    {
        return counts.isEmpty();
    }

    /** @return the reference decoders, the table's columns after {@code case}, e.g. plain and correlated. */
    public List<String> columns()
    {
        return columns;
    }

    /** @return shots per point behind the counts. */
    public long shots()
    {
        return shots;
    }

    /**
     * @param caseName a case directory's name.
     * @return the logical error count of each column, or null when the table has no row for the case.
     */
    public long[] counts(final String caseName)
    {
        return counts.get(caseName);
    }

    /**
     * @param cases  the run's cases.
     * @param column index into {@link #columns()}.
     * @return the reference decoder's points for those cases that have a row, for crossings.
     */
    public List<RatePoint> points(final List<DemCase> cases, final int column)
    {
        final List<RatePoint> points = new ArrayList<>();
        for (final DemCase demCase : cases)
        {
            final long[] row = counts.get(demCase.name());
            if (row != null)
            {
                points.add(new Reference(demCase.distance(), demCase.p(), shots, row[column]));
            }
        }
        return points;
    }

    private record Reference(int distance, double p, long shots, long logicalErrors) implements RatePoint
    {
    }
}
