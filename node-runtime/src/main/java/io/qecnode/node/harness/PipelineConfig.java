package io.qecnode.node.harness;

import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.node.journal.JournalSetup;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.decoder.code.CodeDescription;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * What an in-process pipeline runs: hardware simulator, node, relays, sink, all on one embedded bus.
 *
 * @param code          the code and its noise.
 * @param periodNs      round period; 0 for as fast as possible.
 * @param nodes         nodes in the chain, at least 1: the first decodes, the rest relay.
 * @param faults        faults the simulator injects.
 * @param seed          seed of the simulator.
 * @param decoders      builds the first node's block decoder.
 * @param hotIdle       idle strategy of the node's hot thread.
 * @param supportIdle   idle strategy of the thread that runs the simulator, relays and sink.
 * @param channel       channel for every hop, e.g. aeron:ipc.
 * @param sharedThread  run every agent on the hot thread: on machines with fewer than four cores, a second busy
 *                      thread and the media driver starve each other and the latency measures the scheduler.
 * @param roundLimit    rounds the simulator emits before it stops; 0 for no limit.
 * @param sinkListener  sees every state the sink receives.
 * @param journal       the decoding node's journal; null for none.
 * @param hotCpu        the CPU the hot thread has to itself (every other thread moved off it); -1 for no pinning.
 */
public record PipelineConfig(
    CodeDescription code,
    long periodNs,
    int nodes,
    FaultPlan faults,
    long seed,
    Supplier<BlockDecoder> decoders,
    IdleStrategy hotIdle,
    IdleStrategy supportIdle,
    String channel,
    boolean sharedThread,
    long roundLimit,
    SinkAgent.StateListener sinkListener,
    JournalSetup journal,
    int hotCpu)
{
    /**
     * A configuration without a journal.
     */
    public PipelineConfig(
        final CodeDescription code,
        final long periodNs,
        final int nodes,
        final FaultPlan faults,
        final long seed,
        final Supplier<BlockDecoder> decoders,
        final IdleStrategy hotIdle,
        final IdleStrategy supportIdle,
        final String channel,
        final boolean sharedThread,
        final long roundLimit,
        final SinkAgent.StateListener sinkListener)
    {
        this(code, periodNs, nodes, faults, seed, decoders, hotIdle, supportIdle, channel, sharedThread, roundLimit,
            sinkListener, null, -1);
    }

    /**
     * @param journal the decoding node's journal.
     * @return this configuration with the journal.
     */
    public PipelineConfig withJournal(final JournalSetup journal)
    {
        return new PipelineConfig(code, periodNs, nodes, faults, seed, decoders, hotIdle, supportIdle, channel,
            sharedThread, roundLimit, sinkListener, journal, hotCpu);
    }

    /**
     * @param cpu the CPU the hot thread gets to itself; -1 for none.
     * @return this configuration with the hot thread pinned.
     */
    public PipelineConfig withHotCpu(final int cpu)
    {
        return new PipelineConfig(code, periodNs, nodes, faults, seed, decoders, hotIdle, supportIdle, channel,
            sharedThread, roundLimit, sinkListener, journal, cpu);
    }

    /** Stream of the hardware's rounds; node k publishes on ROUNDS_STREAM + k. */
    public static final int ROUNDS_STREAM = 1001;

    /**
     * @param code the code and its noise.
     * @param decoders builds the block decoder.
     * @param hotIdle idle strategy of the hot thread.
     * @param supportIdle idle strategy of the support thread.
     * @return a configuration with a 1 us period, two nodes, no faults, IPC.
     */
    public static PipelineConfig defaults(
        final CodeDescription code,
        final Supplier<BlockDecoder> decoders,
        final IdleStrategy hotIdle,
        final IdleStrategy supportIdle)
    {
        return new PipelineConfig(code, 1_000, 2, FaultPlan.none(), 1, decoders, hotIdle, supportIdle, "aeron:ipc",
            fewCores(), 0, SinkAgent.StateListener.NONE);
    }

    /** @return true on machines where one busy thread is all the cores can carry beside the media driver. */
    public static boolean fewCores()
    {
        return Runtime.getRuntime().availableProcessors() < 4;
    }
}
