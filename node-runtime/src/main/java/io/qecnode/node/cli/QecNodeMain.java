package io.qecnode.node.cli;

import io.qecnode.io.journal.ChronicleDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * Entry point of {@code qec-node.jar}.
 */
@Command(
    name = "qec-node",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {SimulateCommand.class, RunCommand.class, SimCommand.class, ReplayCommand.class, StatCommand.class,
        DecodeCommand.class,
        DoctorCommand.class},
    description = "Quantum error correction firmware for a repeater node controller.")
public final class QecNodeMain implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        ChronicleDefaults.apply();
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the configured command line, for tests and for other entry points.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new QecNodeMain()).setParameterExceptionHandler(QecNodeMain::onBadCommandLine);
    }

    // The problem and a pointer to the help, instead of picocli's default of the whole usage text, in which a
    // one-line message such as an unknown format name scrolls out of sight.
    private static int onBadCommandLine(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final String name = command.getCommandSpec().qualifiedName();
        final PrintWriter err = command.getErr();
        err.println(name + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
