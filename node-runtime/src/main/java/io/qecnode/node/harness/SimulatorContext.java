package io.qecnode.node.harness;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.faults.FaultInjector;
import io.qecnode.sim.faults.FaultPlan;
import io.qecnode.sim.run.SimulatorAgent;
import io.qecnode.sim.run.TruthListener;
import io.qecnode.sim.source.SyndromeSource;
import io.qecnode.sim.timing.RoundPacer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The one description of the simulated hardware, for the {@code sim} command and the in-process chain alike: the
 * code it samples, its round period, faults, seed, where it publishes, and the ids in every frame. Fill it, then
 * {@link #conclude()} checks it and {@link #newAgent} builds the simulator.
 */
public final class SimulatorContext
{
    /** Key (and long option) of the round period. */
    public static final String PERIOD_PROP = "period";
    /** Key of the fault plan. */
    public static final String FAULTS_PROP = "faults";
    /** Key of the seed. */
    public static final String SEED_PROP = "seed";

    /** Round period when none is given. */
    public static final long PERIOD_NS_DEFAULT = 1_000;
    /** Longest round period. */
    public static final long PERIOD_NS_MAX = TimeUnit.SECONDS.toNanos(1);
    /** Seed when none is given. */
    public static final long SEED_DEFAULT = 1;
    /** Source node id in every frame when none is given. */
    public static final int SOURCE_NODE_DEFAULT = NodeContext.NODE_ID_DEFAULT;
    /** Mixed into the seed so that faults and samples do not share a random stream. */
    private static final long FAULT_SEED_MIX = 0x5EEDL;

    private CodeDescription code;
    private long periodNs = PERIOD_NS_DEFAULT;
    private FaultPlan faults = FaultPlan.none();
    private long seed = SEED_DEFAULT;
    private String channel = NodeContext.CHANNEL_DEFAULT;
    private int stream = NodeContext.ROUNDS_STREAM_DEFAULT;
    private long roundLimit;
    private int sourceNode = SOURCE_NODE_DEFAULT;
    private int logicalQubit;
    private NanoClock clock;

    /**
     * @return this context, checked, defaults filled.
     * @throws NodeConfigException naming the setting at fault.
     */
    public SimulatorContext conclude()
    {
        if (code == null)
        {
            throw new IllegalStateException("the simulator needs a code");
        }
        NodeConfigException.check(periodNs >= 0 && periodNs <= PERIOD_NS_MAX, "must be in [0, 1s]", PERIOD_PROP,
            periodNs + "ns");
        NodeConfigException.check(stream >= 1, "must be >= 1", "stream", stream);
        NodeConfigException.check(roundLimit >= 0, "must be >= 0", "rounds-limit", roundLimit);
        NodeConfigException.check(sourceNode >= 0, "must be >= 0", NodeContext.NODE_PROP, sourceNode);
        NodeConfigException.check(logicalQubit >= 0, "must be >= 0", "logical-qubit", logicalQubit);
        clock = clock != null ? clock : SystemNanoClock.INSTANCE;
        return this;
    }

    /**
     * @param out    where the rounds go, after fault injection.
     * @param truths receives each block's ground truth.
     * @return the simulator, not started.
     */
    public SimulatorAgent newAgent(final FrameSender out, final TruthListener truths)
    {
        conclude();
        final FaultInjector injector = new FaultInjector(faults, seed ^ FAULT_SEED_MIX,
            SyndromeRoundWriter.frameLength(code.rounds().maxDetectorsPerRound()), out::send);
        return new SimulatorAgent(SyndromeSource.forCode(code, seed, faults.burstFactor()), injector,
            new RoundPacer(clock, periodNs), clock, truths, sourceNode, logicalQubit, code.distance(), Basis.Z,
            roundLimit);
    }

    /**
     * @param code the code and noise to sample.
     * @return this context.
     */
    public SimulatorContext code(final CodeDescription code)
    {
        this.code = code;
        return this;
    }

    /** @return the code and noise sampled. */
    public CodeDescription code()
    {
        return code;
    }

    /**
     * @param periodNs round period; 0 for as fast as possible.
     * @return this context.
     */
    public SimulatorContext periodNs(final long periodNs)
    {
        this.periodNs = periodNs;
        return this;
    }

    /** @return the round period, ns; 0 for as fast as possible. */
    public long periodNs()
    {
        return periodNs;
    }

    /**
     * @param faults what to inject.
     * @return this context.
     */
    public SimulatorContext faults(final FaultPlan faults)
    {
        this.faults = faults;
        return this;
    }

    /** @return what is injected. */
    public FaultPlan faults()
    {
        return faults;
    }

    /**
     * @param seed seed of the samples (and, mixed, of the faults).
     * @return this context.
     */
    public SimulatorContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /** @return the seed. */
    public long seed()
    {
        return seed;
    }

    /**
     * @param channel Aeron channel the rounds are published on.
     * @param stream  their stream.
     * @return this context.
     */
    public SimulatorContext out(final String channel, final int stream)
    {
        this.channel = channel;
        this.stream = stream;
        return this;
    }

    /** @return the channel the rounds are published on. */
    public String channel()
    {
        return channel;
    }

    /** @return the stream the rounds are published on. */
    public int stream()
    {
        return stream;
    }

    /**
     * @param rounds rounds emitted before the simulator stops; 0 for no limit.
     * @return this context.
     */
    public SimulatorContext roundLimit(final long rounds)
    {
        this.roundLimit = rounds;
        return this;
    }

    /**
     * @param node         source node id in every frame.
     * @param logicalQubit logical qubit id in every frame.
     * @return this context.
     */
    public SimulatorContext ids(final int node, final int logicalQubit)
    {
        this.sourceNode = node;
        this.logicalQubit = logicalQubit;
        return this;
    }

    /**
     * @param clock the simulator's clock; default: the system's.
     * @return this context.
     */
    public SimulatorContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the simulator's clock, once concluded. */
    public NanoClock clock()
    {
        return clock;
    }
}
