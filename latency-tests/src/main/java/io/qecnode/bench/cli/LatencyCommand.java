package io.qecnode.bench.cli;

import io.qecnode.bench.latency.PercentilePlot;
import io.qecnode.node.harness.PipelineRun;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.harness.PipelineOptions;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.node.harness.ProbeOptions;
import io.qecnode.node.harness.RunStretchOptions;
import io.qecnode.node.measure.RunVerdict;
import io.qecnode.node.harness.PipelineConfig;
import io.qecnode.node.harness.SinkAgent;
import io.qecnode.decoder.code.CodeDescription;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code latency}: the latency harness: the whole pipeline at a fixed round rate, end-to-end and per-stage
 * percentiles beside a raw transport hop measured in the same run.
 */
@Command(
    name = "latency",
    header = "End-to-end and per-stage latency at a fixed round rate.",
    mixinStandardHelpOptions = true,
    resourceBundle = "io.qecnode.bench.cli.LatencyCommand",
    sortOptions = false,
    description = {
        "Drive hw-sim at a fixed round rate through the node(s) to a sink and record, after a warm-up, the " +
            "end-to-end latency (last round of a block emitted -> logical state received, corrected for " +
            "coordinated omission against the emission schedule) and per stage (ingress: round emitted -> node; " +
            "reaction: last round in -> state offered; per round: any other round in -> decoded; decode last " +
            "window: the block's final window, inside the reaction; decode per block: every window of the block, " +
            "summed). Beside them, the baseline: a raw two-hop path (a frame of a round's size sent, relayed once and " +
            "received on the pipeline's own thread and transport, every --probe-every rounds of the whole run, after " +
            "the same warm-up), and the node reaction over it at p50 and p99.",
        "Writes an HdrHistogram interval log (--hlog: end to end untagged, the reaction and the raw two-hop path " +
            "tagged 'reaction' and 'raw-two-hop'), percentile files (--hgrm FILE: end to end; FILE with " +
            ".reaction and .raw-two-hop before its extension: the others) and a PNG percentile plot (--png). " +
            "Fails (exit 1) if the hardware schedule was not held (achieved rate below 99%% of 1/--period, or the " +
            "backlog grew), frames or blocks were lost unaccounted, or more than 1%% of the blocks went to the " +
            "fallback decoder (above 0.1%% it warns)."})
