package io.qecnode.node.cli;

import org.agrona.SystemUtil;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Durations on the command line: {@code 1us}, {@code 500ns}, {@code 10s}, or {@code 0}.
 */
public final class Durations
{
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
        try
        {
            return SystemUtil.parseDuration(option, text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), option + ": not a duration (e.g. 1us, 500ns, 10s): " +
                value);
        }
    }
}
