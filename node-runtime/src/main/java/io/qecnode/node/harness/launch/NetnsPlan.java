package io.qecnode.node.harness.launch;

import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.topology.ChainTopology;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Linux network namespace per node of a chain ({@code qec-<run>-<i>}), as if each node were its own host: every
 * namespace has a veth pair whose other end is on one bridge in the root namespace, so node i reaches node i + 1 and
 * every node reaches the verifier, which runs in the root namespace on the bridge's address. Addresses: node i is
 * {@code <subnet>.(i+1)}, the bridge {@code <subnet>.254} (default subnet 10.77.0.0/24). A child runs in its node's
 * namespace when its command starts with {@link #prefix}; {@link #close()} removes everything, to be called once the
 * children are gone ({@link ChainLauncher.Builder#closeAfterStop}). Needs root and the {@code ip} command (iproute2).
 */
public final class NetnsPlan implements AutoCloseable
{
    /** The first three octets of the chain's /24 when none is given. */
    public static final String SUBNET_DEFAULT = "10.77.0";
    /** Last octet of the bridge's address, the verifier's. */
    public static final int BRIDGE_OCTET = 254;

    private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,8}");
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private final String ip;
    private final String runId;
    private final String subnet;
    private final int nodes;
    private boolean closed;

    private NetnsPlan(final String ip, final String runId, final String subnet, final int nodes)
    {
        this.ip = ip;
        this.runId = runId;
        this.subnet = subnet;
        this.nodes = nodes;
    }

    /**
     * @return why {@code --netns} cannot be used here, as one line, or null when it can (root, {@code ip} found).
     */
    public static String refusal()
    {
        return refusal(effectiveUid(), ipCommand());
    }

    static String refusal(final long uid, final String ip)
    {
        if (uid < 0)
        {
            return "--netns needs Linux network namespaces (cannot read /proc/self/status)";
        }
        if (uid != 0)
        {
            return "--netns needs root (running as uid " + uid + ")";
        }
        if (ip == null)
        {
            return "--netns needs the ip command (iproute2), not found on the PATH nor in " +
                String.join(", ", SYSTEM_DIRECTORIES);
        }
        return null;
    }

    /**
     * Create the namespaces, the bridge and the links, and bring them up; on failure remove what was made.
     *
     * @param runId  the run's id (1-8 lower-case letters or digits), in every name.
     * @param nodes  nodes of the chain.
     * @param subnet the first three octets of a /24 no interface of this host is on, e.g. {@code 10.77.0}.
     * @return the plan, to {@link #close()}.
     * @throws IllegalStateException with {@link #refusal()} when it cannot be used here.
     * @throws CommandFailure        when the subnet is taken or an {@code ip} command fails.
     */
    public static NetnsPlan create(final String runId, final int nodes, final String subnet)
    {
        final String refusal = refusal();
        if (refusal != null)
        {
            throw new IllegalStateException(refusal);
        }
        if (!RUN_ID.matcher(runId).matches() || nodes < 1 || nodes > ChainTopology.MAX_NODES ||
            !SUBNET.matcher(subnet).matches())
        {
            throw new IllegalArgumentException("run id " + runId + ", nodes " + nodes + ", subnet " + subnet);
        }
        final NetnsPlan plan = new NetnsPlan(ipCommand(), runId, subnet, nodes);
        if (plan.ip("-o", "-4", "addr", "show").contains("inet " + subnet + "."))
        {
            throw new CommandFailure("the subnet " + subnet + ".0/24 is in use on this host (another chain run?), " +
                "--netns");
        }
        try
        {
            plan.build();
        }
        catch (final RuntimeException ex)
        {
            try
            {
                plan.close();
            }
            catch (final IllegalStateException left)
            {
                ex.addSuppressed(left);
            }
            throw ex;
        }
        return plan;
    }

    /**
     * @param runId the run's id.
     * @param nodes nodes of the chain.
     * @return the plan on {@link #SUBNET_DEFAULT}.
     * @see #create(String, int, String)
     */
    public static NetnsPlan create(final String runId, final int nodes)
    {
        return create(runId, nodes, SUBNET_DEFAULT);
    }

    private void build()
    {
        ip("link", "add", bridge(), "type", "bridge");
        ip("addr", "add", verifierAddress() + "/24", "dev", bridge());
        ip("link", "set", bridge(), "up");
        for (int node = 0; node < nodes; node++)
        {
            final String namespace = namespace(node);
            ip("netns", "add", namespace);
            ip("link", "add", hostEnd(node), "type", "veth", "peer", "name", namespaceEnd(node));
            ip("link", "set", namespaceEnd(node), "netns", namespace);
            ip("-n", namespace, "addr", "add", address(node) + "/24", "dev", namespaceEnd(node));
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("-n", namespace, "link", "set", namespaceEnd(node), "up");
            ip("link", "set", hostEnd(node), "master", bridge());
            ip("link", "set", hostEnd(node), "up");
        }
    }

    /**
     * @param node a node.
     * @return its namespace's name, {@code qec-<run>-<node>}.
     */
    public String namespace(final int node)
    {
        return "qec-" + runId + "-" + node;
    }

    /**
     * @param node a node.
     * @return what to put before the node's (or its hardware's) command: {@code ip netns exec <namespace>}.
     */
    public List<String> prefix(final int node)
    {
        return List.of(ip, "netns", "exec", namespace(node));
    }

    /**
     * @param node a node.
     * @return its address, in its namespace.
     */
    public String address(final int node)
    {
        return subnet + "." + (node + 1);
    }

    /** @return the bridge's address in the root namespace, where the verifier runs. */
    public String verifierAddress()
    {
        return subnet + "." + BRIDGE_OCTET;
    }

    /** @return the topology keys that put every node and the verifier on these addresses, for a generated topology. */
    public Map<String, String> topologySettings()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ChainTopology.VERIFIER_HOST_PROP, verifierAddress());
        for (int node = 0; node < nodes; node++)
        {
            settings.put(ChainTopology.nodeKey(node, ChainTopology.HOST), address(node));
        }
        return settings;
    }

    /**
     * Remove the links, the bridge and the namespaces (once); a namespace a process still runs in lives on unnamed
     * until it exits, so close after the children are gone.
     *
     * @throws IllegalStateException naming what is left, if anything.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // Deleting one end of a veth pair deletes both at once; a namespace's deletion would free them only later.
        for (int node = 0; node < nodes; node++)
        {
            ipQuietly("link", "del", hostEnd(node));
        }
        ipQuietly("link", "del", bridge());
        for (int node = 0; node < nodes; node++)
        {
            ipQuietly("netns", "del", namespace(node));
        }
        final List<String> left = leftovers();
        if (!left.isEmpty())
        {
            throw new IllegalStateException("network namespaces or links of the run left: " + left);
        }
    }

    /** @return the namespaces and links of this run that exist now. */
    public List<String> leftovers()
    {
        return leftovers(ip, runId);
    }

    /**
     * @param runId a run's id.
     * @return the namespaces and links of that run that exist now.
     */
    static List<String> leftovers(final String runId)
    {
        return leftovers(ipCommand(), runId);
    }

    private static List<String> leftovers(final String ip, final String runId)
    {
        final List<String> left = new ArrayList<>();
        for (final String line : run(ip, "netns", "list").split("\\R"))
        {
            final String name = line.split(" ")[0];
            if (name.startsWith("qec-" + runId + "-"))
            {
                left.add(name);
            }
        }
        for (final String line : run(ip, "-o", "link", "show").split("\\R"))
        {
            final String[] fields = line.split(":\\s+|@");
            final String name = fields.length > 1 ? fields[1] : "";
            if (name.equals("qb" + runId) || name.startsWith("q" + runId + "h") || name.startsWith("q" + runId + "n"))
            {
                left.add(name);
            }
        }
        return left;
    }

    // Interface names stay within Linux's 15 characters: "q" + run id (<= 8) + side + node (<= 3).
    private String bridge()
    {
        return "qb" + runId;
    }

    private String hostEnd(final int node)
    {
        return "q" + runId + "h" + node;
    }

    private String namespaceEnd(final int node)
    {
        return "q" + runId + "n" + node;
    }

    private String ip(final String... args)
    {
        return run(ip, args);
    }

    private static String run(final String ip, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ip);
        command.addAll(Arrays.asList(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0)
            {
                throw new CommandFailure("cannot set up the network namespaces: " + String.join(" ", command) +
                    " said " + output.strip().replace('\n', ' ') + ", --netns");
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot run " + ip + " (" + ex.getMessage() + "), --netns", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted running " + String.join(" ", command) + ", --netns", ex);
        }
    }

    // Removing what may not exist (a half-built plan): whatever is still there is reported by the leftovers check.
    private void ipQuietly(final String... args)
    {
        try
        {
            ip(args);
        }
        catch (final CommandFailure ex)
        {
            // See leftovers().
        }
    }

    private static long effectiveUid()
    {
        try
        {
            for (final String line : Files.readAllLines(Paths.get("/proc/self/status")))
            {
                if (line.startsWith("Uid:"))
                {
                    return Long.parseLong(line.split("\\s+")[2]);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux, or not as expected: refused below.
        }
        return -1;
    }

    private static String ipCommand()
    {
        final List<String> directories = new ArrayList<>(Arrays.asList(
            System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        directories.addAll(SYSTEM_DIRECTORIES);
        for (final String directory : directories)
        {
            final File ip = new File(directory, "ip");
            if (!directory.isEmpty() && ip.isFile() && ip.canExecute())
            {
                return ip.getPath();
            }
        }
        return null;
    }
}
