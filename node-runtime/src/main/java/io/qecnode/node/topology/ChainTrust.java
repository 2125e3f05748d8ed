package io.qecnode.node.topology;

import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.node.trust.HelloContext;
import io.qecnode.node.trust.NodeIdentity;
import io.qecnode.node.trust.TrustException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The trust settings of a chain, from the topology's {@code trust.*} keys: where each node finds its identity and
 * its trust store (paths relative to the topology file; each host may hold its own files at the same path), the
 * Hello timing, the key rotation and overlap, and the state MAC. A chain node runs only with both directories given.
 */
public final class ChainTrust
{
    /** Key of the trust store directory. */
    public static final String STORE_PROP = "trust.store";
    /** Key of the identities directory (where {@code node-<id>.key} and {@code node-<id>.pub} are). */
    public static final String IDENTITIES_PROP = "trust.identities";
    /** Key of the time between Hellos. */
    public static final String HELLO_INTERVAL_PROP = "trust.hello-interval";
    /** Key of the dead interval. */
    public static final String DEAD_INTERVAL_PROP = "trust.dead-interval";
    /** Key of the Hello freshness window. */
    public static final String FRESHNESS_PROP = "trust.hello-freshness";
    /** Key of the key rotation period. */
    public static final String ROTATION_PROP = "trust.key-rotation";
    /** Key of the overlap of a key with its successor. */
    public static final String OVERLAP_PROP = "trust.key-overlap";
    /** Key of the state MAC: siphash-128 or hmac-sha256-128. */
    public static final String MAC_PROP = "trust.state-mac";
    /** Every trust key. */
    public static final List<String> KEYS = List.of(STORE_PROP, IDENTITIES_PROP, HELLO_INTERVAL_PROP,
        DEAD_INTERVAL_PROP, FRESHNESS_PROP, ROTATION_PROP, OVERLAP_PROP, MAC_PROP);

    private final Path file;
    private final Path store;
    private final Path identities;
    private final long helloIntervalNs;
    private final long deadIntervalNs;
    private final long freshnessNs;
    private final long rotationNs;
    private final long overlapNs;
    private final StateMacAlgorithm mac;

    ChainTrust(
        final Path file, final Path store, final Path identities, final long helloIntervalNs,
        final long deadIntervalNs, final long freshnessNs, final long rotationNs, final long overlapNs,
        final StateMacAlgorithm mac)
    {
        this.file = file;
        this.store = store;
        this.identities = identities;
        this.helloIntervalNs = helloIntervalNs;
        this.deadIntervalNs = deadIntervalNs;
        this.freshnessNs = freshnessNs;
        this.rotationNs = rotationNs;
        this.overlapNs = overlapNs;
        this.mac = mac;
    }

    /**
     * @param text a MAC's name in a topology, any case.
     * @return the algorithm, or null if it names none.
     */
    static StateMacAlgorithm macOf(final String text)
    {
        final String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final StateMacAlgorithm algorithm : StateMacAlgorithm.values())
        {
            if (algorithm.name().equals(name))
            {
                return algorithm;
            }
        }
        return null;
    }

    /** @return the trust store directory, or null if the topology names none. */
    public Path store()
    {
        return store;
    }

    /** @return the identities directory, or null if the topology names none. */
    public Path identities()
    {
        return identities;
    }

    /** @return how long a key stays accepted after the first state under its successor, ns. */
    public long overlapNs()
    {
        return overlapNs;
    }

    /** @return the state MAC. */
    public StateMacAlgorithm mac()
    {
        return mac;
    }

    /**
     * A node's trust context from these settings, with its identity loaded.
     *
     * @param node the node's id.
     * @return the context, to be completed with the node's channels and concluded.
     * @throws TopologyException naming the file and key when a directory is not given, or the identity cannot be
     *                           read.
     */
    public HelloContext context(final int node)
    {
        if (store == null || identities == null)
        {
            final String key = store == null ? STORE_PROP : IDENTITIES_PROP;
            throw new TopologyException("a chain runs only between admitted nodes: the topology must name the " +
                "trust store (" + STORE_PROP + ") and the nodes' identities (" + IDENTITIES_PROP + ")", file, key,
                null);
        }
        final NodeIdentity identity;
        try
        {
            identity = NodeIdentity.load(identities, node);
        }
        catch (final TrustException ex)
        {
            throw new TopologyException("cannot load node " + node + "'s identity (" + ex.getMessage() + ")", file,
                IDENTITIES_PROP, identities, true, ex);
        }
        return new HelloContext().identity(identity).trustStore(store).helloIntervalNs(helloIntervalNs)
            .deadIntervalNs(deadIntervalNs).freshnessNs(freshnessNs).rotationNs(rotationNs).macAlgorithm(mac);
    }
}
