package io.qecnode.node.trust;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.node.pipeline.NodeConfigException;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;

/**
 * The one description of a chain node's trust: who it is (its ML-DSA identity), whom it admits (its trust store
 * directory, re-read when it changes), its neighbours, and the timing of its Q-HELLOs, their freshness, the dead
 * interval and the key rotation; plus what a wiring site hands in. {@link #conclude()} checks every value, naming the
 * setting at fault in a {@link NodeConfigException}, and fills the defaults, among them the links' session keys
 * that the node's hot thread is given ({@link #leftKeys()}, {@link #rightKeys()}, {@link #admittedNodes()}).
 * {@link HelloAgent} runs it, on a cold thread.
 *
 * <h2>Settings (defaults)</h2>
 * <ul>
 *     <li>{@link #helloIntervalNs} ({@value #HELLO_INTERVAL_PROP}, 100 ms): time between Hellos to each
 *     neighbour.</li>
 *     <li>{@link #deadIntervalNs} ({@value #DEAD_INTERVAL_PROP}, 1 s): a neighbour with no accepted Hello for this
 *     long is dead, and its link's keys are revoked until a new session.</li>
 *     <li>{@link #freshnessNs} ({@value #FRESHNESS_PROP}, 5 s): a Hello whose timestamp is further than this from
 *     the receiver's wall clock is stale (the nodes' clocks are assumed synchronised to well within it).</li>
 *     <li>{@link #rotationNs} ({@value #ROTATION_PROP}, 10 s): how often a link's holder offers a new key.</li>
 *     <li>{@link #verifiesPerSecond} ({@value #VERIFIES_PROP}, 50): signature checks per second per sending image
 *     (a flood of forged Hellos on one image cannot starve the neighbour's own).</li>
 *     <li>{@link #macAlgorithm} ({@value #MAC_PROP}, SIPHASH_128).</li>
 * </ul>
 */
public final class HelloContext
{
    /** Key of the time between Hellos. */
    public static final String HELLO_INTERVAL_PROP = "hello-interval";
    /** Key of the dead interval. */
    public static final String DEAD_INTERVAL_PROP = "dead-interval";
    /** Key of the freshness window. */
    public static final String FRESHNESS_PROP = "hello-freshness";
    /** Key of the key rotation period. */
    public static final String ROTATION_PROP = "key-rotation";
    /** Key of the signature checks per image and second. */
    public static final String VERIFIES_PROP = "hello-verifies";
    /** Key of the state MAC. */
    public static final String MAC_PROP = "state-mac";
    /** Key of the trust store directory. */
    public static final String TRUST_STORE_PROP = "trust-store";
    /** Key of the identity directory. */
    public static final String IDENTITY_PROP = "identity-dir";

    /** No neighbour on that side. */
    public static final int NO_NEIGHBOUR = -1;
    /** Time between Hellos when none is given. */
    public static final long HELLO_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(100);
    /** Dead interval when none is given. */
    public static final long DEAD_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Freshness window when none is given. */
    public static final long FRESHNESS_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** Key rotation period when none is given. */
    public static final long ROTATION_NS_DEFAULT = TimeUnit.SECONDS.toNanos(10);
    /** Signature checks per image and second when none is given. */
    public static final int VERIFIES_DEFAULT = 50;

    private NodeIdentity identity;
    private Path trustStore;
    private long pathId;
    private int leftNode = NO_NEIGHBOUR;
    private int rightNode = NO_NEIGHBOUR;
    private long helloIntervalNs = HELLO_INTERVAL_NS_DEFAULT;
    private long deadIntervalNs = DEAD_INTERVAL_NS_DEFAULT;
    private long freshnessNs = FRESHNESS_NS_DEFAULT;
    private long rotationNs = ROTATION_NS_DEFAULT;
    private int verifiesPerSecond = VERIFIES_DEFAULT;
    private StateMacAlgorithm macAlgorithm;

    private Subscription hellos;
    private Publication leftHellos;
    private Publication rightHellos;
    private SessionKeys leftKeys;
    private SessionKeys rightKeys;
    private AdmittedNodes admittedNodes;
    private HelloCounters counters;
    private EpochNanoClock clock;
    private IntToDoubleFunction fidelity;
    private Consumer<String> log;

