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

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = OptionDefaults.AERON_DIR_DESCRIPTION)
    private String aeronDir;

    @Option(names = "--idle", defaultValue = OptionDefaults.IDLE, paramLabel = "STRATEGY",
        description = "Idle strategy of the working thread: " + IdleStrategies.NAMES + "; yield shares a core. " +
            "Default: ${DEFAULT-VALUE}.")
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
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --idle=" + idle);
        }
    }
}
