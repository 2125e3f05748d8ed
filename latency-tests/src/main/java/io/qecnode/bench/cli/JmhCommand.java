package io.qecnode.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code jmh}: the JMH command line, for any benchmark in the jar ({@code jmh -l} lists them).
 */
@Command(
    name = "jmh",
    header = "Run JMH itself with the given arguments.",
    description = {
        "Run JMH itself with the given arguments, e.g. 'jmh DecoderBenchmark -prof gc' or 'jmh -h'.",
        "Every argument after 'jmh' goes to JMH unchanged."})
public final class JmhCommand implements Callable<Integer>
{
    @Parameters(arity = "0..*", paramLabel = "JMH-ARGS", description = "Arguments for JMH.")
    private String[] arguments = new String[0];

    @Override
    public Integer call() throws Exception
    {
        org.openjdk.jmh.Main.main(arguments);
        return 0;
    }

    /**
     * Pass everything after {@code jmh} straight to JMH, so its own options are not parsed as ours.
     *
     * @param args the whole command line.
     * @return true if the command line was a jmh call and has been run.
     * @throws Exception if JMH fails.
     */
    static boolean runIfJmh(final String[] args) throws Exception
    {
        if (args.length == 0 || !"jmh".equals(args[0]))
        {
            return false;
        }
        final String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        org.openjdk.jmh.Main.main(rest);
        return true;
    }
}
