package io.qecnode.node.harness;

import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.OptionDefaults;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The link the simulated hardware sends its rounds on, as the commands that drive it without a pipeline take it
 * ({@code sim}, {@code bus-latency}): {@code --channel}, a plain Aeron URI, and {@code --period}, 0..1s. Each command
 * words the help in its own resource bundle (keys {@code channel} and {@code period}). The pipeline's
 * {@code --channel} is not this one: it also takes the shorthands {@code ipc} and {@code udp}.
 */
public final class RoundLinkOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--channel", defaultValue = OptionDefaults.CHANNEL, paramLabel = "CHANNEL",
        descriptionKey = "channel", description = "Aeron channel of the rounds. Default: ${DEFAULT-VALUE}.")
    private String channel;

    @Option(names = "--period", defaultValue = OptionDefaults.PERIOD, paramLabel = "DURATION",
        descriptionKey = "period",
        description = "Round period, with its unit (1us, 500ns, 1ms), at most 1s; 0 for as fast as possible. " +
            "Default: ${DEFAULT-VALUE}.")
    private String period;

    /** @return the Aeron channel URI, as given. */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the round period in nanoseconds, 0..1s.
     * @throws picocli.CommandLine.ParameterException naming {@code --period} when not a duration or out of range.
     */
    public long periodNs()
    {
        return Durations.nanos(spec, "--period", period, 0, SimulatorContext.PERIOD_NS_MAX);
    }

    /** @return {@code --period} as given, for a run's header line. */
    public String period()
    {
        return period;
    }
}
