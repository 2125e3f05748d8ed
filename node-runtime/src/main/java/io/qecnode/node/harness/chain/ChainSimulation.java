package io.qecnode.node.harness.chain;

import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.transport.LossCounters;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.node.measure.LineBuffer;
import io.qecnode.node.measure.ProcessAllocation;
import io.qecnode.node.measure.RunVerdict;
import io.qecnode.node.measure.ScheduleCatchUp;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of a chain in one process, as {@code simulate} makes it: a warm-up, a measured stretch with a progress line
 * every interval, then a stop at an epoch boundary and a drain, judged on what it measured.
 * <p>
 * The run fails (its verdict) when the hardware did not hold its round schedule over the measured stretch, when the
 * chain did not drain (some epoch the hardware ran was never judged), when a frame could not be sent, or when any
 * whole epoch's verdict disagrees with the residual rule (the frame algebra is wrong somewhere), or when the driver
 * gave up on lost UDP data (a loss gap fill: NAK/retransmit must repair every frame). Fidelity is measured,
 * not judged: a chain of noisy links is allowed to be poor.
 */
public final class ChainSimulation
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final ChainPipeline pipeline;
    private final RunVerdict verdict = new RunVerdict();
    private Histogram hop;
    private Histogram epochEnd;
    private Histogram rawUdp;
    private long epochs;
    private long measuredNs;
    private boolean drained;
    private String summary;
    private LossCounters loss;
    private ProcessAllocation.Stretch allocation;
    // A progress line a second for as long as the run lasts: built and printed without garbage.
    private final LineBuffer line = new LineBuffer(ChainVerifierAgent.PROGRESS_LINE_LENGTH + 32);

    private ChainSimulation(final ChainPipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    /**
     * Run a started chain, then close it.
     *
     * @param pipeline   the chain, started.
     * @param warmupNs   run before measuring: latencies and the schedule start afresh after it.
     * @param durationNs the measured stretch.
     * @param intervalNs between progress lines.
     * @param stop       true when the run should end early (a signal), judged on what it measured.
     * @param progress   receives each progress line.
     * @return the finished run.
     * @throws InterruptedException if interrupted.
     */
    public static ChainSimulation run(
        final ChainPipeline pipeline,
        final long warmupNs,
        final long durationNs,
        final long intervalNs,
        final BooleanSupplier stop,
        final PrintWriter progress) throws InterruptedException
    {
        final ChainSimulation run = new ChainSimulation(pipeline);
        try
        {
            run.measure(warmupNs, durationNs, intervalNs, stop, progress);
            pipeline.stop();
            run.judge();
            // The nodes' counters live in the driver's memory: read them before it closes.
            run.summary = run.report();
        }
        finally
        {
            pipeline.close();
        }
        return run;
    }

    private void measure(
        final long warmupNs,
        final long durationNs,
        final long intervalNs,
        final BooleanSupplier stop,
        final PrintWriter progress) throws InterruptedException
    {
        stretch(warmupNs, intervalNs, stop, progress, " (warm-up)");
        pipeline.simulator().restartSchedule();
        pipeline.hopNs().getIntervalHistogram();
        pipeline.epochEndNs().getIntervalHistogram();
        pipeline.probe().latencyNs().getIntervalHistogram();
        final long startEpochs = pipeline.simulator().epochsCompleted();
        final ProcessAllocation allocationMark = ProcessAllocation.mark();
        final long startNs = System.nanoTime();
        stretch(durationNs, intervalNs, stop, progress, "");
        ScheduleCatchUp.await(pipeline.simulator()::scheduleLagNs,
            Math.max(1, pipeline.config().periodNs() * slotsPerEpoch()), RunVerdict.CATCH_UP_GRACE_NS);
        measuredNs = System.nanoTime() - startNs;
        allocation = allocationMark == null ? null : allocationMark.since();
        epochs = pipeline.simulator().epochsCompleted() - startEpochs;
        drained = pipeline.stopAndDrain(DRAIN_TIMEOUT_NS);
        hop = pipeline.hopNs().getIntervalHistogram();
        epochEnd = pipeline.epochEndNs().getIntervalHistogram();
        rawUdp = pipeline.probe().latencyNs().getIntervalHistogram();
    }

    private void stretch(
        final long lengthNs,
        final long intervalNs,
        final BooleanSupplier stop,
        final PrintWriter progress,
        final String suffix) throws InterruptedException
    {
        final long endNs = System.nanoTime() + lengthNs;
        long nextNs = System.nanoTime() + intervalNs;
        while (System.nanoTime() - endNs < 0 && !stop.getAsBoolean())
        {
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(10, (endNs - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() - nextNs >= 0)
            {
                nextNs += intervalNs;
                pipeline.verifier().appendProgressLine(line.clear().append("simulate: ")).append(suffix);
                line.printTo(progress);
            }
        }
    }

    private void judge()
    {
        final ChainPipelineConfig config = pipeline.config();
        final long slots = pipeline.simulator().epochsCompleted() == 0 ? 0 : slotsPerEpoch();
        final long epochNs = Math.max(1, config.periodNs() * slots);
        verdict.schedule(config.periodNs(), epochs * slots, measuredNs, 0,
            pipeline.simulator().scheduleLagNs(System.nanoTime()) / epochNs, epochNs);
        verdict.require(drained, "the chain did not drain: some epoch the hardware ran was not judged in time");
        verdict.require(pipeline.notSent() == 0, pipeline.notSent() + " frame(s) could not be sent");
        final long mismatches = pipeline.verifier().algebraMismatches();
        verdict.require(mismatches == 0, mismatches + " epoch(s) judged against the residual rule: the frame " +
            "algebra is wrong somewhere");
        verdict.require(pipeline.verifier().epochsJudged() > 0, "no epoch was judged");
        loss = pipeline.lossCounters();
        verdict.require(loss.lossGapFills() == 0, loss.lossGapFills() + " UDP loss gap(s) filled: data lost for good");
    }

    private long slotsPerEpoch()
    {
        long slots = 0;
        for (final var code : pipeline.config().linkCodes())
        {
            slots = Math.max(slots, code.rounds().roundCount());
        }
        return slots;
    }

    /** @return the verdict. */
    public RunVerdict verdict()
    {
        return verdict;
    }

    /** @return what the whole process allocated over the measured stretch; null where the JVM does not count it. */
    public ProcessAllocation.Stretch allocation()
    {
        return allocation;
    }

    /** @return the pipeline, closed. */
    public ChainPipeline pipeline()
    {
        return pipeline;
    }

    /** @return repeater 1's hop cost over the measured stretch. */
    public LatencyStats hop()
    {
        return LatencyStats.of(hop);
    }

    /** @return the raw UDP hop probe's latencies over the measured stretch. */
    public LatencyStats rawUdp()
    {
        return LatencyStats.of(rawUdp);
    }

    /** @return epoch end at A to B's frame complete, over the measured stretch. */
    public LatencyStats epochEnd()
    {
        return LatencyStats.of(epochEnd);
    }

    /**
     * @return the report: fidelity beside its prediction, each patch, how the verifier's pieces closed, each node's
     * counts, the schedule, the latency table, and the verdict as the last line.
     */
    public String summary()
    {
        return summary;
    }

    private String report()
    {
        final ChainPipelineConfig config = pipeline.config();
        final ChainVerifierAgent verifier = pipeline.verifier();
        final StringBuilder text = new StringBuilder();
        for (final String line : verifier.summaryLines())
        {
            text.append(line).append('\n');
        }
        text.append(String.format(Locale.ROOT, "frame algebra       %d whole epochs judged against the residual " +
            "rule, %d disagree%n", verifier.fidelityCounter().residualEpochs(), verifier.algebraMismatches()));
        for (int node = 0; node < config.nodeCount(); node++)
        {
            text.append(nodeLine(node)).append('\n');
        }
        text.append(udpLine()).append('\n');
        text.append(linksLine()).append('\n');
        text.append(String.format(Locale.ROOT, "epochs              %d measured in %.1f s (%.0f epochs/s), %d in " +
            "all%n", epochs, measuredNs / 1e9, measuredNs > 0 ? epochs * 1e9 / measuredNs : 0,
            pipeline.simulator().epochsCompleted()));
        text.append("schedule            ").append(verdict.scheduleLine()).append('\n');
        text.append(LatencyStats.header()).append('\n');
        text.append(hop().row("repeater hop")).append('\n');
        text.append(rawUdp().row("raw udp hop")).append('\n');
        text.append(hop().differenceRow(rawUdp())).append('\n');
        text.append(epochEnd().row("epoch end to B")).append('\n');
        text.append("repeater hop: repeater 1, left state in -> corrected state sent (when the left state was the " +
            "last piece of its epoch); raw udp hop: a probe of a state's size on the same driver through the whole " +
            "run, sent -> received; epoch end to B: A's last round of the epoch (its slot in the hardware schedule, " +
            "so a schedule not held adds its lag) -> B's frame complete (whole epochs)\n");
        if (allocation != null)
        {
            text.append(allocation.lines("simulate"));
        }
        text.append(verdict.line("simulate"));
        return text.toString();
    }

    // Loss injected on UDP beside what the driver did about it; without injection NAKs still show a lossy host.
    private String udpLine()
    {
        final ChainPipelineConfig.UdpLoss injected = pipeline.config().udpLoss();
        final String dropped = injected.any() ? String.format(Locale.ROOT, "%d data frames dropped on purpose " +
            "(receive %s, send %s, seed %d; the raw udp hop's too); ", pipeline.framesDroppedByLoss(),
            rate(injected.receiveRate()), rate(injected.sendRate()), injected.seed()) : "no loss injected; ";
        return "udp                 " + dropped + loss;
    }

    private String linksLine()
    {
        final StateMacAlgorithm mac = pipeline.config().stateMac();
        return "links               " + (mac == null ? "unauthenticated (--state-mac none)" : "every state sealed " +
            "with " + mac.name().toLowerCase(Locale.ROOT).replace('_', '-') + " under a session key per link, " +
            "dealt in process (one process, one trust domain)");
    }

    private static String rate(final double rate)
    {
        return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
    }

    private String nodeLine(final int node)
    {
        final String name = node == 0 ? "A" : node == pipeline.config().nodeCount() - 1 ? "B" : "repeater " + node;
        return String.format(Locale.ROOT, "node %-14s %s", name, pipeline.node(node).counters().summary());
    }
}
