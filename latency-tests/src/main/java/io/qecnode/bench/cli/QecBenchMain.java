package io.qecnode.bench.cli;

import io.qecnode.io.journal.ChronicleDefaults;
import io.qecnode.io.journal.JournalException;
import io.qecnode.node.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code qec-bench.jar}.
 */
@Command(
    name = "qec-bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {LatencyCommand.class, SoakCommand.class, ThresholdCommand.class, GoldenCommand.class,
        DecoderBenchCommand.class, BusLatencyCommand.class,
        JmhCommand.class},
    description = "Threshold runs and benchmarks of the qec-node decoder and pipeline.")
public final class QecBenchMain implements Runnable
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
     * @throws Exception if JMH fails.
     */
    public static void main(final String[] args) throws Exception
    {
        ChronicleDefaults.apply();
        if (JmhCommand.runIfJmh(args))
        {
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the configured command line, for tests.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new QecBenchMain()).setExecutionExceptionHandler(QecBenchMain::onJournalException);
    }

    // A journal that cannot be opened is bad input, told in one line, not a stack trace.
    private static int onJournalException(
        final Exception ex, final CommandLine command, final CommandLine.ParseResult parseResult) throws Exception
    {
        if (!(ex instanceof JournalException))
        {
            throw ex;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
