package io.qecnode.sim.chain;

import io.qecnode.io.frame.SyndromeRoundWriter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.ToLongFunction;

/**
 * The hardware of one or several nodes of a repeater chain as a paced publisher, epoch after epoch: the one-process
 * chain runs all nodes in one agent, a multi-process chain one node per process. Build it with
 * {@link ChainSimulatorContext#newAgent()}.
 * <p>
 * <b>Schedule.</b> An epoch is {@link ChainSimulatorContext#slotsPerEpoch()} round slots, the most rounds any link's
 * block has; slot s of the run is due at {@code start + s * periodNs} (period 0: every duty cycle). In slot r of an
 * epoch every patch of every node run here emits round r of its block, if its block has that many rounds, as a
 * {@code SyndromeRound} frame: sourceNode = node id, logicalQubit = the patch's id
 * ({@link io.qecnode.io.chain.ChainStreams#logicalQubit}), sequence per patch from 0, blockIndex = epoch, basis Z,
 * emit time = the slot. After the epoch's last slot a repeater's {@code BellMeasurement} (raw xx and zz of its
 * {@link EpochTruth}, stamped with that slot) goes to its Bell sender, then each node's 32-byte truth record to the
 * truth sender. Within a slot, nodes go in ascending order and a node's left patch before its right.
 * <p>
 * <b>Coordinated omission.</b> As in {@code io.qecnode.sim.run.SimulatorAgent}, the emit stamp is the slot, not the
 * moment a frame went out, and a node that falls behind emits its overdue slots back to back, one per duty cycle;
 * {@link #scheduleLagNs(long)}, {@link #lateSlots()} and {@link #maxLatenessNs()} say whether the run held its
 * schedule. Each node keeps its own schedule, so a node stalled by a full delay hold falls behind alone.
 * <p>
 * <b>Reproducible.</b> A node's rounds and truth depend only on the chain seed, the link codes and its id, so a node run
 * alone gives exactly the frames it gives in an agent with all the others.
 * <p>
 * <b>Stopping.</b> The agent is {@link #isDone()} once every node has run the epoch limit, or the epochs before the
 * boundary at which a {@linkplain #requestStopAtEpochEnd() requested stop} took effect, and nothing is held back by a
 * delay fault. Frames still held when the agent closes are sent then.
 * <p>
 * <b>Note:</b> runs on one thread; allocation-free per slot after warm-up. The lag, late-slot and epoch figures are
 * safe to read from any thread; the frame counts are exact once the agent has closed.
 */