public final class LatencyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private RunStretchOptions stretch;

    @Mixin
    private ProbeOptions probe;

    @Option(names = "--hlog", paramLabel = "FILE", description = "HdrHistogram interval log of end-to-end latency.")
    private Path hlog;

    @Option(names = "--hgrm", paramLabel = "FILE", description = "Percentile distribution of end-to-end latency.")
    private Path hgrm;

    @Option(names = "--png", paramLabel = "FILE", description = "Percentile plot: ours and the raw hop.")
    private Path png;

    @Option(names = "--json", description = "One JSON object instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        return SignalledRun.call(spec, "latency", this::measure);
    }

    private int measure() throws Exception
    {
        final CodeDescription code = pipeline.code();
        final long periodNs = pipeline.periodNs();
        final long warmupNs = stretch.warmupNs();
        final long durationNs = stretch.durationNs();
        final PipelineConfig config = probe.apply(pipeline.config(code, SinkAgent.StateListener.NONE));
        // Checked now, not after a run of minutes.
        checkWritable("--hlog", hlog);
        checkWritable("--hgrm", hgrm);
        checkWritable("--png", png);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        final PipelineRun run;
        try (PrintStream log = hlog == null ? null : new PrintStream(new FileOutputStream(hlog.toFile()), true,
            StandardCharsets.UTF_8))
        {
            run = PipelineRun.run(config, new PipelineRun.Stretch(warmupNs, durationNs, TimeUnit.SECONDS.toNanos(1)),
                log, false, () -> false, (interval, latency) ->
            {
                err.printf(Locale.ROOT, "latency: %d rounds, %d blocks, backlog %d, interval p99 %.1f us%s%n",
                    interval.rounds(), interval.blocksChecked(), interval.backlog(), interval.p99Ns() / 1000.0,
                    interval.warm() ? "" : " (warm-up)");
                err.flush();
            });
        }
        writeFiles(run);

        final LatencyStats ours = LatencyStats.of(run.endToEnd());
        final LatencyStats reaction = LatencyStats.of(run.reaction());
        final LatencyStats raw = LatencyStats.of(run.rawTwoHop());
        final RunVerdict verdict = verdict(run);
        if (json)
        {
            out.printf(Locale.ROOT, "{\"code\":\"%s\",\"period_ns\":%d,\"channel\":\"%s\",\"rounds\":%d,\"blocks\":%d," +
                "\"complete_blocks\":%d,\"logical_errors\":%d,\"logical_error_rate\":%.6e,\"incomplete\":%d," +
                "\"incomplete_errors\":%d,\"lost\":%d,\"rejected\":%d,\"fallback\":%d,\"passed\":%b,\"end_to_end\":%s," +
                "\"ingress\":%s,\"reaction\":%s,\"per_round\":%s,\"decode_last_window\":%s,\"decode_per_block\":%s," +
                "\"raw_two_hop\":%s,\"reaction_over_raw_two_hop_p50\":%s,\"reaction_over_raw_two_hop_p99\":%s}%n",
                code, periodNs,
                config.channel(), run.rounds(), run.blocks(), run.completeBlocks(), run.logicalErrors(),
                run.logicalErrorRate(), run.incomplete(), run.incompleteErrors(), run.lost(), run.rejected(),
                run.fallback(), verdict.passed(), ours.toJson("end to end"), LatencyStats.of(run.ingress()).toJson("ingress"),
                reaction.toJson("reaction"), LatencyStats.of(run.perRound()).toJson("per round"),
                LatencyStats.of(run.lastWindow()).toJson("decode last window"),
                LatencyStats.of(run.perBlock()).toJson("decode per block"), raw.toJson("raw two-hop"),
                jsonRatio(reaction.p50(), raw.p50()), jsonRatio(reaction.p99(), raw.p99()));
        }
        else
        {
            out.printf(Locale.ROOT, "latency: %s; %d rounds, %d blocks, %d logical errors over %d complete blocks " +
                "(rate %.3e)%n", pipeline.describe(config), run.rounds(), run.blocks(), run.logicalErrors(),
                run.completeBlocks(), run.logicalErrorRate());
            out.println("latency: " + run.incompleteLine());
            out.printf(Locale.ROOT, "latency: %s; %s; %s%n", verdict.scheduleLine(), verdict.fallbackLine(),
                run.rejectedByKind());
            out.println(LatencyStats.header());
            out.println(ours.row("end to end"));
            out.println(LatencyStats.of(run.ingress()).row("  ingress"));
            out.println(reaction.row("  node reaction"));
            out.println(LatencyStats.of(run.perRound()).row("  node per round"));
            out.println(LatencyStats.of(run.lastWindow()).row("  decode last window"));
            out.println(LatencyStats.of(run.perBlock()).row("  decode per block"));
            if (raw.count() > 0)
            {
                out.println(raw.row("raw two-hop (probe)"));
                out.printf(Locale.ROOT, "latency: raw two-hop path (interleaved, %d frames): p50 %d ns, p99 %d ns; " +
                    "node reaction / raw two-hop: %s%n", raw.count(), raw.p50(), raw.p99(), reaction.ratios(raw));
            }
            out.println("JVM: " + System.getProperty("java.vm.name") + " " +
                System.getProperty("java.runtime.version") + ", cores: " + Runtime.getRuntime().availableProcessors());
            if (run.journal() != null)
            {
                out.println(run.journal());
            }
        }
        out.flush();
        err.println(verdict.line("latency"));
        err.flush();
        return verdict.passed() ? 0 : 1;
    }

    /**
     * @param run a finished run.
     * @return the verdict {@code latency} gives it: the one rule of every pipeline command.
     */
    static RunVerdict verdict(final PipelineRun run)
    {
        return run.verdict();
    }

    private static void checkWritable(final String option, final Path file)
    {
        if (file == null)
        {
            return;
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent))
        {
            throw new CommandFailure("cannot write the file (" + (Files.isDirectory(file) ? "is a directory" :
                "no writable directory " + parent) + "), " + option + "=" + file);
        }
    }

    private void writeFiles(final PipelineRun run) throws IOException
    {
        if (hgrm != null)
        {
            writePercentiles(hgrm, run.endToEnd());
            writePercentiles(sibling(hgrm, PipelineRun.REACTION_TAG), run.reaction());
            if (run.rawTwoHop().getTotalCount() > 0)
            {
                writePercentiles(sibling(hgrm, PipelineRun.RAW_TWO_HOP_TAG), run.rawTwoHop());
            }
        }
        if (png != null)
        {
            final PercentilePlot plot = new PercentilePlot("qec-node end-to-end latency vs a raw two-hop path")
                .add("end to end", run.endToEnd())
                .add("node reaction", run.reaction());
            if (run.rawTwoHop().getTotalCount() > 0)
            {
                plot.add("raw two-hop (probe)", run.rawTwoHop());
            }
            plot.save(png);
        }
    }

    private static void writePercentiles(final Path file, final Histogram histogram) throws IOException
    {
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
    }

    /**
     * @param file the end-to-end percentile file.
     * @param tag  another histogram's tag.
     * @return the file beside it for that histogram: {@code e2e.hgrm} gives {@code e2e.raw-two-hop.hgrm}.
     */
    static Path sibling(final Path file, final String tag)
    {
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) + "." + tag + name.substring(dot) :
            name + "." + tag);
    }

    private static String jsonRatio(final long value, final long baseline)
    {
        return baseline <= 0 ? "null" : String.format(Locale.ROOT, "%.3f", (double)value / baseline);
    }
}
