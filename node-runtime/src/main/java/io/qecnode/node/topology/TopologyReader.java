package io.qecnode.node.topology;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.chain.ChainNodeContext;
import io.qecnode.node.cli.DecoderModeConverter;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.trust.HelloContext;
import io.qecnode.node.trust.LinkKeyExchange;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.qecnode.node.topology.ChainTopology.ALL_LINKS;
import static io.qecnode.node.topology.ChainTopology.LINK_SETTINGS;
import static io.qecnode.node.topology.ChainTopology.linkKey;
import static io.qecnode.node.topology.ChainTopology.nodeKey;

/**
 * Reads a topology file and checks every key and value, refusing the first fault with one line that names the file
 * and the key. A link's code settings are checked by the {@link NodeContext} they go to, so a link accepts exactly
 * what a node's flags accept.
 */
final class TopologyReader
{
    // Indexes without leading zeros: node.01.host would never be looked up, so it must not pass as known.
    private static final Pattern NODE_KEY = Pattern.compile("node\\.(0|[1-9]\\d{0,8})\\.(host|port|bind-port)");
    private static final Pattern LINK_KEY = Pattern.compile("link\\.(0|[1-9]\\d{0,8}|\\*)\\.(.+)");
    // Names and IPv4/IPv6 addresses; nothing that would end or extend an Aeron channel URI.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
    private static final Set<String> TOP_KEYS = Set.of(ChainTopology.REPEATERS_PROP, ChainTopology.NODES_PROP,
        ChainTopology.SEED_PROP, ChainTopology.PATH_PROP, ChainTopology.BASE_PORT_PROP, ChainTopology.DEADLINE_PROP,
        ChainTopology.PERIOD_PROP, ChainTopology.VERIFIER_HOST_PROP, ChainTopology.VERIFIER_PORT_PROP);
    private static final int MAX_PORT = 65535;
    private static final long MAX_DEADLINE_NS = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_PERIOD_NS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final Properties values;

    private TopologyReader(final Path file, final Properties values)
    {
        this.file = file;
        this.values = values;
    }

