package io.qecnode.node.cli;

import io.qecnode.io.transport.DriverLiveness;
import io.qecnode.node.telemetry.CounterSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
            "back pressure, frames not sent, max reaction time, backlog rounds and its max, blocks shed...), read " +
            "from its counters file, every interval, " +
            "with the driver's pid and how long ago it last stamped its heartbeat.",
        "Exit code 1 if the directory holds no counters file or no live driver (a heartbeat older than the Aeron " +
            "client timeout): a killed node's counters are its last values, printed only with --last."})
public final class StatCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--aeron-dir", required = true, paramLabel = "DIR",
        description = "Aeron directory of the node's media driver, as 'run' prints it.")
    private File directory;

    @Option(names = "--interval", defaultValue = OptionDefaults.INTERVAL, paramLabel = "DURATION",
        description = "Time between reports. Default: ${DEFAULT-VALUE}.")
    private String interval;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N",
        description = "Reports to print, then exit; 0 for until stopped. Default: ${DEFAULT-VALUE}.")
    private int count;

    @Option(names = "--last",
        description = "When the driver is dead, print the counters it left, labelled so (exit code still 1).")
    private boolean last;

    @Override
    public Integer call() throws InterruptedException
    {
        if (count < 0)
        {
            throw new ParameterException(spec.commandLine(), "reports to print must be 0 (until stopped) or more, " +
                "--count=" + count);
        }
        final long intervalNs = Durations.nanos(spec, "--interval", interval);
        final PrintWriter out = spec.commandLine().getOut();
        for (int report = 0; count == 0 || report < count; report++)
        {
            if (report > 0)
            {
                TimeUnit.NANOSECONDS.sleep(intervalNs);
            }
            final DriverLiveness liveness = liveness();
            final boolean alive = liveness.state() == DriverLiveness.State.ALIVE;
            if (!alive && !(last && liveness.state() == DriverLiveness.State.DEAD))
            {
                throw new CommandFailure("no live media driver there (" + liveness.describe() + "; --last prints " +
                    "a dead driver's last counters), --aeron-dir=" + directory);
            }
            final List<CounterSnapshot.Entry> entries = CounterSnapshot.read(directory);
            // The driver stamps its heartbeat every second; one much older is a driver stalled or just killed.
            out.printf(Locale.ROOT, "--- %s, %s%s%s, %d counters%n", directory, alive ? "driver " : "NO LIVE DRIVER, ",
                liveness.describe(), alive && liveness.heartbeatAgeMs() > 2000 ? " (late: dead past " +
                DriverLiveness.TIMEOUT_MS + " ms)" : "", entries.size());
            for (final CounterSnapshot.Entry entry : entries)
            {
                out.printf(Locale.ROOT, "%4d %5d %15d  %s%n", entry.id(), entry.typeId(), entry.value(), entry.label());
            }
            out.flush();
            if (!alive)
            {
                out.println("--- the driver is dead: these are the values it left");
                out.flush();
                return 1;
            }
        }
        return 0;
    }

    private DriverLiveness liveness()
    {
        if (!directory.isDirectory())
        {
            throw new CommandFailure((directory.exists() ? "not a directory" : "no such directory") +
                ", --aeron-dir=" + directory);
        }
        final DriverLiveness liveness = DriverLiveness.of(directory);
        if (liveness.state() == DriverLiveness.State.NO_CNC_FILE)
        {
            throw new CommandFailure("no media driver counters file (no cnc.dat), --aeron-dir=" + directory);
        }
        return liveness;
    }
}
