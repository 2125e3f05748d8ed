package io.qecnode.node.harness;

import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.OptionDefaults;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.TimeUnit;

/**
 * The measured stretch of a pipeline run, as every command that judges one takes it: {@code --duration} after a
 * {@code --warmup}, one range and one parsing for all of them. Each command words the help in its own resource bundle
 * (keys {@code duration} and {@code warmup}): what the warm-up is left out of differs by command, the values do not.
 */
public final class RunStretchOptions
{
    /** Longest warm-up: a day. */
    public static final long WARMUP_NS_MAX = TimeUnit.DAYS.toNanos(1);

    /** Shortest measured stretch: a summary needs an end, and something to summarise. */
    public static final long DURATION_NS_MIN = 1_000_000L;

    /** Longest measured stretch: a year. */
    public static final long DURATION_NS_MAX = TimeUnit.DAYS.toNanos(365);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--duration", defaultValue = OptionDefaults.DURATION, paramLabel = "DURATION",
        descriptionKey = "duration",
        description = "Measured stretch after the warm-up, with its unit (10s, 5m); not 0. Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--warmup", defaultValue = OptionDefaults.WARMUP, paramLabel = "DURATION",
        descriptionKey = "warmup",
        description = "Left out of the percentiles and the verdict, at most 24h. Default: ${DEFAULT-VALUE}.")
    private String warmup;

    /**
     * @return the warm-up in nanoseconds, 0..24h.
     * @throws picocli.CommandLine.ParameterException naming {@code --warmup} when not a duration or out of range.
     */
    public long warmupNs()
    {
        return Durations.nanos(spec, "--warmup", warmup, 0, WARMUP_NS_MAX);
    }

    /**
     * @return the measured stretch in nanoseconds, 1ms..365 days.
     * @throws picocli.CommandLine.ParameterException naming {@code --duration} when not a duration or out of range.
     */
    public long durationNs()
    {
        return Durations.nanos(spec, "--duration", duration, DURATION_NS_MIN, DURATION_NS_MAX);
    }

    /** @return {@code --warmup} as given, for a run's header line. */
    public String warmup()
    {
        return warmup;
    }

    /** @return {@code --duration} as given, for a run's header line. */
    public String duration()
    {
        return duration;
    }
}
