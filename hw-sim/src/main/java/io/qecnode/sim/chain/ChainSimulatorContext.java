package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link ChainSimulatorAgent} runs: the chain (one code per link), its seed, which of its nodes this agent
 * runs, the round schedule, how many epochs, faults, and where every stream goes. Set what you need, then
 * {@link #newAgent()} concludes the context and builds the agent:
 * <pre>{@code
 *   ChainSimulatorAgent hardware = new ChainSimulatorContext()
 *       .linkCodes(link0, link1)                      // A, one repeater, B
 *       .chainSeed(7)
 *       .nodes(1)                                     // this process runs the repeater only; default: all nodes
 *       .periodNs(1_000)
 *       .roundSenders((node, side) -> roundPublishers[side])
 *       .bellSenders(node -> bellPublisher)
 *       .truthSender(truthPublisher)
 *       .newAgent();
 * }</pre>
 * {@link #conclude()} checks every setting and fills the defaults; a bad setting is one
 * {@link IllegalArgumentException} line, a missing one an {@link IllegalStateException} line, each naming the setting
 * as {@code <what>, <setting>=<value>}. Senders are asked for once per stream when the agent is built, and are then
 * called only on the agent's thread.
 */
public final class ChainSimulatorContext
{
    /** Where a node's patch rounds go. */
    @FunctionalInterface
    public interface RoundSenders
    {
        /**
         * @param node a node id.
         * @param side {@link io.qecnode.io.chain.ChainStreams#LEFT} or
         *             {@link io.qecnode.io.chain.ChainStreams#RIGHT}.
         * @return the sender of that patch's {@code SyndromeRound} frames.
         */
        FrameSender roundsSender(int node, int side);
    }

    /** Where a repeater's Bell measurements go. */
    @FunctionalInterface
    public interface BellSenders
    {
        /**
         * @param node a repeater's id.
         * @return the sender of its {@code BellMeasurement} frames.
         */
        FrameSender bellSender(int node);
    }

    /** Chain seed when none is given. */
    public static final long CHAIN_SEED_DEFAULT = 1;
    /** Round period when none is given: 1 us, a superconducting measurement cycle. */
    public static final long PERIOD_NS_DEFAULT = 1_000;
    /** Longest round period. */
    public static final long PERIOD_NS_MAX = TimeUnit.SECONDS.toNanos(1);
    /** Frames a delay fault may hold back per stream when none is given. */
    public static final int HELD_FRAMES_DEFAULT = 1024;
    /** Most frames a delay fault may hold back per stream. */
    public static final int HELD_FRAMES_MAX = 1 << 16;

    private CodeDescription[] linkCodes;
    private long chainSeed = CHAIN_SEED_DEFAULT;
    private double burstFactor = SyndromeSource.BURST_FACTOR_DEFAULT;
    private int[] nodes;
    private long periodNs = PERIOD_NS_DEFAULT;
    private long epochLimit;
    private int heldFrames = HELD_FRAMES_DEFAULT;
    private ChainFaultPlan faults = ChainFaultPlan.NONE;
    private RoundSenders roundSenders;
    private BellSenders bellSenders;
    private FrameSender truthSender;
    private NanoClock clock;
    private int slotsPerEpoch;
    private boolean concluded;

    /**
     * Check every setting and fill the defaults. Idempotent.
     *
     * @return this context.
     * @throws IllegalArgumentException naming a setting whose value is out of range.
     * @throws IllegalStateException    naming a setting that is missing.
     */
    public ChainSimulatorContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (linkCodes == null || linkCodes.length == 0)
        {
            throw new IllegalStateException("the chain needs at least one link code, linkCodes=" +
                (linkCodes == null ? "unset" : "[]"));
        }
        int slots = 0;
        for (int link = 0; link < linkCodes.length; link++)
        {
            if (linkCodes[link] == null)
            {
                throw new IllegalArgumentException("link code missing, linkCodes[" + link + "]=null");
            }
            slots = Math.max(slots, linkCodes[link].rounds().roundCount());
        }
        require(burstFactor >= 1.0 && burstFactor < Double.POSITIVE_INFINITY, "burst factor must be finite and >= 1",
            "burstFactor", burstFactor);
        require(periodNs >= 0 && periodNs <= PERIOD_NS_MAX, "round period must be in [0, 1s]", "periodNs",
            periodNs);
        require(epochLimit >= 0, "epoch limit must be >= 0", "epochLimit", epochLimit);
        require(heldFrames >= 1 && heldFrames <= HELD_FRAMES_MAX, "held frames must be in [1, " + HELD_FRAMES_MAX +
            "]", "heldFrames", heldFrames);
        final int lastNode = linkCodes.length;
        nodes = nodes == null ? allNodes(lastNode) : nodes;
        require(nodes.length > 0, "the agent needs at least one node", "nodes", "[]");
        for (int i = 0; i < nodes.length; i++)
        {
            require(nodes[i] >= 0 && nodes[i] <= lastNode, "node must be in 0.." + lastNode + " for " + lastNode +
                " links", "nodes", Arrays.toString(nodes));
            require(i == 0 || nodes[i] > nodes[i - 1], "nodes must be distinct", "nodes", Arrays.toString(nodes));
        }
        require(faults.maxNode() <= lastNode, "fault aimed past the chain's last node " + lastNode, "faults",
            faults);
        requireSet(roundSenders, "roundSenders");
        requireSet(truthSender, "truthSender");
        for (final int node : nodes)
        {
            if (node > 0 && node < lastNode)
            {
                requireSet(bellSenders, "bellSenders");
            }
        }
        clock = clock != null ? clock : SystemNanoClock.INSTANCE;
        slotsPerEpoch = slots;
        concluded = true;
        return this;
    }

    /**
     * Conclude the context and build the agent, with every node's hardware at epoch 0.
     *
     * @return the agent, not started.
     */
    public ChainSimulatorAgent newAgent()
    {
        return new ChainSimulatorAgent(conclude());
    }

    /**
     * @param linkCodes the code and noise of each link 0..n, for a chain of n repeaters; required.
     * @return this context.
     */
    public ChainSimulatorContext linkCodes(final CodeDescription... linkCodes)
    {
        this.linkCodes = linkCodes.clone();
        return this;
    }

    /** @return the code and noise of each link. */
    public CodeDescription[] linkCodes()
    {
        return linkCodes;
    }

    /**
     * @param chainSeed seed of every stream of the chain: same seed, same rounds and truth on every node.
     * @return this context.
     */
    public ChainSimulatorContext chainSeed(final long chainSeed)
    {
        this.chainSeed = chainSeed;
        return this;
    }

    /** @return the chain's seed. */
    public long chainSeed()
    {
        return chainSeed;
    }

    /**
     * @param burstFactor multiplies every probability in burst blocks, finite and {@code >= 1}.
     * @return this context.
     */
    public ChainSimulatorContext burstFactor(final double burstFactor)
    {
        this.burstFactor = burstFactor;
        return this;
    }

    /** @return the burst factor. */
    public double burstFactor()
    {
        return burstFactor;
    }

    /**
     * @param nodes the nodes this agent runs, distinct, in 0..n + 1; default: all of them. Order does not matter.
     * @return this context.
     */
    public ChainSimulatorContext nodes(final int... nodes)
    {
        this.nodes = nodes.clone();
        Arrays.sort(this.nodes);
        return this;
    }

    /** @return the nodes this agent runs, ascending. */
    public int[] nodes()
    {
        return nodes;
    }

    /**
     * @param periodNs time between round slots, in [0, 1 s]; 0 for as fast as possible.
     * @return this context.
     */
    public ChainSimulatorContext periodNs(final long periodNs)
    {
        this.periodNs = periodNs;
        return this;
    }

    /** @return time between round slots; 0 for as fast as possible. */
    public long periodNs()
    {
        return periodNs;
    }

    /**
     * @param epochLimit epochs each node runs before the agent is done, {@code >= 0}; 0 for no limit.
     * @return this context.
     */
    public ChainSimulatorContext epochLimit(final long epochLimit)
    {
        this.epochLimit = epochLimit;
        return this;
    }

    /** @return epochs each node runs; 0 for no limit. */
    public long epochLimit()
    {
        return epochLimit;
    }

    /**
     * @param faults drops and delays of hardware streams; default none.
     * @return this context.
     */
    public ChainSimulatorContext faults(final ChainFaultPlan faults)
    {
        this.faults = faults;
        return this;
    }

    /** @return the faults. */
    public ChainFaultPlan faults()
    {
        return faults;
    }

    /**
     * @param heldFrames most frames a delay holds back per stream, in [1, {@link #HELD_FRAMES_MAX}]; a stream
     *                   that fills it stalls its node until frames are released.
     * @return this context.
     */
    public ChainSimulatorContext heldFrames(final int heldFrames)
    {
        this.heldFrames = heldFrames;
        return this;
    }

    /** @return most frames a delay holds back per stream. */
    public int heldFrames()
    {
        return heldFrames;
    }

    /**
     * @param roundSenders where each patch's rounds go; required.
     * @return this context.
     */
    public ChainSimulatorContext roundSenders(final RoundSenders roundSenders)
    {
        this.roundSenders = roundSenders;
        return this;
    }

    /** @return where each patch's rounds go. */
    public RoundSenders roundSenders()
    {
        return roundSenders;
    }

    /**
     * @param bellSenders where each repeater's Bell measurements go; required when the agent runs a repeater.
     * @return this context.
     */
    public ChainSimulatorContext bellSenders(final BellSenders bellSenders)
    {
        this.bellSenders = bellSenders;
        return this;
    }

    /** @return where each repeater's Bell measurements go. */
    public BellSenders bellSenders()
    {
        return bellSenders;
    }

    /**
     * @param truthSender where every node's {@link EpochTruth} records go, one per node and epoch; required.
     * @return this context.
     */
    public ChainSimulatorContext truthSender(final FrameSender truthSender)
    {
        this.truthSender = truthSender;
        return this;
    }

    /** @return where the truth records go. */
    public FrameSender truthSender()
    {
        return truthSender;
    }

    /**
     * @param clock the schedule's clock; default the system's.
     * @return this context.
     */
    public ChainSimulatorContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the schedule's clock, once concluded. */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @return round slots per epoch once concluded: the most rounds any link's block has, so that every node, alone
     * or in one agent with the others, keeps the same schedule.
     */
    public int slotsPerEpoch()
    {
        return slotsPerEpoch;
    }

    private static int[] allNodes(final int lastNode)
    {
        final int[] all = new int[lastNode + 1];
        Arrays.setAll(all, node -> node);
        return all;
    }

    private static void require(final boolean ok, final String what, final String setting, final Object value)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(what + ", " + setting + "=" + value);
        }
    }

    private static void requireSet(final Object value, final String setting)
    {
        if (value == null)
        {
            throw new IllegalStateException(setting + " must be set, " + setting + "=unset");
        }
    }
}
