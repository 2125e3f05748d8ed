package io.qecnode.bench.cli;

import io.qecnode.io.journal.ChronicleDefaults;
import io.qecnode.node.cli.CliErrors;
import io.qecnode.node.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        System.exit(CliErrors.execute(commandLine(), args));
    }

    /**
     * @return the configured command line, for tests.
     */
    public static CommandLine commandLine()
    {
        return CliErrors.install(new CommandLine(new QecBenchMain()));
    }
}
