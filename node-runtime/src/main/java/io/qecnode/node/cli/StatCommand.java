package io.qecnode.node.cli;

import io.qecnode.node.telemetry.CounterSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code stat}: a running node's counters, live, from outside its process.
 */
@Command(
    name = "stat",
    header = "Print a running node's counters from its media driver.",
    mixinStandardHelpOptions = true,
    description = {
        "Print the qec counters of a media driver (frames accepted and rejected by kind, rounds decoded, blocks out, " +
            "back pressure, frames not sent, max reaction time...), read from its counters file, every interval.",
        "Exit code 1 if the directory holds no counters file."})
public final class StatCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--aeron-dir", required = true, paramLabel = "DIR",
        description = "Aeron directory of the node's media driver, as 'run' prints it.")
    private File directory;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
        description = "Time between reports. Default: ${DEFAULT-VALUE}.")
    private String interval;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N",
        description = "Reports to print, then exit; 0 for until stopped. Default: ${DEFAULT-VALUE}.")
    private int count;

    @Override
    public Integer call() throws InterruptedException
    {
        final long intervalNs = Durations.nanos(spec, "--interval", interval);
        final PrintWriter out = spec.commandLine().getOut();
        for (int report = 0; count == 0 || report < count; report++)
        {
            if (report > 0)
            {
                TimeUnit.NANOSECONDS.sleep(intervalNs);
            }
            final List<CounterSnapshot.Entry> entries;
            try
            {
                entries = CounterSnapshot.read(directory);
            }
            catch (final IllegalStateException ex)
            {
                spec.commandLine().getErr().println("stat: " + ex.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            out.printf(Locale.ROOT, "--- %s, %d counters%n", directory, entries.size());
            for (final CounterSnapshot.Entry entry : entries)
            {
                out.printf(Locale.ROOT, "%4d %5d %15d  %s%n", entry.id(), entry.typeId(), entry.value(), entry.label());
            }
            out.flush();
        }
        return 0;
    }
}
