package io.qecnode.node.topology;

import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.pipeline.NodeContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repeater chain as every one of its processes sees it, read from a topology file (Java properties): nodes
 * 0 (A), 1..n (repeaters), n + 1 (B); link i joins node i and node i + 1; where each node receives its left
 * neighbour's states and where the verifier receives reports and truth; the code and noise of each link.
 * <p>
 * Keys (every other key is refused, so a typo cannot pass silently; a key given twice is refused too):
 * <ul>
 *     <li>{@code repeaters=n} or {@code nodes=n+2} (both may be given if they agree): the chain's size.</li>
 *     <li>{@code seed}, {@code path} (the chain's path id), {@code neighbour-deadline} and {@code period}
 *     (durations with a unit: {@code 50ms}, {@code 1us}).</li>
 *     <li>{@code base-port}: the verifier's port by default, node i's is {@code base-port + 1 + i}.</li>
 *     <li>{@code node.<i>.host}, {@code node.<i>.port}: node i's state endpoint (default 127.0.0.1).</li>
 *     <li>{@code verifier.host}, {@code verifier.port}: the verifier's endpoint.</li>
 *     <li>{@code link.<i>.<setting>} and {@code link.*.<setting>} (for every link without its own) with the
 *     {@link NodeContext} settings {@code model, dem, distance, rounds, p, decoder, window}, same values and
 *     defaults; a DEM path is relative to the topology file's directory, and a DEM wins over a model.</li>
 * </ul>
 */
public final class ChainTopology
{
    /** Key of the number of repeaters. */
    public static final String REPEATERS_PROP = "repeaters";
    /** Key of the number of nodes, repeaters and both ends. */
    public static final String NODES_PROP = "nodes";
    /** Key of the chain's seed. */
    public static final String SEED_PROP = "seed";
    /** Key of the chain's path id. */
    public static final String PATH_PROP = "path";
    /** Key of the first port of the default endpoints. */
    public static final String BASE_PORT_PROP = "base-port";
    /** Key of how long a node waits for its left neighbour's state of an epoch. */
    public static final String DEADLINE_PROP = "neighbour-deadline";
    /** Key of the hardware's round period. */
    public static final String PERIOD_PROP = "period";
    /** Key of the verifier's host. */
    public static final String VERIFIER_HOST_PROP = "verifier.host";
    /** Key of the verifier's port. */
    public static final String VERIFIER_PORT_PROP = "verifier.port";
    /** Setting of a node's host, in {@code node.<i>.host}. */
    public static final String HOST = "host";
    /** Setting of a node's port, in {@code node.<i>.port}. */
    public static final String PORT = "port";
    /** Setting of the port a node receives on, in {@code node.<i>.bind-port}. */
    public static final String BIND_PORT = "bind-port";
    /** The link index of settings for every link without its own: {@code link.*.<setting>}. */
    public static final String ALL_LINKS = "*";
    /** The code settings a link takes, named as the {@link NodeContext} settings. */
    public static final List<String> LINK_SETTINGS = List.of(NodeContext.MODEL_PROP, NodeContext.DEM_PROP,
        NodeContext.DISTANCE_PROP, NodeContext.ROUNDS_PROP, NodeContext.P_PROP, NodeContext.DECODER_PROP,
        NodeContext.WINDOW_PROP);

    /** Most nodes in a chain: node i's address in a /24 is i + 1, and a few are kept for the verifier's side. */
    public static final int MAX_NODES = 250;
    /** The chain's seed when none is given. */
    public static final long SEED_DEFAULT = 1;
    /** The chain's path id when none is given. */
    public static final long PATH_DEFAULT = 0;
    /** The first port when none is given. */
    public static final int BASE_PORT_DEFAULT = 40100;
    /** Host of an endpoint when none is given. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** The neighbour deadline when none is given. */
    public static final String DEADLINE_DEFAULT = "50ms";
    /** The round period when none is given. */
    public static final String PERIOD_DEFAULT = "1us";
    /** A neighbour that does not exist: A's left, B's right. */
    public static final int NO_NODE = -1;
    /** Socket receive buffer of every UDP endpoint: Aeron's 128 KiB default overflowed under load (see README). */
    public static final String RECEIVE_BUFFER = "2m";

    private final Path file;
    private final long seed;
    private final long pathId;
    private final long neighbourDeadlineNs;
    private final long roundPeriodNs;
    private final String[] hosts;
    private final int[] ports;
    private final int[] bindPorts;
    private final String verifierHost;
    private final int verifierPort;
    private final LinkCode[] links;
    private final ChainTrust trust;

    // Checked by the reader; see TopologyReader.
    ChainTopology(
        final Path file, final long seed, final long pathId, final long neighbourDeadlineNs, final long roundPeriodNs,
        final String[] hosts, final int[] ports, final int[] bindPorts, final String verifierHost,
        final int verifierPort, final LinkCode[] links, final ChainTrust trust)
    {
        this.trust = trust;
        this.file = file;
        this.seed = seed;
        this.pathId = pathId;
        this.neighbourDeadlineNs = neighbourDeadlineNs;
        this.roundPeriodNs = roundPeriodNs;
        this.hosts = hosts;
        this.ports = ports;
        this.bindPorts = bindPorts;
        this.verifierHost = verifierHost;
        this.verifierPort = verifierPort;
        this.links = links;
    }

    /**
     * @param file a topology file.
     * @return the topology, checked.
     * @throws TopologyException naming the file (and the key) when it cannot be read or used.
     */
    public static ChainTopology read(final Path file)
    {
        return TopologyReader.read(file);
    }

    /**
     * @param file names the text in errors; a DEM path is resolved against its directory.
     * @param text the topology, as a file holds it.
     * @return the topology, checked.
     * @throws TopologyException naming the file and the key when it cannot be used.
     */
    public static ChainTopology parse(final Path file, final String text)
    {
        return TopologyReader.parse(file, text);
    }

    /**
     * The text of a default topology for {@code --nodes N}: every key written out, so the file says what the chain
     * runs (a node's bind port follows its port unless given); a setting given replaces the default of its key or is
     * added (e.g. {@code link.*.distance=9}, {@code node.1.host=10.77.0.2}, {@code link.2.dem=link2.dem}).
     * {@link #parse} it to check the settings.
     *
     * @param nodes    nodes of the chain, both ends included: {@code n + 2} for n repeaters.
     * @param settings keys and values that replace or add to the defaults.
     * @return the text of the topology file.
     */
    public static String generate(final int nodes, final Map<String, String> settings)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(NODES_PROP, String.valueOf(nodes));
        values.put(SEED_PROP, String.valueOf(SEED_DEFAULT));
        values.put(PATH_PROP, String.valueOf(PATH_DEFAULT));
        values.put(DEADLINE_PROP, DEADLINE_DEFAULT);
        values.put(PERIOD_PROP, PERIOD_DEFAULT);
        values.put(BASE_PORT_PROP, String.valueOf(BASE_PORT_DEFAULT));
        values.putAll(settings);
        final int basePort = parsePort(values.get(BASE_PORT_PROP));
        values.putIfAbsent(VERIFIER_HOST_PROP, HOST_DEFAULT);
        values.putIfAbsent(VERIFIER_PORT_PROP, String.valueOf(basePort));
        for (int i = 0; i < nodes; i++)
        {
            values.putIfAbsent(nodeKey(i, HOST), HOST_DEFAULT);
            values.putIfAbsent(nodeKey(i, PORT), String.valueOf(basePort + 1 + i));
            values.putIfAbsent(nodeKey(i, BIND_PORT), values.get(nodeKey(i, PORT)));
        }
        if (!values.containsKey(linkKey(ALL_LINKS, NodeContext.DEM_PROP)))
        {
            values.putIfAbsent(linkKey(ALL_LINKS, NodeContext.MODEL_PROP), NodeContext.MODEL_DEFAULT);
            values.putIfAbsent(linkKey(ALL_LINKS, NodeContext.P_PROP), String.valueOf(NodeContext.P_DEFAULT));
        }
        values.putIfAbsent(linkKey(ALL_LINKS, NodeContext.DISTANCE_PROP), String.valueOf(NodeContext.DISTANCE_DEFAULT));
        values.putIfAbsent(linkKey(ALL_LINKS, NodeContext.WINDOW_PROP), NodeContext.WINDOW_DEFAULT);

        final StringBuilder text = new StringBuilder()
            .append("# A repeater chain: A = node 0, repeaters 1..").append(nodes - 2).append(", B = node ")
            .append(nodes - 1).append(".\n# Link i joins node i and node i+1; link.*.<setting> applies to every link ")
            .append("without its own.\n");
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * Generate the default topology for {@code --nodes N}, check it, and write it: what a run of N nodes launches its
     * processes with.
     *
     * @param file     where to write it (named in errors; a DEM path is relative to its directory).
     * @param nodes    nodes of the chain, both ends included.
     * @param settings keys and values that replace or add to the defaults (see {@link #generate}).
     * @return the topology, as every process will read it back.
     * @throws TopologyException naming the file and the key of a bad setting (nothing is written), or the file if it
     *                           cannot be written.
     */
    public static ChainTopology write(final Path file, final int nodes, final Map<String, String> settings)
    {
        final String text = generate(nodes, settings);
        final ChainTopology topology = parse(file, text);
        try
        {
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new TopologyException("cannot write the topology (" + DecodeFailure.reason(ex) + ")", file, null,
                null, true, ex);
        }
        return topology;
    }

    // Only to place the default ports; the reader checks the value with the file and key in its message.
    private static int parsePort(final String text)
    {
        try
        {
            return Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            return BASE_PORT_DEFAULT;
        }
    }

    /**
     * @param node a node id.
     * @param setting {@link #HOST}, {@link #PORT} or {@link #BIND_PORT}.
     * @return its key, {@code node.<i>.<setting>}.
     */
    public static String nodeKey(final int node, final String setting)
    {
        return "node." + node + "." + setting;
    }

    /**
     * @param link    a link index, or {@link #ALL_LINKS}.
     * @param setting one of {@link #LINK_SETTINGS}.
     * @return its key, {@code link.<i>.<setting>}.
     */
    public static String linkKey(final Object link, final String setting)
    {
        return "link." + link + "." + setting;
    }

    /** @return the chain's trust settings ({@code trust.*} keys). */
    public ChainTrust trust()
    {
        return trust;
    }

    /** @return the file the topology was read from. */
    public Path file()
    {
        return file;
    }

    /** @return nodes in the chain, both ends included. */
    public int nodeCount()
    {
        return hosts.length;
    }

    /** @return repeaters in the chain: nodes less both ends. */
    public int repeaterCount()
    {
        return hosts.length - 2;
    }

    /** @return links in the chain, one fewer than nodes. */
    public int linkCount()
    {
        return links.length;
    }

    /**
     * @param node a node id in [0, nodeCount).
     * @return what the node does.
     */
    public NodeRole role(final int node)
    {
        checkNode(node);
        return node == 0 ? NodeRole.A : node == hosts.length - 1 ? NodeRole.B : NodeRole.REPEATER;
    }

    /**
     * @param node a node id.
     * @return its left neighbour, or {@link #NO_NODE} for A.
     */
    public int leftNeighbour(final int node)
    {
        checkNode(node);
        return node == 0 ? NO_NODE : node - 1;
    }

    /**
     * @param node a node id.
     * @return its right neighbour, or {@link #NO_NODE} for B.
     */
    public int rightNeighbour(final int node)
    {
        checkNode(node);
        return node == hosts.length - 1 ? NO_NODE : node + 1;
    }

    /**
     * @param node a node id.
     * @return the host of its state endpoint.
     */
    public String host(final int node)
    {
        checkNode(node);
        return hosts[node];
    }

    /**
     * @param node a node id.
     * @return the UDP port of its state endpoint.
     */
    public int port(final int node)
    {
        checkNode(node);
        return ports[node];
    }

    /**
     * @param node a node id.
     * @return the UDP port the node receives on: its {@link #port} unless something sits on the path.
     */
    public int bindPort(final int node)
    {
        checkNode(node);
        return bindPorts[node];
    }

    /**
     * @param node a node id.
     * @return the Aeron channel the node's neighbours send its states (and anything else for it) to.
     */
    public String stateChannel(final int node)
    {
        checkNode(node);
        return udpChannel(hosts[node], ports[node]);
    }

    /**
     * @param node a node id.
     * @return the Aeron channel the node subscribes on for what its neighbours send to its {@link #stateChannel}:
     * the same endpoint unless its bind port differs.
     */
    public String bindChannel(final int node)
    {
        checkNode(node);
        return udpChannel(hosts[node], bindPorts[node]);
    }

    /** @return the verifier's host. */
    public String verifierHost()
    {
        return verifierHost;
    }

    /** @return the verifier's UDP port. */
    public int verifierPort()
    {
        return verifierPort;
    }

    /** @return the Aeron channel of the verifier's endpoint, for every node's reports and every hardware's truth. */
    public String verifierChannel()
    {
        return udpChannel(verifierHost, verifierPort);
    }

    /** @return the chain's seed. */
    public long seed()
    {
        return seed;
    }

    /** @return the chain's path id, written in every chain state. */
    public long pathId()
    {
        return pathId;
    }

    /** @return how long a node waits for its left neighbour's state of an epoch, ns. */
    public long neighbourDeadlineNs()
    {
        return neighbourDeadlineNs;
    }

    /** @return the hardware's round period, ns. */
    public long roundPeriodNs()
    {
        return roundPeriodNs;
    }

    /**
     * @param link a link index in [0, linkCount): link i joins R_i of node i and L_(i+1) of node i + 1.
     * @return its code and noise.
     */
    public LinkCode link(final int link)
    {
        if (link < 0 || link >= links.length)
        {
            throw new IndexOutOfBoundsException("no link " + link + ": the chain has links 0.." + (links.length - 1));
        }
        return links[link];
    }

    /**
     * Set a link's code settings on a node's context, so the node (or its hardware) builds that patch's code.
     *
     * @param link    a link index.
     * @param context receives the settings.
     * @return the context.
     */
    public NodeContext applyLink(final int link, final NodeContext context)
    {
        return link(link).applyTo(context);
    }

    private void checkNode(final int node)
    {
        if (node < 0 || node >= hosts.length)
        {
            throw new IndexOutOfBoundsException("no node " + node + ": the chain has nodes 0.." + (hosts.length - 1));
        }
    }

    static String udpChannel(final String host, final int port)
    {
        return "aeron:udp?endpoint=" + host + ":" + port + "|so-rcvbuf=" + RECEIVE_BUFFER;
    }

    @Override
    public String toString()
    {
        return "chain of " + hosts.length + " nodes (" + repeaterCount() + " repeaters), file=" + file;
    }
}
