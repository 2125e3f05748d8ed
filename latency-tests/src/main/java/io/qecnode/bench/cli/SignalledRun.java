package io.qecnode.bench.cli;

import io.qecnode.io.transport.BusException;
import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.cli.StopSignal;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * Runs a pipeline command so that every way it ends removes its embedded driver's directory: SIGTERM or Ctrl-C
 * interrupts it and the JVM waits until the pipeline has closed; a bus that cannot start is one line.
 */
final class SignalledRun
{
    private SignalledRun()
    {
    }

    static int call(final CommandSpec spec, final String name, final Callable<Integer> command) throws Exception
    {
        final StopSignal signal = StopSignal.installInterrupting("qec-" + name);
        try
        {
            return command.call();
        }
        catch (final InterruptedException ex)
        {
            spec.commandLine().getErr().println(name + ": stopped by a signal before the end: no verdict");
            spec.commandLine().getErr().flush();
            return 1;
        }
        catch (final BusException ex)
        {
            throw BusLaunch.failure(ex, "dir");
        }
        finally
        {
            signal.close();
        }
    }
}
