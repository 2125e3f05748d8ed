package io.qecnode.node.harness;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.node.pipeline.NodeContext;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What an in-process chain runs: the simulated hardware, the decoding node, relays and the sink, all on one embedded
 * bus and one channel.
 *
 * @param hardware     the simulated hardware; its channel carries every hop.
 * @param node         the decoding node (its code is the hardware's); channels, streams and sender are the chain's.
 * @param nodes        nodes in the chain, at least 1: the first decodes, the rest relay.
 * @param supportIdle  idle strategy of the thread that runs the simulator, relays and sink.
 * @param sharedThread run every agent on the hot thread: on machines with fewer than four cores, a second busy
 *                     thread and the media driver starve each other and the latency measures the scheduler.
 * @param sinkListener sees every state the sink receives.
 * @param probeEvery   rounds between the frames of the raw two-hop probe interleaved with the pipeline
 *                     ({@link HopProbe#interleaved}); 0 for none.
 */
public record PipelineConfig(
    SimulatorContext hardware,
    NodeContext node,
    int nodes,
    IdleStrategy supportIdle,
    boolean sharedThread,
    SinkAgent.StateListener sinkListener,
    long probeEvery)
{
    /**
     * @param hardware the simulated hardware.
     * @param node     the decoding node.
     * @return a two-node chain, threads as the machine's cores allow, no listener.
     */
    public static PipelineConfig of(final SimulatorContext hardware, final NodeContext node)
    {
        return new PipelineConfig(hardware, node, 2, new YieldingIdleStrategy(), fewCores(),
            SinkAgent.StateListener.NONE, 0);
    }

    /**
     * @param listener sees every state at the sink.
     * @return this configuration with the listener.
     */
    public PipelineConfig withSinkListener(final SinkAgent.StateListener listener)
    {
        return new PipelineConfig(hardware, node, nodes, supportIdle, sharedThread, listener, probeEvery);
    }

    /**
     * @param rounds rounds between the raw two-hop probe's frames; 0 for no probe.
     * @return this configuration with the probe.
     */
    public PipelineConfig withProbeEvery(final long rounds)
    {
        return new PipelineConfig(hardware, node, nodes, supportIdle, sharedThread, sinkListener, rounds);
    }

    /** @return the code, as the hardware samples it and the node decodes it. */
    public CodeDescription code()
    {
        return hardware.code();
    }

    /** @return the round period, ns. */
    public long periodNs()
    {
        return hardware.periodNs();
    }

    /** @return the channel of every hop. */
    public String channel()
    {
        return hardware.channel();
    }

    /** @return the hot thread's CPU, or {@link NodeContext#PIN_NONE}. */
    public int hotCpu()
    {
        return node.pinCpu();
    }

    /** @return true on machines where one busy thread is all the cores can carry beside the media driver. */
    public static boolean fewCores()
    {
        return Runtime.getRuntime().availableProcessors() < 4;
    }
}
