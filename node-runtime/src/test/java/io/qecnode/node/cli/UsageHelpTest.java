package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help of every {@code qec-node} command renders cleanly, and every command takes {@code --debug}.
 */
class UsageHelpTest
{
    @Test
    void shouldRenderEveryCommandsHelpWithoutAWarningAndListEachCommandOnOneLine()
    {
        assertEquals(List.of(), HelpCheck.problems(QecNodeMain.commandLine()));
    }

    @Test
    void shouldFindAnUnescapedPercentAndAWrappingEntry()
    {
        final CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name("x"));
        root.addSubcommand("bad", new CommandLine(CommandLine.Model.CommandSpec.create()
            .usageMessage(new CommandLine.Model.UsageMessageSpec().description("a 95% interval " + "and more words, "
                .repeat(10)))));
        final List<String> problems = HelpCheck.problems(root);
        assertTrue(problems.stream().anyMatch(p -> p.contains("[picocli WARN]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("command list entry wraps")), problems.toString());
    }

    @Test
    void shouldAcceptDebugOnEveryCommand()
    {
        final java.util.Collection<CommandLine> subcommands = QecNodeMain.commandLine().getSubcommands().values();
        // Guards the loop: with no commands found it would check nothing.
        assertTrue(subcommands.stream().map(CommandLine::getCommandName).collect(java.util.stream.Collectors.toSet())
            .containsAll(List.of("run", "replay", "simulate", "sim", "stat", "decode")), subcommands.toString());
        for (final CommandLine sub : subcommands)
        {
            assertTrue(sub.getCommandSpec().optionsMap().containsKey(CliErrors.DEBUG), sub.getCommandName());
        }
    }
}
