package io.qecnode.bench.cli;

import io.qecnode.node.harness.PipelineRun;
import io.qecnode.bench.latency.SoakVerdict;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.OptionDefaults;
import io.qecnode.node.harness.PipelineOptions;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.harness.PipelineConfig;
import io.qecnode.node.harness.RunStretchOptions;
import io.qecnode.node.harness.SinkAgent;
import io.qecnode.decoder.code.CodeDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code soak}: the whole pipeline for a long stretch, a line per interval, and a verdict on what must not happen
 * after warm-up.
 */
@Command(
    name = "soak",
    header = "Run the whole pipeline for a long stretch and judge it.",
    mixinStandardHelpOptions = true,
    resourceBundle = "io.qecnode.bench.cli.SoakCommand",
    sortOptions = false,
    description = {
        "Run the full pipeline at the configured round rate for --duration after a --warmup, optionally with " +
            "--faults, printing a line per --interval: rounds, blocks, lost, rejected, logical error rate (over " +
            "complete blocks; those flagged incomplete are counted apart in the summary), the interval's " +
            "end-to-end p99 and max, garbage collections and bytes allocated by the hot thread.",
        "A light raw-hop probe runs beside the pipeline for the whole soak: a thread of its own sends frames of the " +
            "same size over the same bus, every 20 us within a 0.5 ms window every 10 ms (5%% of a core), and " +
            "records their latency from their slot. Its interval p99 and both running drifts are in every line.",
        "Exit 1 if the hardware schedule was not held (achieved rate below 99%% of 1/--period, or the backlog " +
            "grew), a frame or block was lost unaccounted, more than 1%% of the blocks went to the fallback, or, " +
            "after warm-up, the hot thread allocated, a garbage collection ran, or the interval p99 drifted up by " +
            "more than --drift (median over the last third of the intervals against the first third) AND by more " +
            "than --drift times the probe's drift: a slowdown of the whole host moves both and does not fail.",
        "Each line also counts the hot thread's involuntary context switches and page faults (Linux /proc): a " +
            "tail that moves with them is the platform taking the core away."})
public final class SoakCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private RunStretchOptions stretch;

    @Option(names = "--interval", defaultValue = OptionDefaults.INTERVAL, paramLabel = "DURATION",
        description = "Reporting interval, from 100ms up to --duration. Default: ${DEFAULT-VALUE}.")
    private String interval;

    @Option(names = "--drift", defaultValue = "3", paramLabel = "FACTOR",
        description = "Largest allowed rise of the interval p99, > 1, also beyond the probe's rise. " +
            "Default: ${DEFAULT-VALUE}.")
    private double drift;

    @Override
    public Integer call() throws Exception
    {
        return SignalledRun.call(spec, "soak", this::soak);
    }

    private int soak() throws Exception
    {
        final long warmupNs = stretch.warmupNs();
        final long durationNs = stretch.durationNs();
        final long intervalNs = Durations.nanos(spec, "--interval", interval, 100_000_000L,
            Math.max(100_000_000L, durationNs));
        Ranges.above(spec, "--drift", drift, 1.0);
        final CodeDescription code = pipeline.code();
        final PipelineConfig config = pipeline.config(code, SinkAgent.StateListener.NONE);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "soak: %s, warm-up %s, duration %s, interval %s%n", pipeline.describe(config),
            stretch.warmup(), stretch.duration(), interval);
        out.println(SoakVerdict.header());
        out.flush();

        final SoakVerdict verdict = new SoakVerdict(drift);
        final PipelineRun run = PipelineRun.run(config, new PipelineRun.Stretch(warmupNs, durationNs, intervalNs), null,
            true, () -> false, (line, latency) ->
        {
            verdict.add(line);
            out.println(verdict.row(line));
            out.flush();
        });
        verdict.finish(run);
        if (run.journal() != null)
        {
            out.println(run.journal());
        }
        out.println(verdict.summary());
        out.flush();
        final PrintWriter err = spec.commandLine().getErr();
        if (!verdict.warnings().isEmpty())
        {
            err.println("soak: warning: " + String.join("; ", verdict.warnings()));
        }
        if (!verdict.passed())
        {
            err.println("soak: FAILED: " + String.join("; ", verdict.failures()));
        }
        err.flush();
        return verdict.passed() ? 0 : 1;
    }
}
