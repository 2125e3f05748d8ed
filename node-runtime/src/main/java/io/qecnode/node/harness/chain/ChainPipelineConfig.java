package io.qecnode.node.harness.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.transport.BusContext;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a repeater chain run in one process is made of: the code and noise of each link (n + 1 links for n
 * repeaters), how each patch is decoded, the hardware's seed, round period and faults, the nodes' neighbour deadline,
 * where node-to-node UDP lives, the threads, and the loss injected on UDP.
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
 * @param udpLoss        UDP frames the driver drops on purpose, for NAK and retransmit to repair.
 * @param stateMac       the MAC every node-to-node state is sealed with, or null for unauthenticated links. One
 *                       process is one trust domain: its links' session keys are dealt in process, not exchanged in
 *                       Hellos (that is the multi-process chain's job).
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
    boolean sharedThread,
    UdpLoss udpLoss,
    StateMacAlgorithm stateMac)
{
    /**
     * Loss injected into the embedded driver's UDP endpoints (node-to-node states and the raw hop probe; IPC, the
     * hardware's and the verifier's streams, has no such endpoint and loses nothing), through
     * {@link BusContext#receiveDataLossRate}, {@link BusContext#sendDataLossRate} and {@link BusContext#lossSeed}.
     *
     * @param receiveRate share of the data frames a receiving endpoint drops, in [0, 1).
     * @param sendRate    share of the data frames a sending endpoint drops, in [0, 1).
     * @param seed        the loss generators' seed.
     */
    public record UdpLoss(double receiveRate, double sendRate, long seed)
    {
        /** No loss. */
        public static final UdpLoss NONE = new UdpLoss(0, 0, BusContext.LOSS_SEED_DEFAULT);

        /**
         * @throws IllegalArgumentException if a rate is outside [0, 1).
         */
        public UdpLoss
        {
            for (final double rate : new double[]{receiveRate, sendRate})
            {
                if (!(rate >= 0 && rate < 1))
                {
                    throw new IllegalArgumentException("UDP loss rate must be at least 0 and below 1, rate=" + rate);
                }
            }
        }

        /** @return true if any frame may be dropped. */
        public boolean any()
        {
            return receiveRate > 0 || sendRate > 0;
        }

        /**
         * @param context the bus to be launched.
         * @return the context with this loss set.
         */
        public BusContext applyTo(final BusContext context)
        {
            return context.receiveDataLossRate(receiveRate).sendDataLossRate(sendRate).lossSeed(seed);
        }
    }

    /**
     * Node i's hardware streams in one process: its {@code ChainStreams} ids plus {@code (i + 1)} times this, clear of
     * every other stream of the chain.
     */
    public static final int NODE_STREAM_STRIDE = 1000;

    /** Default first UDP port of the nodes' endpoints. */
    public static final int BASE_PORT_DEFAULT = 24600;

    /** Base port meaning: pick a run of free ports when the chain starts ({@link #withPortsChosen()}). */
    public static final int FREE_PORTS = 0;

    private static final int FREE_PORTS_LOW = 30000;
    private static final int FREE_PORTS_HIGH = 60000;

    /**
     * @throws IllegalArgumentException if there is no link.
     */
    public ChainPipelineConfig
    {
        Objects.requireNonNull(linkCodes, "linkCodes");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(udpLoss, "udpLoss");
        if (linkCodes.length < 1)
        {
            throw new IllegalArgumentException("a chain has at least one link, links=0");
        }
        linkCodes = linkCodes.clone();
    }

    /**
     * A chain with no UDP loss.
     *
     * @param linkCodes    the code and noise of each link, 0..n; at least one.
     * @param decoding     for a link, the decoding settings of the two patches on it.
     * @param chainSeed    the hardware's seed.
     * @param periodNs     round period; 0 for as fast as possible.
     * @param faults       faults the hardware injects.
     * @param deadlineNs   how long a node waits for an epoch's missing pieces.
     * @param udpHost      host of every node's UDP endpoint.
     * @param basePort     node i receives its left neighbour's states on {@code basePort + i}.
     * @param hotIdle      idle strategy of the thread that runs the nodes.
     * @param supportIdle  idle strategy of the thread that runs the hardware and the verifier.
     * @param sharedThread run everything on one thread, in chain order.
     */
    public ChainPipelineConfig(
        final CodeDescription[] linkCodes,
        final IntFunction<NodeContext> decoding,
        final long chainSeed,
        final long periodNs,
        final ChainFaultPlan faults,
        final long deadlineNs,
        final String udpHost,
        final int basePort,
        final IdleStrategy hotIdle,
        final IdleStrategy supportIdle,
        final boolean sharedThread)
    {
        this(linkCodes, decoding, chainSeed, periodNs, faults, deadlineNs, udpHost, basePort, hotIdle, supportIdle,
            sharedThread, UdpLoss.NONE, null);
    }

    /**
     * @param loss UDP loss to inject.
     * @return this configuration with that loss.
     */
    public ChainPipelineConfig withUdpLoss(final UdpLoss loss)
    {
        return new ChainPipelineConfig(linkCodes, decoding, chainSeed, periodNs, faults, deadlineNs, udpHost,
            basePort, hotIdle, supportIdle, sharedThread, loss, stateMac);
    }

    /**
     * @param mac the MAC to seal every node-to-node state with, or null for unauthenticated links.
     * @return this configuration with that MAC.
     */
    public ChainPipelineConfig withStateMac(final StateMacAlgorithm mac)
    {
        return new ChainPipelineConfig(linkCodes, decoding, chainSeed, periodNs, faults, deadlineNs, udpHost,
            basePort, hotIdle, supportIdle, sharedThread, udpLoss, mac);
    }

    /**
     * @param plan faults the hardware injects.
     * @return this configuration with those faults.
     */
    public ChainPipelineConfig withFaults(final ChainFaultPlan plan)
    {
        return new ChainPipelineConfig(linkCodes, decoding, chainSeed, periodNs, plan, deadlineNs, udpHost,
            basePort, hotIdle, supportIdle, sharedThread, udpLoss, stateMac);
    }

    /**
     * @return this configuration with its base port fixed: as given, or for {@link #FREE_PORTS} the first of
     * {@code nodeCount() + 1} consecutive UDP ports that are free on {@code udpHost} now, so that runs on one host do
     * not collide.
     * @throws IllegalStateException if no free run of ports was found.
     */
    public ChainPipelineConfig withPortsChosen()
    {
        if (basePort != FREE_PORTS)
        {
            return this;
        }
        final int ports = nodeCount() + 1;
        final java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            final int first = FREE_PORTS_LOW + random.nextInt(FREE_PORTS_HIGH - FREE_PORTS_LOW - ports);
            if (allFree(first, ports))
            {
                return new ChainPipelineConfig(linkCodes, decoding, chainSeed, periodNs, faults, deadlineNs, udpHost,
                    first, hotIdle, supportIdle, sharedThread, udpLoss, stateMac);
            }
        }
        throw new IllegalStateException("no run of " + ports + " free UDP ports found on " + udpHost);
    }

    private boolean allFree(final int first, final int ports)
    {
        final java.util.List<java.net.DatagramSocket> sockets = new java.util.ArrayList<>(ports);
        try
        {
            for (int port = first; port < first + ports; port++)
            {
                sockets.add(new java.net.DatagramSocket(new java.net.InetSocketAddress(udpHost, port)));
            }
            return true;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
        finally
        {
            sockets.forEach(java.net.DatagramSocket::close);
        }
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
