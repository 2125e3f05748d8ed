package io.qecnode.node.harness;

import io.qecnode.node.cli.OptionDefaults;
import io.qecnode.node.cli.Ranges;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The baseline beside a pipeline's latency figures, as {@code simulate} and {@code latency} take it: a raw two-hop
 * probe interleaved with the rounds for the whole run ({@link HopProbe#interleaved}), one frame every
 * {@code --probe-every} rounds.
 */
public final class ProbeOptions
{
    /** Most rounds between probe frames. */
    public static final long PROBE_EVERY_MAX = 1_000_000_000L;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--probe-every", defaultValue = OptionDefaults.PROBE_EVERY, paramLabel = "K",
        description = "Baseline: a raw two-hop probe frame of a round's size every K rounds, sent, relayed once and " +
            "timed on the pipeline's own thread and transport for the whole run, after the same warm-up; 0 for " +
            "none, at most 10^9. Default: ${DEFAULT-VALUE}.")
    private long probeEvery;

    /**
     * @param config the pipeline.
     * @return the pipeline with the probe asked for.
     * @throws picocli.CommandLine.ParameterException naming {@code --probe-every} when out of range.
     */
    public PipelineConfig apply(final PipelineConfig config)
    {
        return config.withProbeEvery(Ranges.check(spec, "--probe-every", probeEvery, 0, PROBE_EVERY_MAX));
    }
}
