package io.qecnode.bench.bus;

import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.measure.LatencyStats;
import io.qecnode.node.measure.OneWayRun;
import io.qecnode.node.harness.RawHop;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.node.harness.SimulatorContext;
import io.qecnode.sim.run.SimulatorAgent;
import io.qecnode.sim.run.TruthListener;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.util.function.IntSupplier;

/**
 * Runs the bus latency measurement: syndrome rounds end to end across the bus, and a raw Aeron hop of the same frame
 * size as the baseline, alternating, then the simulator unpaced with a receiver connected.
 */
public final class BusLatency
{
    /** Publications the run makes, one per measured pass; closed ones linger in the driver for a while. */
    public static final int PUBLICATIONS = 5;

    private static final int ROUNDS_STREAM = 3001;
    private static final int BASELINE_STREAM = 3002;

    private final CodeDescription code;
    private final BusContext context;
    private final String channel;
    private final long periodNs;
    private final long frames;
    private final long warmup;
    private final IdleStrategy receiverIdle;
    private final boolean sameThread;
    private final SystemNanoClock clock = new SystemNanoClock();

    /**
     * The figures of a run.
     *
     * @param rounds                 latency of syndrome rounds.
     * @param baseline               latency of the raw hop.
     * @param unpacedRoundsPerSecond the simulator's rate with nothing holding it back but the receiver.
     */
    public record Result(LatencyStats rounds, LatencyStats baseline, double unpacedRoundsPerSecond)
    {
    }

    /**
     * @param code         the code whose rounds are sent.
     * @param context      where the bus runs.
     * @param channel      channel for both measurements.
     * @param periodNs     round period.
     * @param frames       frames per pass.
     * @param warmup       frames per pass not recorded.
     * @param receiverIdle idle strategy of the receiving thread.
     * @param sameThread   receive on the sending thread, right after each send.
     */
    public BusLatency(
        final CodeDescription code,
        final BusContext context,
        final String channel,
        final long periodNs,
        final long frames,
        final long warmup,
        final IdleStrategy receiverIdle,
        final boolean sameThread)
    {
        this.code = code;
        this.context = context;
        this.channel = channel;
        this.periodNs = periodNs;
        this.frames = frames;
        this.warmup = warmup;
        this.receiverIdle = receiverIdle;
        this.sameThread = sameThread;
    }

    /**
     * @return the figures.
     * @throws InterruptedException if interrupted while waiting for a receiver.
     */
    public Result run() throws InterruptedException
    {
        final Histogram rounds = new Histogram(3);
        final Histogram baseline = new Histogram(3);
        final double unpaced;
        try (MessageBus bus = BusLaunch.launch(context, Throwable::printStackTrace))
        {
            for (int pass = 0; pass < 2; pass++)
            {
                baseline.add(OneWayRun.measure(bus, channel, BASELINE_STREAM, this::rawSender, RawHop::sendTimeNs,
                    frames, warmup, receiverIdle, sameThread));
                rounds.add(OneWayRun.measure(bus, channel, ROUNDS_STREAM, publisher -> roundSender(publisher, periodNs),
                    roundProbe(), frames, warmup, receiverIdle, sameThread));
            }
            final long startNs = clock.nanoTime();
            OneWayRun.measure(bus, channel, ROUNDS_STREAM, publisher -> roundSender(publisher, 0), roundProbe(), frames,
                0, receiverIdle, false);
            unpaced = frames * 1e9 / (clock.nanoTime() - startNs);
        }
        return new Result(LatencyStats.of(rounds), LatencyStats.of(baseline), unpaced);
    }

    private IntSupplier roundSender(final FramePublisher publisher, final long period)
    {
        final SimulatorAgent simulator = new SimulatorContext().code(code).periodNs(period).clock(clock)
            .newAgent(publisher, TruthListener.NONE);
        simulator.onStart();
        final long[] sent = {0};
        return () ->
        {
            // As the raw sender does: the schedule starts afresh after the warm-up, so a cold start's lag is dropped.
            if (sent[0] == warmup)
            {
                simulator.restartSchedule();
            }
            final int work = simulator.doWork();
            sent[0] += work;
            return work;
        };
    }

    private OneWayRun.Probe roundProbe()
    {
        final FrameValidator validator = new FrameValidator(new FrameLayout(code.distance(), code.detectorCounts()), 4, new LongArrayFrameCounters(),
            RejectionLog.NO_OP);
        final SyndromeRoundView view = new SyndromeRoundView();
        return (buffer, offset, length) ->
        {
            if (!validator.validate(buffer, offset, length).isAccepted())
            {
                return -1;
            }
            view.wrap(buffer, offset);
            return view.emitTimestampNs();
        };
    }

    private IntSupplier rawSender(final FramePublisher publisher)
    {
        return RawHop.sender(publisher, clock, SyndromeRoundWriter.frameLength(code.rounds().maxDetectorsPerRound()),
            periodNs, warmup);
    }
}