    /**
     * Check every setting and fill the defaults.
     *
     * @return this context.
     * @throws NodeConfigException naming the setting at fault.
     */
    public HelloContext conclude()
    {
        NodeConfigException.check(identity != null, "a trusted node needs its identity", IDENTITY_PROP, "none");
        NodeConfigException.check(trustStore != null, "a trusted node needs a trust store", TRUST_STORE_PROP,
            "none");
        NodeConfigException.check(leftNode != NO_NEIGHBOUR || rightNode != NO_NEIGHBOUR,
            "a chain node has at least one neighbour", "neighbours", "none");
        positive(helloIntervalNs, HELLO_INTERVAL_PROP);
        NodeConfigException.check(deadIntervalNs > helloIntervalNs, "must be longer than the hello interval (" +
            helloIntervalNs + "ns)", DEAD_INTERVAL_PROP, deadIntervalNs + "ns");
        positive(freshnessNs, FRESHNESS_PROP);
        NodeConfigException.check(rotationNs >= Math.max(4 * helloIntervalNs, LinkKeyExchange.MIN_ROTATION_NS),
            "must be at least 1 s and 4 hello intervals (a key exchange takes about 3)", ROTATION_PROP,
            rotationNs + "ns");
        NodeConfigException.check(verifiesPerSecond > 0, "must be > 0", VERIFIES_PROP, verifiesPerSecond);
        macAlgorithm = macAlgorithm != null ? macAlgorithm : StateMacAlgorithm.SIPHASH_128;
        leftKeys = leftNode == NO_NEIGHBOUR ? null : leftKeys != null ? leftKeys : new SessionKeys(macAlgorithm);
        rightKeys = rightNode == NO_NEIGHBOUR ? null : rightKeys != null ? rightKeys : new SessionKeys(macAlgorithm);
        admittedNodes = admittedNodes != null ? admittedNodes : new AdmittedNodes();
        clock = clock != null ? clock : new OffsetEpochNanoClock();
        fidelity = fidelity != null ? fidelity : side -> 1.0;
        log = log != null ? log : line -> {};
        return this;
    }

    private static void positive(final long ns, final String setting)
    {
        NodeConfigException.check(ns > 0, "must be > 0 ns", setting, ns + "ns");
    }

    /**
     * @param identity this node's ML-DSA identity (its id is the node's id).
     * @return this.
     */
    public HelloContext identity(final NodeIdentity identity)
    {
        this.identity = identity;
        return this;
    }

    /** @return this node's identity. */
    public NodeIdentity identity()
    {
        return identity;
    }

    /** @return this node's id. */
    public int nodeId()
    {
        return identity.nodeId();
    }

    /**
     * @param directory the trust store: the public keys of the admitted nodes, re-read when it changes.
     * @return this.
     */
    public HelloContext trustStore(final Path directory)
    {
        this.trustStore = directory;
        return this;
    }

    /** @return the trust store directory. */
    public Path trustStore()
    {
        return trustStore;
    }

    /**
     * @param pathId the chain's path id, bound into every Hello and key.
     * @return this.
     */
    public HelloContext pathId(final long pathId)
    {
        this.pathId = pathId;
        return this;
    }

    /** @return the chain's path id. */
    public long pathId()
    {
        return pathId;
    }

    /**
     * @param node the left neighbour (this node holds the left link's key), or {@link #NO_NEIGHBOUR}.
     * @return this.
     */
    public HelloContext leftNode(final int node)
    {
        this.leftNode = node;
        return this;
    }

    /** @return the left neighbour, or {@link #NO_NEIGHBOUR}. */
    public int leftNode()
    {
        return leftNode;
    }

    /**
     * @param node the right neighbour (this node sends it states), or {@link #NO_NEIGHBOUR}.
     * @return this.
     */
    public HelloContext rightNode(final int node)
    {
        this.rightNode = node;
        return this;
    }

    /** @return the right neighbour, or {@link #NO_NEIGHBOUR}. */
    public int rightNode()
    {
        return rightNode;
    }

    /**
     * @param ns time between Hellos to each neighbour.
     * @return this.
     */
    public HelloContext helloIntervalNs(final long ns)
    {
        this.helloIntervalNs = ns;
        return this;
    }

    /** @return time between Hellos to each neighbour, ns. */
    public long helloIntervalNs()
    {
        return helloIntervalNs;
    }

    /**
     * @param ns how long without an accepted Hello makes a neighbour dead.
     * @return this.
     */
    public HelloContext deadIntervalNs(final long ns)
    {
        this.deadIntervalNs = ns;
        return this;
    }

    /** @return the dead interval, ns. */
    public long deadIntervalNs()
    {
        return deadIntervalNs;
    }

