package io.qecnode.node.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the help of a command line and every subcommand and says what reads badly: a picocli warning (an unescaped
 * '%' in a description is one), an unformatted {@code %n}, a command list entry that does not fit its line. The jars'
 * tests hold both command lines to it.
 */
public final class HelpCheck
{
    private HelpCheck()
    {
    }

    /**
     * @param root the command line, subcommands added.
     * @return the problems found, one line each; empty when the help reads whole.
     */
    public static List<String> problems(final CommandLine root)
    {
        final List<String> problems = new ArrayList<>();
        // picocli reports a description it cannot format on System.err, not on the command line's writer.
        final PrintStream standardErr = System.err;
        final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        final StringBuilder usage = new StringBuilder();
        final String rootUsage;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try
        {
            rootUsage = root.getUsageMessage();
            usage.append(rootUsage);
            for (final CommandLine sub : root.getSubcommands().values())
            {
                usage.append(sub.getUsageMessage());
            }
        }
        finally
        {
            System.setErr(standardErr);
        }
        for (final String line : warnings.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (line.contains("[picocli WARN]"))
            {
                problems.add(line);
            }
        }
        if (usage.indexOf("%n") >= 0)
        {
            problems.add("unformatted %n in the help");
        }
        final String[] list = rootUsage.substring(rootUsage.indexOf("Commands:") + 1).strip().split("\n");
        for (int i = 1; i < list.length; i++)
        {
            // An entry's continuation line is indented past the command names.
            if (list[i].startsWith("      "))
            {
                problems.add("command list entry wraps: " + list[i - 1].strip() + " / " + list[i].strip());
            }
        }
        return problems;
    }
}