    static ChainTopology read(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new TopologyException("cannot read the topology (" + DecodeFailure.reason(ex) + ")", file, null,
                null, true, ex);
        }
        return parse(file, text);
    }

    static ChainTopology parse(final Path file, final String text)
    {
        final List<String> repeated = new ArrayList<>();
        final Properties values = new Properties()
        {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(final Object key, final Object value)
            {
                if (containsKey(key))
                {
                    repeated.add((String)key);
                }
                return super.put(key, value);
            }
        };
        try
        {
            values.load(new StringReader(text));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new TopologyException("not a properties file (" + ex.getMessage() + ")", file, null, null);
        }
        if (!repeated.isEmpty())
        {
            final String key = repeated.get(0);
            throw new TopologyException("given twice (the last would silently win)", file, key, values.get(key));
        }
        return new TopologyReader(file, values).topology();
    }

    private ChainTopology topology()
    {
        final Set<String> keys = new TreeSet<>(values.stringPropertyNames());
        for (final String key : keys)
        {
            checkKnown(key);
        }
        final int nodes = nodeCount();
        for (final String key : keys)
        {
            checkIndex(key, nodes);
        }
        final long seed = longValue(ChainTopology.SEED_PROP, ChainTopology.SEED_DEFAULT, Long.MIN_VALUE,
            Long.MAX_VALUE);
        final long pathId = longValue(ChainTopology.PATH_PROP, ChainTopology.PATH_DEFAULT, 0,
            LogicalStateWriter.NO_PATH - 1);
        final long deadlineNs = duration(ChainTopology.DEADLINE_PROP, ChainTopology.DEADLINE_DEFAULT, 1_000,
            MAX_DEADLINE_NS);
        final long periodNs = duration(ChainTopology.PERIOD_PROP, ChainTopology.PERIOD_DEFAULT, 0, MAX_PERIOD_NS);
        final int basePort = (int)longValue(ChainTopology.BASE_PORT_PROP, ChainTopology.BASE_PORT_DEFAULT, 1,
            MAX_PORT - nodes);

        final Map<String, String> endpoints = new HashMap<>();
        final String verifierHost = host(ChainTopology.VERIFIER_HOST_PROP);
        final int verifierPort = port(ChainTopology.VERIFIER_PORT_PROP, basePort);
        endpoints.put(verifierHost + ":" + verifierPort, "the verifier's");
        final String[] hosts = new String[nodes];
        final int[] ports = new int[nodes];
        final int[] bindPorts = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            hosts[i] = host(nodeKey(i, ChainTopology.HOST));
            ports[i] = port(nodeKey(i, ChainTopology.PORT), basePort + 1 + i);
            claim(endpoints, hosts[i], ports[i], "node " + i + "'s", nodeKey(i, ChainTopology.PORT));
            bindPorts[i] = port(nodeKey(i, ChainTopology.BIND_PORT), ports[i]);
            if (bindPorts[i] != ports[i])
            {
                // Whatever sits on the advertised port forwards to this one: both must be free of every other use.
                claim(endpoints, hosts[i], bindPorts[i], "node " + i + "'s bind port",
                    nodeKey(i, ChainTopology.BIND_PORT));
            }
        }

        final LinkCode[] links = new LinkCode[nodes - 1];
        final Set<LinkCode> checked = new HashSet<>();
        for (int i = 0; i < links.length; i++)
        {
            links[i] = link(i);
            if (checked.add(links[i]))
            {
                check(i, links[i]);
            }
        }
        return new ChainTopology(file, seed, pathId, deadlineNs, periodNs, hosts, ports, bindPorts, verifierHost,
            verifierPort, links, trust());
    }

    private ChainTrust trust()
    {
        final Path base = file.toAbsolutePath().getParent();
        final String store = values.getProperty(ChainTrust.STORE_PROP);
        final String identities = values.getProperty(ChainTrust.IDENTITIES_PROP);
        final long helloNs = duration(ChainTrust.HELLO_INTERVAL_PROP, HelloContext.HELLO_INTERVAL_NS_DEFAULT,
            TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(1));
        final long deadNs = duration(ChainTrust.DEAD_INTERVAL_PROP, HelloContext.DEAD_INTERVAL_NS_DEFAULT, 2 * helloNs,
            TimeUnit.HOURS.toNanos(1));
        final long freshNs = duration(ChainTrust.FRESHNESS_PROP, HelloContext.FRESHNESS_NS_DEFAULT,
            TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.HOURS.toNanos(1));
        // Generations are seconds: at most one rotation a second, and a key exchange takes about three Hellos.
        final long rotationNs = duration(ChainTrust.ROTATION_PROP, HelloContext.ROTATION_NS_DEFAULT,
            Math.max(4 * helloNs, LinkKeyExchange.MIN_ROTATION_NS), TimeUnit.DAYS.toNanos(1));
        final long overlapNs = duration(ChainTrust.OVERLAP_PROP, ChainNodeContext.OVERLAP_NS_DEFAULT,
            TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.HOURS.toNanos(1));
        final String macText = values.getProperty(ChainTrust.MAC_PROP, "siphash-128");
        final StateMacAlgorithm mac = ChainTrust.macOf(macText);
        if (mac == null)
        {
            throw new TopologyException("must be siphash-128 or hmac-sha256-128", file, ChainTrust.MAC_PROP, macText);
        }
        return new ChainTrust(file, store == null ? null : base.resolve(store.trim()).normalize(),
            identities == null ? null : base.resolve(identities.trim()).normalize(), helloNs, deadNs, freshNs,
            rotationNs, overlapNs, mac);
    }

    private void claim(
        final Map<String, String> endpoints, final String host, final int port, final String owner, final String key)
    {
        final String other = endpoints.putIfAbsent(host + ":" + port, owner);
        if (other != null)
        {
            throw new TopologyException("the same endpoint " + host + ":" + port + " as " + other, file, key, port);
        }
    }

    private void checkKnown(final String key)
    {
        if (TOP_KEYS.contains(key) || NODE_KEY.matcher(key).matches() || ChainTrust.KEYS.contains(key))
        {
            return;
        }
        final Matcher link = LINK_KEY.matcher(key);
        if (!link.matches())
        {
            throw new TopologyException("unknown key", file, key, values.getProperty(key));
        }
        if (!LINK_SETTINGS.contains(link.group(2)))
        {
            throw new TopologyException("unknown link setting (known: " + String.join(", ", LINK_SETTINGS) + ")",
                file, key, values.getProperty(key));
        }
    }

    private void checkIndex(final String key, final int nodes)
    {
        final Matcher node = NODE_KEY.matcher(key);
        if (node.matches() && Integer.parseInt(node.group(1)) >= nodes)
        {
            throw new TopologyException("no such node: the chain has nodes 0.." + (nodes - 1), file, key,
                values.getProperty(key));
        }
        final Matcher link = LINK_KEY.matcher(key);
        if (link.matches() && !ALL_LINKS.equals(link.group(1)) && Integer.parseInt(link.group(1)) >= nodes - 1)
        {
            throw new TopologyException("no such link: the chain has links 0.." + (nodes - 2), file, key,
                values.getProperty(key));
        }
    }

    private int nodeCount()
    {
        final boolean repeatersGiven = values.getProperty(ChainTopology.REPEATERS_PROP) != null;
        final boolean nodesGiven = values.getProperty(ChainTopology.NODES_PROP) != null;
        if (!repeatersGiven && !nodesGiven)
        {
            throw new TopologyException("the chain's size is missing: give repeaters=n (or nodes=n+2)", file,
                ChainTopology.REPEATERS_PROP, null);
        }
        final int repeaters = repeatersGiven ? (int)longValue(ChainTopology.REPEATERS_PROP, 0, 0,
            ChainTopology.MAX_NODES - 2) : -1;
        final int nodes = nodesGiven ? (int)longValue(ChainTopology.NODES_PROP, 0, 2, ChainTopology.MAX_NODES) :
            repeaters + 2;
        if (repeatersGiven && nodes != repeaters + 2)
        {
            throw new TopologyException("does not match repeaters=" + repeaters + " (nodes = repeaters + 2)", file,
                ChainTopology.NODES_PROP, nodes);
        }
        return nodes;
    }

    private long longValue(final String key, final long defaultValue, final long min, final long max)
    {
        final String text = values.getProperty(key);
        if (text == null)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new TopologyException("not a whole number", file, key, text);
        }
        if (value < min || value > max)
        {
            throw new TopologyException("must be in [" + min + ", " + max + "]", file, key, text);
        }
        return value;
    }

    private long duration(final String key, final long defaultNs, final long minNs, final long maxNs)
    {
        return duration(key, Durations.text(defaultNs), minNs, maxNs);
    }

    private long duration(final String key, final String defaultValue, final long minNs, final long maxNs)
    {
        final String text = values.getProperty(key, defaultValue);
        final long ns;
        try
        {
            ns = Durations.nanos(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TopologyException(ex.getMessage(), file, key, text);
        }
        if (ns < minNs || ns > maxNs)
        {
            throw new TopologyException("must be between " + Durations.text(minNs) + " and " +
                Durations.text(maxNs), file, key, text);
        }
        return ns;
    }

    private String host(final String key)
    {
        final String text = values.getProperty(key, ChainTopology.HOST_DEFAULT).trim();
        if (!HOST.matcher(text).matches())
        {
            throw new TopologyException("not a host name or address", file, key, text);
        }
        return text;
    }

    private int port(final String key, final int defaultPort)
    {
        return (int)longValue(key, defaultPort, 1, MAX_PORT);
    }

    // Each setting from the link's own key, else from link.*; the key it came from names it in errors.
    private LinkCode link(final int link)
    {
        final String distance = linkKeyOf(link, NodeContext.DISTANCE_PROP);
        final String rounds = linkKeyOf(link, NodeContext.ROUNDS_PROP);
        final String p = linkKeyOf(link, NodeContext.P_PROP);
        final String decoder = linkKeyOf(link, NodeContext.DECODER_PROP);
        final String dem = linkKeyOf(link, NodeContext.DEM_PROP);
        final String model = linkKeyOf(link, NodeContext.MODEL_PROP);
        final String window = linkKeyOf(link, NodeContext.WINDOW_PROP);
        final Path base = file.toAbsolutePath().getParent();
        return new LinkCode(
            model == null ? null : values.getProperty(model).trim(),
            dem == null ? null : base.resolve(values.getProperty(dem).trim()).normalize(),
            distance == null ? null : (int)longValue(distance, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
            rounds == null ? null : (int)longValue(rounds, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
            p == null ? null : number(p),
            decoder == null ? null : growth(decoder),
            window == null ? null : values.getProperty(window).trim());
    }

    private String linkKeyOf(final int link, final String setting)
    {
        final String own = linkKey(link, setting);
        if (values.getProperty(own) != null)
        {
            return own;
        }
        final String all = linkKey(ALL_LINKS, setting);
        return values.getProperty(all) != null ? all : null;
    }

    private double number(final String key)
    {
        final String text = values.getProperty(key).trim();
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new TopologyException("not a number", file, key, text);
        }
    }

    private DecoderMode growth(final String key)
    {
        final String text = values.getProperty(key).trim();
        try
        {
            return new DecoderModeConverter().convert(text);
        }
        catch (final RuntimeException ex)
        {
            throw new TopologyException(ex.getMessage(), file, key, text);
        }
    }

    // The node's own checks, reported with the key the value came from.
    private void check(final int link, final LinkCode code)
    {
        try
        {
            code.applyTo(new NodeContext()).checkSettings();
        }
        catch (final NodeConfigException ex)
        {
            final String key = linkKeyOf(link, ex.setting());
            final String message = ex.getMessage();
            final int suffix = message.lastIndexOf(", --" + ex.setting() + "=");
            throw new TopologyException(suffix < 0 ? message : message.substring(0, suffix), file,
                key == null ? linkKey(link, ex.setting()) : key, key == null ? null : values.getProperty(key).trim(),
                ex.unreadableFile(), ex);
        }
    }
}
