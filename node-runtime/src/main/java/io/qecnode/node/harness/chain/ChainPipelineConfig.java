package io.qecnode.node.harness.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a repeater chain run in one process is made of: the code and noise of each link (n + 1 links for n
 * repeaters), how each patch is decoded, the hardware's seed, round period and faults, the nodes' neighbour deadline,
 * where node-to-node UDP lives, and the threads.
 *
 * @param linkCodes      the code and noise of each link, 0..n; at least one.
 * @param decoding       for a link, the decoding settings of the two patches on it (code, decoder, window).
 * @param chainSeed      the hardware's seed.
 * @param periodNs       round period; 0 for as fast as possible.
 * @param faults         faults the hardware injects.
 * @param deadlineNs     how long a node waits for an epoch's missing pieces.
 * @param udpHost        host of every node's UDP endpoint.
 * @param basePort       node i receives its left neighbour's states on {@code basePort + i}.
 * @param hotIdle        idle strategy of the thread that runs the nodes.
 * @param supportIdle    idle strategy of the thread that runs the hardware and the verifier.
 * @param sharedThread   run everything on one thread, in chain order.
 */
public record ChainPipelineConfig(
    CodeDescription[] linkCodes,
    IntFunction<NodeContext> decoding,
    long chainSeed,
    long periodNs,
    ChainFaultPlan faults,
    long deadlineNs,
    String udpHost,
    int basePort,
    IdleStrategy hotIdle,
    IdleStrategy supportIdle,
    boolean sharedThread)
{
    /**
     * Node i's hardware streams in one process: its {@code ChainStreams} ids plus {@code (i + 1)} times this, clear of
     * every other stream of the chain.
     */
    public static final int NODE_STREAM_STRIDE = 1000;

    /** Default first UDP port of the nodes' endpoints. */
    public static final int BASE_PORT_DEFAULT = 24600;

    /**
     * @throws IllegalArgumentException if there is no link.
     */
    public ChainPipelineConfig
    {
        Objects.requireNonNull(linkCodes, "linkCodes");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(faults, "faults");
        if (linkCodes.length < 1)
        {
            throw new IllegalArgumentException("a chain has at least one link, links=0");
        }
        linkCodes = linkCodes.clone();
    }

    /** @return repeaters n between A and B. */
    public int repeaters()
    {
        return linkCodes.length - 1;
    }

    /** @return nodes in the chain, n + 2. */
    public int nodeCount()
    {
        return linkCodes.length + 1;
    }

    /**
     * @param node a node id.
     * @return the UDP channel on which it receives its left neighbour's states.
     */
    public String stateChannel(final int node)
    {
        return "aeron:udp?endpoint=" + udpHost + ":" + (basePort + node) + "|so-rcvbuf=2m";
    }

    /** @return the UDP channel of the raw-hop probe run beside the chain, one port past the last node's. */
    public String probeChannel()
    {
        return "aeron:udp?endpoint=" + udpHost + ":" + (basePort + nodeCount()) + "|so-rcvbuf=2m";
    }
}
