package io.qecnode.bench.cli;

import io.qecnode.node.cli.QecNodeMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long option means one thing in every command of both programs, {@code qec-node} and {@code qec-bench}: one kind of
 * value and one default, as the help shows them. A user who learnt {@code --warmup} in one command must not be
 * surprised by it in another. The kind is the value's label ({@code DURATION}, {@code CHANNEL}, {@code N}): the Java
 * field may differ where a command reads the text later ({@code run} lays its flags over {@code --config}), which the
 * user cannot see. The default is the declared one, else the one the description states; an option that must be
 * given has none.
 * <p>
 * One exception, itself checked: {@code predict} and {@code count_mistakes} are drop-ins for pymatching's commands of
 * those names, and pymatching gives their formats different defaults (b8 detection events for predict, 01 for
 * count_mistakes), so the drop-ins carry pymatching's defaults, whatever {@code decode} says.
 */
class OneMeaningPerFlagTest
{
    // A single value is a list of one: D and D[,D...] are the same kind of value.
    private static final Pattern LIST = Pattern.compile("\\[,.*\\.\\.\\.]$");
    private static final Pattern STATED_DEFAULT = Pattern.compile("Default: (.+?)\\.?$");
    // PyMatching 2.4's namespaced_main.cc: main_count_mistakes reads both inputs as 01 unless told otherwise.
    private static final Map<String, String> PYMATCHING_DEFAULTS = Map.of(
        "qec-node count_mistakes --in_format", "01",
        "qec-node count_mistakes --obs_in_format", "01");

    @Test
    void shouldGiveEveryLongOptionOneTypeAndOneDefaultInEveryCommand()
    {
        final Map<String, Map<String, Set<String>>> types = new TreeMap<>();
        final Map<String, Map<String, Set<String>>> defaults = new TreeMap<>();
        walk(QecNodeMain.commandLine().getCommandSpec(), types, defaults);
        walk(QecBenchMain.commandLine().getCommandSpec(), types, defaults);

        final List<String> offenders = new ArrayList<>();
        offenders.addAll(offenders("type", types));
        offenders.addAll(offenders("default", defaults));
        assertEquals(List.of(), offenders, "options with more than one meaning:\n" + String.join("\n", offenders));
    }

    @Test
    void shouldSeeTheCommandsThatShareTheChannelOption()
    {
        // Guards the walk itself: a walk that found nothing would pass the test above.
        final Map<String, Map<String, Set<String>>> types = new TreeMap<>();
        walk(QecNodeMain.commandLine().getCommandSpec(), types, new TreeMap<>());
        walk(QecBenchMain.commandLine().getCommandSpec(), types, new TreeMap<>());
        final Set<String> commands = new TreeSet<>();
        types.get("--channel").values().forEach(commands::addAll);
        assertTrue(commands.containsAll(List.of("qec-node simulate", "qec-node sim",
            "qec-bench latency", "qec-bench soak", "qec-bench bus-latency")), commands.toString());
    }

    private static void walk(
        final CommandSpec command,
        final Map<String, Map<String, Set<String>>> types,
        final Map<String, Map<String, Set<String>>> defaults)
    {
        for (final OptionSpec option : command.options())
        {
            if (!option.longestName().startsWith("--") || option.usageHelp() || option.versionHelp())
            {
                continue;
            }
            final String type = option.arity().max() == 0 ? "switch" : LIST.matcher(option.paramLabel()).replaceAll("");
            // A required option has no default, but its kind of value must still agree with the other commands'.
            final String defaultValue = defaultValue(option);
            for (final String name : option.names())
            {
                if (name.startsWith("--"))
                {
                    add(types, name, type, command.qualifiedName());
                    // Either spelling, underscored or dashed.
                    final String pymatchingDefault = PYMATCHING_DEFAULTS.get(command.qualifiedName() + " --" +
                        name.substring(2).replace('-', '_'));
                    if (pymatchingDefault != null)
                    {
                        assertEquals(pymatchingDefault, defaultValue, command.qualifiedName() + " " + name);
                    }
                    else if (defaultValue != null)
                    {
                        add(defaults, name, defaultValue, command.qualifiedName());
                    }
                }
            }
        }
        for (final CommandLine sub : command.subcommands().values())
        {
            walk(sub.getCommandSpec(), types, defaults);
        }
    }

    // What the help shows as the default: the declared one, else the one the description states; null for an
    // option that must be given, which has none.
    private static String defaultValue(final OptionSpec option)
    {
        if (option.required())
        {
            return null;
        }
        if (option.defaultValue() != null)
        {
            return option.defaultValue();
        }
        final Matcher stated = STATED_DEFAULT.matcher(String.join(" ", option.description()));
        return stated.find() ? stated.group(1) : "(none)";
    }

    private static void add(
        final Map<String, Map<String, Set<String>>> map, final String name, final String value, final String command)
    {
        map.computeIfAbsent(name, key -> new TreeMap<>()).computeIfAbsent(value, key -> new TreeSet<>()).add(command);
    }

    private static List<String> offenders(final String what, final Map<String, Map<String, Set<String>>> map)
    {
        final List<String> offenders = new ArrayList<>();
        map.forEach((name, values) ->
        {
            if (values.size() > 1)
            {
                offenders.add(name + " has " + values.size() + " " + what + "s: " + values);
            }
        });
        return offenders;
    }
}
