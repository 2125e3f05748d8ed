package io.qecnode.node.cli;

import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.IdleStrategies;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the bus runs: an embedded media driver by default, or an external one.
 */
public final class BusOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory of an external media driver, which must be running. Default: launch an " +
            "embedded driver in a fresh directory under /dev/shm, removed on exit.")
    private String aeronDir;

    @Option(names = "--idle", defaultValue = "yield", paramLabel = "STRATEGY",
        description = "Idle strategy of the working thread: busy-spin (a dedicated core), yield (shared cores), " +
            "backoff, sleep. Default: ${DEFAULT-VALUE}.")
    private String idle;

    /** @return the bus context. */
    public BusContext context()
    {
        return new BusContext().aeronDirectoryName(aeronDir);
    }

    /**
     * @return a new idle strategy as named.
     * @throws ParameterException naming the accepted values.
     */
    public IdleStrategy idleStrategy()
    {
        try
        {
            return IdleStrategies.of(idle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--idle: " + ex.getMessage());
        }
    }
}
