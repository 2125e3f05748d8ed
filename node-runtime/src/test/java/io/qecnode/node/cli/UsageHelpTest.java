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
        for (final CommandLine sub : QecNodeMain.commandLine().getSubcommands().values())
        {
            assertTrue(sub.getCommandSpec().optionsMap().containsKey(CliErrors.DEBUG), sub.getCommandName());
        }
    }
}