public final class ChainSimulatorAgent implements Agent
{
    private static final VarHandle NEXT_DEADLINE;
    private static final VarHandle EPOCHS_COMPLETED;
    private static final VarHandle LATE_SLOTS;
    private static final VarHandle MAX_LATENESS;
    private static final long NO_STOP = Long.MAX_VALUE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT_DEADLINE = lookup.findVarHandle(ChainSimulatorAgent.class, "nextDeadlineNs", long.class);
            EPOCHS_COMPLETED = lookup.findVarHandle(ChainSimulatorAgent.class, "epochsCompleted", long.class);
            LATE_SLOTS = lookup.findVarHandle(ChainSimulatorAgent.class, "lateSlots", long.class);
            MAX_LATENESS = lookup.findVarHandle(ChainSimulatorAgent.class, "maxLatenessNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ScheduledNode[] nodes;
    private final NanoClock clock;
    private final long limitLastEpoch;
    private final boolean unpaced;
    private long lastEpoch;
    private boolean done;
    private volatile boolean stopRequested;
    private volatile boolean restartRequested;
    // Single writer, published with release semantics for readers on other threads.
    private volatile long nextDeadlineNs;
    private volatile long epochsCompleted;
    private volatile long lateSlots;
    private volatile long maxLatenessNs;

    ChainSimulatorAgent(final ChainSimulatorContext ctx)
    {
        final SyndromeRoundWriter writer = new SyndromeRoundWriter();
        final int[] ids = ctx.nodes();
        nodes = new ScheduledNode[ids.length];
        for (int i = 0; i < ids.length; i++)
        {
            nodes[i] = new ScheduledNode(ctx, ids[i], writer);
        }
        clock = ctx.clock();
        unpaced = ctx.periodNs() == 0;
        limitLastEpoch = ctx.epochLimit() == 0 ? NO_STOP : ctx.epochLimit() - 1;
        lastEpoch = limitLastEpoch;
    }

    @Override
    public void onStart()
    {
        startSchedule(clock.nanoTime());
    }

    @Override
    public int doWork()
    {
        if (done)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (restartRequested)
        {
            restartRequested = false;
            startSchedule(nowNs);
        }
        if (stopRequested && lastEpoch == limitLastEpoch)
        {
            lastEpoch = Math.min(limitLastEpoch, stopEpoch() - 1);
        }

        int work = 0;
        boolean allDone = true;
        long deadline = Long.MAX_VALUE;
        long completed = Long.MAX_VALUE;
        long late = 0;
        long lateness = maxLatenessNs;
        for (final ScheduledNode node : nodes)
        {
            work += node.doWork(nowNs, lastEpoch);
            completed = Math.min(completed, node.epochsCompleted());
            final boolean nodeDone = node.epochsCompleted() > lastEpoch;
            allDone &= nodeDone && node.isIdle();
            if (!nodeDone && !unpaced)
            {
                deadline = Math.min(deadline, node.pacer().nextDeadlineNs());
            }
            late += node.pacer().lateRoundCount();
            lateness = Math.max(lateness, node.pacer().lastLatenessNs());
        }
        done = allDone;
        if (work > 0)
        {
            NEXT_DEADLINE.setRelease(this, deadline == Long.MAX_VALUE ? 0 : deadline);
            EPOCHS_COMPLETED.setRelease(this, completed);
            LATE_SLOTS.setRelease(this, late);
            MAX_LATENESS.setRelease(this, lateness);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final ScheduledNode node : nodes)
        {
            node.flush();
        }
    }

    @Override
    public String roleName()
    {
        return "chain-hw-sim";
    }

    /**
     * @return true once every node has run its last epoch and no frame is held back; the agent then does nothing.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * Ask the agent, from any thread, to stop at an epoch boundary: every node finishes the epoch the most advanced
     * of them has begun and starts no other, so every node ends the same epochs and every block goes out whole.
     */
    public void requestStopAtEpochEnd()
    {
        stopRequested = true;
    }

    /**
     * Start the round schedule afresh from the next duty cycle, as hardware that begins measuring once the node is
     * ready: slots still overdue from a cold start are not sent late, and the late-slot figures start from 0. Call at
     * the end of a warm-up, from any thread.
     */
    public void restartSchedule()
    {
        restartRequested = true;
    }

    /**
     * How far emission trails the round schedule. Safe from any thread.
     *
     * @param nowNs the current time on the agent's clock.
     * @return nanoseconds by which the slowest node's next slot is overdue; 0 if none is, the agent has not run, or
     * it runs unpaced (period 0: no schedule to trail).
     */
    public long scheduleLagNs(final long nowNs)
    {
        final long deadline = (long)NEXT_DEADLINE.getAcquire(this);
        return deadline == 0 ? 0 : Math.max(0, nowNs - deadline);
    }

    /**
     * @return slots, summed over the nodes, served more than a whole period after they were due since the schedule
     * (re)started: a run with any did not hold its round schedule. Safe from any thread.
     */
    public long lateSlots()
    {
        return (long)LATE_SLOTS.getAcquire(this);
    }

    /** @return the latest any node served a slot since the schedule (re)started, ns. Safe from any thread. */
    public long maxLatenessNs()
    {
        return (long)MAX_LATENESS.getAcquire(this);
    }

    /** @return epochs every node run here has ended. Safe from any thread. */
    public long epochsCompleted()
    {
        return (long)EPOCHS_COMPLETED.getAcquire(this);
    }

    /** @return {@code SyndromeRound} frames the senders took, all patches of all nodes. */
    public long roundsSent()
    {
        return sumOverStreams(HardwareStream::sent, false);
    }

    /** @return {@code BellMeasurement} frames the senders took. */
    public long bellsSent()
    {
        return sumOverStreams(HardwareStream::sent, true) - roundsSent();
    }

    /** @return truth records the truth sender took. */
    public long truthsSent()
    {
        long sum = 0;
        for (final ScheduledNode node : nodes)
        {
            sum += node.truthsSent();
        }
        return sum;
    }

    /** @return frames of any stream a sender refused (returned false): counted there, not retried here. */
    public long framesRefused()
    {
        long sum = sumOverStreams(HardwareStream::refused, true);
        for (final ScheduledNode node : nodes)
        {
            sum += node.truthsRefused();
        }
        return sum;
    }

    /** @return frames dropped by a fault of the plan. */
    public long framesDropped()
    {
        return sumOverStreams(HardwareStream::dropped, true);
    }

    /** @return frames delayed by a fault of the plan. */
    public long framesDelayed()
    {
        return sumOverStreams(HardwareStream::delayed, true);
    }

    /**
     * @param index a node's position among the nodes this agent runs, ascending ids.
     * @return its hardware, for scheduling bursts or injecting logical faults from the agent's thread.
     */
    public NodeHardware hardware(final int index)
    {
        return nodes[index].hardware();
    }

    /** @return nodes this agent runs. */
    public int nodeCount()
    {
        return nodes.length;
    }

    private void startSchedule(final long nowNs)
    {
        for (final ScheduledNode node : nodes)
        {
            node.start(nowNs);
        }
        MAX_LATENESS.setRelease(this, 0L);
        LATE_SLOTS.setRelease(this, 0L);
        NEXT_DEADLINE.setRelease(this, unpaced ? 0L : nowNs);
    }

    private long sumOverStreams(final ToLongFunction<HardwareStream> count, final boolean withBell)
    {
        long sum = 0;
        for (final ScheduledNode node : nodes)
        {
            for (int p = 0; p < node.patchCount(); p++)
            {
                sum += count.applyAsLong(node.roundsStream(p));
            }
            sum += withBell && node.bellStream() != null ? count.applyAsLong(node.bellStream()) : 0;
        }
        return sum;
    }

    // The first epoch no node has begun: nodes between epochs stop there, the others finish theirs.
    private long stopEpoch()
    {
        long stop = 0;
        for (final ScheduledNode node : nodes)
        {
            stop = Math.max(stop, node.epochsCompleted() + (node.atEpochBoundary() ? 0 : 1));
        }
        return stop;
    }
}
