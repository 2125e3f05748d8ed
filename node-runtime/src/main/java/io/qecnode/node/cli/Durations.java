package io.qecnode.node.cli;

import org.agrona.SystemUtil;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 500ns}, {@code 1us}, {@code 5ms}, {@code 10s}, {@code 10m}, {@code 1h}, or
 * {@code 0}.
 */
public final class Durations
{
    // Agrona reads ns, us, ms and s; soaks are given in minutes and hours.
    private static final Pattern MINUTES_OR_HOURS = Pattern.compile("(\\d{1,9})([mh])");

    private Durations()
    {
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name, for the error.
     * @param value  the text given.
     * @return nanoseconds.
     * @throws ParameterException naming the option when the text is not a duration.
     */
    public static long nanos(final CommandSpec spec, final String option, final String value)
    {
        final String text = value.trim();
        if ("0".equals(text))
        {
            return 0;
        }
        final Matcher longUnit = MINUTES_OR_HOURS.matcher(text);
        if (longUnit.matches())
        {
            final long count = Long.parseLong(longUnit.group(1));
            return "m".equals(longUnit.group(2)) ? TimeUnit.MINUTES.toNanos(count) : TimeUnit.HOURS.toNanos(count);
        }
        try
        {
            return SystemUtil.parseDuration(option, text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), option + ": not a duration (e.g. 500ns, 1us, 10s, 10m, " +
                "1h): " + value);
        }
    }
}
