package io.qecnode.node.cli;

import io.qecnode.node.harness.SimCommand;
import io.qecnode.node.harness.SimulateCommand;
import io.qecnode.node.harness.chain.VerifyCommand;
import io.qecnode.node.harness.launch.ChainCommand;
import io.qecnode.io.journal.ChronicleDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code qec-node.jar}.
 */
@Command(
    name = "qec-node",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {SimulateCommand.class, RunCommand.class, SimCommand.class, VerifyCommand.class, ChainCommand.class,
        ReplayCommand.class, StatCommand.class,
        DecodeCommand.class, PredictCommand.class, CountMistakesCommand.class,
        DoctorCommand.class, KeygenCommand.class},
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
        System.exit(CliErrors.execute(commandLine(), args));
    }

    /**
     * @return the configured command line, for tests and for other entry points.
     */
    public static CommandLine commandLine()
    {
        return CliErrors.install(new CommandLine(new QecNodeMain()));
    }
}