    /**
     * @param ns the largest distance between a Hello's timestamp and the receiver's clock.
     * @return this.
     */
    public HelloContext freshnessNs(final long ns)
    {
        this.freshnessNs = ns;
        return this;
    }

    /** @return the freshness window, ns. */
    public long freshnessNs()
    {
        return freshnessNs;
    }

    /**
     * @param ns how often a link's holder offers a new key.
     * @return this.
     */
    public HelloContext rotationNs(final long ns)
    {
        this.rotationNs = ns;
        return this;
    }

    /** @return the key rotation period, ns. */
    public long rotationNs()
    {
        return rotationNs;
    }

    /**
     * @param count signature checks per second per sending image.
     * @return this.
     */
    public HelloContext verifiesPerSecond(final int count)
    {
        this.verifiesPerSecond = count;
        return this;
    }

    /** @return signature checks per second per sending image. */
    public int verifiesPerSecond()
    {
        return verifiesPerSecond;
    }

    /**
     * @param algorithm the MAC of the node's states.
     * @return this.
     */
    public HelloContext macAlgorithm(final StateMacAlgorithm algorithm)
    {
        this.macAlgorithm = algorithm;
        return this;
    }

    /** @return the MAC of the node's states. */
    public StateMacAlgorithm macAlgorithm()
    {
        return macAlgorithm;
    }

    /**
     * @param subscription the Hellos from both neighbours, on the node's own endpoint.
     * @return this.
     */
    public HelloContext hellos(final Subscription subscription)
    {
        this.hellos = subscription;
        return this;
    }

    /** @return the Hellos from both neighbours. */
    public Subscription hellos()
    {
        return hellos;
    }

    /**
     * @param publication Hellos to the left neighbour's endpoint.
     * @return this.
     */
    public HelloContext leftHellos(final Publication publication)
    {
        this.leftHellos = publication;
        return this;
    }

    /** @return Hellos to the left neighbour. */
    public Publication leftHellos()
    {
        return leftHellos;
    }

    /**
     * @param publication Hellos to the right neighbour's endpoint.
     * @return this.
     */
    public HelloContext rightHellos(final Publication publication)
    {
        this.rightHellos = publication;
        return this;
    }

    /** @return Hellos to the right neighbour. */
    public Publication rightHellos()
    {
        return rightHellos;
    }

    /**
     * @param keys the left link's keys (default: new ones).
     * @return this.
     */
    public HelloContext leftKeys(final SessionKeys keys)
    {
        this.leftKeys = keys;
        return this;
    }

    /** @return the left link's keys, which open the left neighbour's states; null without a left neighbour. */
    public SessionKeys leftKeys()
    {
        return leftKeys;
    }

    /**
     * @param keys the right link's keys (default: new ones).
     * @return this.
     */
    public HelloContext rightKeys(final SessionKeys keys)
    {
        this.rightKeys = keys;
        return this;
    }

    /** @return the right link's keys, which seal this node's states; null without a right neighbour. */
    public SessionKeys rightKeys()
    {
        return rightKeys;
    }

    /**
     * @param nodes the admitted ids the hot thread reads (default: a new set).
     * @return this.
     */
    public HelloContext admittedNodes(final AdmittedNodes nodes)
    {
        this.admittedNodes = nodes;
        return this;
    }

    /** @return the admitted ids, kept up to date with the trust store. */
    public AdmittedNodes admittedNodes()
    {
        return admittedNodes;
    }

    /**
     * @param counters the Hello counters (default: in memory).
     * @return this.
     */
    public HelloContext counters(final HelloCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** @return the Hello counters. */
    public HelloCounters counters()
    {
        return counters;
    }

    /**
     * @param clock the wall clock the Hellos' timestamps are read from (default: the system's, ns resolution).
     * @return this.
     */
    public HelloContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the wall clock. */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * @param fidelity this node's estimate of its side of a link, by side (0 left, 1 right); default 1.
     * @return this.
     */
    public HelloContext fidelity(final IntToDoubleFunction fidelity)
    {
        this.fidelity = fidelity;
        return this;
    }

    /** @return this node's fidelity estimate by side. */
    public IntToDoubleFunction fidelity()
    {
        return fidelity;
    }

    /**
     * @param log where reports go: each refusal kind's first case, neighbours going alive or dead, trust store
     *            changes, keys installed.
     * @return this.
     */
    public HelloContext log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }

    /** @return where reports go. */
    public Consumer<String> log()
    {
        return log;
    }
}
