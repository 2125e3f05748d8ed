package io.qecnode.sim.run;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.sim.faults.FaultInjector;
import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.source.SyndromeSource;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The simulated hardware as an Agrona agent: each duty cycle emits at most one syndrome round when the pacer says
 * one is due (every call when unpaced). A round is sampled, encoded as a {@code SyndromeRound} frame with the next
 * sequence number and the emit time, passed through the fault injector and published.
 * <p>
 * The emit time is the round's slot in the schedule, when hardware would have measured it, not the moment this agent
 * got to it: if emission trails the schedule because the thread is shared with a slow node, every latency measured
 * from the stamp includes the wait. That is how coordinated omission is kept out of the figures.
 * <p>
 * Stalls pause emission without moving the schedule, so the rounds missed during a stall go out back to back
 * afterwards, as late hardware would send them. Bursts are decided when a block starts.
 * <p>
 * <b>Note:</b> runs on one thread; allocation-free per round.
 */
public final class SimulatorAgent implements Agent, RoundSink
{
    private static final VarHandle NEXT_DEADLINE;

    static
    {
        try
        {
            NEXT_DEADLINE = MethodHandles.lookup().findVarHandle(SimulatorAgent.class, "nextDeadlineNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final SyndromeSource source;
    private final FaultInjector injector;
    private final RoundPacer pacer;
    private final NanoClock clock;
    private final TruthListener truths;
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final UnsafeBuffer frame;
    private final int sourceNode;
    private final int logicalQubit;
    private final int distance;
    private final Basis basis;
    private final long roundLimit;
    private long sequence;
    private long stallUntilNs;
    private boolean stalled;
    private long roundsSent;
    private long emitNs;
    private volatile boolean stopRequested;
    private volatile boolean restartRequested;
    // Published with release semantics so that a monitoring thread can tell how far emission trails the schedule.
    private volatile long nextDeadlineNs;
    private boolean stoppedAtBlockEnd;

    /**
     * @param source       where rounds come from.
     * @param injector     faults on the way to the bus, and the bus itself as its output.
     * @param pacer        the round schedule (period 0: as fast as possible).
     * @param clock        clock for timestamps and the pacer.
     * @param truths       receives each block's ground truth.
     * @param sourceNode   node id written in every frame.
     * @param logicalQubit logical qubit id written in every frame.
     * @param distance     code distance written in every frame.
     * @param basis        basis written in every frame.
     * @param roundLimit   rounds to emit before the agent is done; 0 for no limit.
     */
    public SimulatorAgent(
        final SyndromeSource source,
        final FaultInjector injector,
        final RoundPacer pacer,
        final NanoClock clock,
        final TruthListener truths,
        final int sourceNode,
        final int logicalQubit,
        final int distance,
        final Basis basis,
        final long roundLimit)
    {
        this.source = source;
        this.injector = injector;
        this.pacer = pacer;
        this.clock = clock;
        this.truths = truths;
        this.sourceNode = sourceNode;
        this.logicalQubit = logicalQubit;
        this.distance = distance;
        this.basis = basis;
        this.roundLimit = roundLimit;
        this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(
            SyndromeRoundWriter.frameLength(source.rounds().maxDetectorsPerRound())));
        if (injector.burstBlock(0))
        {
            source.burstNext(1);
        }
    }

    @Override
    public void onStart()
    {
        pacer.start(clock.nanoTime());
        publishDeadline();
    }

    @Override
    public int doWork()
    {
        if (isDone())
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (restartRequested)
        {
            restartRequested = false;
            pacer.start(nowNs);
            publishDeadline();
        }
        if (stalled)
        {
            if (nowNs - stallUntilNs < 0)
            {
                return 0;
            }
            // The round that was due when the stall began goes out now; the pacer kept its schedule, so the rounds
            // due during the stall follow back to back.
            stalled = false;
            emit();
            return 1;
        }
        if (!pacer.isDue(nowNs))
        {
            return 0;
        }
        emitNs = pacer.periodNs() == 0 ? nowNs : pacer.nextDeadlineNs() - pacer.periodNs();
        publishDeadline();
        if (injector.restartBeforeFrame())
        {
            sequence = 0;
        }
        final long stallNs = injector.stallBeforeFrameNs();
        if (stallNs > 0)
        {
            stalled = true;
            stallUntilNs = nowNs + stallNs;
            return 1;
        }
        emit();
        return 1;
    }

    private void emit()
    {
        source.nextRound(this);
    }

    @Override
    public void onRound(
        final long blockIndex,
        final int roundIndex,
        final boolean endOfBlock,
        final long[] detectorWords,
        final int detectorCount)
    {
        if (roundIndex == 0)
        {
            // The whole block is sampled before its first round: publish the truth before any of its rounds, so a
            // receiver can never see a block's decoded state before its truth.
            truths.onBlockTruth(blockIndex, source.currentShot().observableFlips());
        }
        final int length = writer.encode(frame, 0, sourceNode, logicalQubit, sequence++, blockIndex, roundIndex,
            endOfBlock, distance, basis, emitNs, detectorWords, detectorCount);
        if (detectorCount > 0)
        {
            injector.send(frame, 0, length, SyndromeRoundWriter.DETECTORS_OFFSET, detectorCount);
        }
        else
        {
            injector.send(frame, 0, length, SyndromeRoundWriter.CHECKSUM_OFFSET, Integer.SIZE);
        }
        roundsSent++;
    }

    @Override
    public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
    {
        if (stopRequested)
        {
            stoppedAtBlockEnd = true;
        }
        if (injector.burstBlock(blockIndex + 1))
        {
            source.burstNext(1);
        }
    }

    @Override
    public void onClose()
    {
        injector.flush();
    }

    /** @return true once the round limit has been reached, or a requested stop took effect. */
    public boolean isDone()
    {
        return stoppedAtBlockEnd || (roundLimit > 0 && roundsSent >= roundLimit);
    }

    /**
     * Ask the agent, from any thread, to stop once the block it is emitting is complete, so that every block it
     * started reaches the receivers whole.
     */
    public void requestStopAtBlockEnd()
    {
        stopRequested = true;
    }

    private void publishDeadline()
    {
        NEXT_DEADLINE.setRelease(this, pacer.nextDeadlineNs());
    }

    /**
     * How far emission trails the round schedule: hardware keeps measuring whether or not the node keeps up, so a
     * growing lag is rounds the node has not even received yet. Safe from any thread.
     *
     * @param nowNs the current time on the simulator's clock.
     * @return nanoseconds by which the next round is overdue, 0 if it is not yet due or the agent has not started.
     */
    public long scheduleLagNs(final long nowNs)
    {
        final long deadline = (long)NEXT_DEADLINE.getAcquire(this);
        return deadline == 0 ? 0 : Math.max(0, nowNs - deadline);
    }

    /**
     * Start the round schedule afresh from the next duty cycle, as hardware that begins measuring once the node is
     * ready: rounds still overdue from a cold start (JIT compilation) are skipped rather than sent late. Call at the
     * end of a warm-up, from any thread.
     */
    public void restartSchedule()
    {
        restartRequested = true;
    }

    /** @return rounds handed to the fault injector so far. */
    public long roundsSent()
    {
        return roundsSent;
    }

    /** @return the source. */
    public SyndromeSource source()
    {
        return source;
    }

    /** @return the fault injector, with its counts. */
    public FaultInjector injector()
    {
        return injector;
    }

    @Override
    public String roleName()
    {
        return "hw-sim";
    }
}
