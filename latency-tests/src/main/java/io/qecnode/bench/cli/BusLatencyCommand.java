package io.qecnode.bench.cli;

import io.qecnode.bench.bus.BusLatency;
import io.qecnode.node.cli.BusOptions;
import io.qecnode.node.cli.CodeOptions;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.harness.RoundLinkOptions;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.decoder.code.CodeDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bus-latency}: one-way latency of SyndromeRound frames over the bus beside a raw Aeron hop, same run.
 */
@Command(
    name = "bus-latency",
    header = "One-way latency of rounds over the bus beside a raw hop.",
    mixinStandardHelpOptions = true,
    resourceBundle = "io.qecnode.bench.cli.BusLatencyCommand",
    sortOptions = false,
    description = {
        "Measure the one-way latency of syndrome rounds from the simulator to a validating receiver (sample, " +
            "encode, checksum, publish, poll, validate, decode in place) at the round period, and in the same run " +
            "a raw Aeron hop carrying frames of the same size with only a timestamp. Baseline and rounds alternate " +
            "in two passes each; percentiles come from HdrHistogram. Then the simulator's unpaced rate with a " +
            "receiver connected."})
public final class BusLatencyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private CodeOptions codeOptions;

    @Mixin
    private BusOptions busOptions;

    @Mixin
    private RoundLinkOptions link;

    @Option(names = "--frames", defaultValue = "1000000", paramLabel = "N",
        description = "Frames per pass (two passes each). Default: ${DEFAULT-VALUE}.")
    private long frames;

    @Option(names = "--warmup-frames", defaultValue = "100000", paramLabel = "N",
        description = "Frames per pass left out of the histogram. Default: ${DEFAULT-VALUE}.")
    private long warmup;

    @Option(names = "--same-thread",
        description = "Receive on the sending thread right after each send: the software path alone, without two " +
            "busy threads competing for the cores.")
    private boolean sameThread;

    @Option(names = "--json", description = "Print JSON objects instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        return SignalledRun.call(spec, "bus-latency", this::measure);
    }

    private int measure() throws Exception
    {
        final CodeDescription code = codeOptions.code();
        final String channel = link.channel();
        final long periodNs = link.periodNs();
        Ranges.check(spec, "--warmup-frames", warmup, 0, 100_000_000L);
        Ranges.check(spec, "--frames", frames, warmup + 1, 1_000_000_000L);
        final PrintWriter out = spec.commandLine().getOut();
        final BusLatency.Result result = new BusLatency(code,
            busOptions.context().plan(channel, BusLatency.PUBLICATIONS), channel, periodNs, frames, warmup,
            busOptions.idleStrategy(), sameThread).run();
        if (json)
        {
            out.println(result.rounds().toJson("syndrome rounds"));
            out.println(result.baseline().toJson("raw aeron hop"));
            out.printf(Locale.ROOT, "{\"name\":\"unpaced simulator\",\"rounds_per_second\":%.0f}%n",
                result.unpacedRoundsPerSecond());
        }
        else
        {
            out.printf(Locale.ROOT, "one-way latency, %s, channel=%s, period=%s, %d frames x 2 passes each, %s%n",
                code, channel, link.period(), frames, sameThread ? "receiving on the sending thread" : "receiver thread");
            out.println(LatencyStats.header());
            out.println(result.rounds().row("syndrome rounds"));
            out.println(result.baseline().row("raw aeron hop"));
            out.println(result.rounds().differenceRow(result.baseline()));
            out.printf(Locale.ROOT, "unpaced simulator with a receiver: %.0f rounds/s%n",
                result.unpacedRoundsPerSecond());
            out.println("JVM: " + System.getProperty("java.vm.name") + " " +
                System.getProperty("java.runtime.version") + ", cores: " + Runtime.getRuntime().availableProcessors());
        }
        out.flush();
        return 0;
    }
}
