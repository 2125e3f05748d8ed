package io.qecnode.node.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 500ns}, {@code 1us}, {@code 5ms}, {@code 10s}, {@code 10m}, {@code 1h}, or
 * {@code 0}. Every other number needs its unit: a bare {@code 3} was once read as 3 ns where 3 s was meant.
 */
public final class Durations
{
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ns|us|ms|s|m|h)");

    private Durations()
    {
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name, for the error.
     * @param value  the text given.
     * @return nanoseconds.
     * @throws ParameterException naming the option when the text is not a duration with a unit.
     */
    public static long nanos(final CommandSpec spec, final String option, final String value)
    {
        try
        {
            return nanos(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", " + option + "=" + value);
        }
    }

    /**
     * The same reading for a setting that is not a flag (a topology file's key), which names itself in its error.
     *
     * @param value the text given.
     * @return nanoseconds.
     * @throws IllegalArgumentException saying what is wrong (without the setting) when the text is not a duration
     *                                  with a unit.
     */
    public static long nanos(final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        if ("0".equals(text))
        {
            return 0;
        }
        final Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException(text.matches("\\d+") ?
                "a duration needs a unit (ns, us, ms, s, m, h)" : "not a duration (e.g. 500ns, 1us, 10s, 10m, 1h)");
        }
        final long count = Long.parseLong(matcher.group(1));
        final TimeUnit unit = switch (matcher.group(2))
        {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            default -> TimeUnit.HOURS;
        };
        return unit.toNanos(count);
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name, for the error.
     * @param value  the text given.
     * @param minNs  least accepted, in nanoseconds.
     * @param maxNs  most accepted, in nanoseconds.
     * @return nanoseconds, within [minNs, maxNs].
     * @throws ParameterException naming the option and the range when the text is not a duration or out of range.
     */
    public static long nanos(
        final CommandSpec spec, final String option, final String value, final long minNs, final long maxNs)
    {
        final long ns = nanos(spec, option, value);
        if (ns < minNs || ns > maxNs)
        {
            throw new ParameterException(spec.commandLine(), "must be " + (minNs == maxNs ? text(minNs) :
                "between " + text(minNs) + " and " + text(maxNs)) + ", " + option + "=" + value);
        }
        return ns;
    }

    /**
     * @param ns a duration.
     * @return it in the largest unit that states it exactly, e.g. {@code 50ms}.
     */
    public static String text(final long ns)
    {
        final long[] factors = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        final String[] units = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < factors.length; i++)
        {
            if (ns != 0 && ns % factors[i] == 0)
            {
                return ns / factors[i] + units[i];
            }
        }
        return "0";
    }
}
