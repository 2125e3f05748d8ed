package io.qecnode.node.harness.launch;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.QecNodeMain;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.harness.chain.ChainHardwareRun;
import io.qecnode.node.topology.ChainTopology;
import io.qecnode.node.topology.ChainTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code chain}: a repeater chain as separate processes, launched and followed by {@link ChainLauncher}: the
 * verifier, then every node (its own media driver), then every node's hardware (a client of its node's driver).
 */
@Command(
    name = "chain",
    header = "Run a repeater chain as separate processes.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Launch the verifier ('verify'), every node ('run --topology', each with its own media driver, node to " +
            "node over Aeron UDP) and every node's hardware ('sim --topology', on IPC of its node's driver) as " +
            "child processes, each logging to <run dir>/<name>.log; start every hardware's schedule at the same " +
            "moment once all are connected; print the verifier's progress line every second; stop everything " +
            "cleanly at the end (SIGTERM, then SIGKILL after a grace; nothing left in /dev/shm, no process left); " +
            "print the verifier's summary and each process's last line. Exit code 0 only if every process ran, " +
            "the verifier passed (every epoch judged, no frame-algebra mismatch) and nothing was left behind.",
        "The topology is --topology FILE, or one generated into the run directory for --repeaters " +
            "(round period 1ms, neighbour deadline 500ms, the other keys at their defaults; change any with --set). Nodes keep no journal: " +
            "every patch starts fresh each epoch, so a node killed and restarted (--kill) misses only the epochs " +
            "it was down for, which B and the verifier flag failed or incomplete. Processes idle by backing off to " +
            "sleep: this mode is for correctness and faults; use 'simulate' (one process) for latency."})
public final class ChainCommand implements Callable<Integer>
{
    /** The round period of a generated topology: several processes share few cores, and JVMs start cold. */
    public static final String PERIOD_DEFAULT = "1ms";
    /**
     * The neighbour deadline of a generated topology: on a shared host a process is descheduled for tens of
     * milliseconds now and then, which 50 ms would turn into incomplete epochs.
     */
    public static final String DEADLINE_DEFAULT = "500ms";

    private static final String MAIN = QecNodeMain.class.getName();
    private static final String START_FILE = "start";
    private static final long START_DELAY_MS = 500;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    private CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE", description = "The chain's topology file.")
    private Path topology;

    @Option(names = "--repeaters", paramLabel = "N",
        description = "Generate a topology with N repeaters between A and B, 0.." + (ChainTopology.MAX_NODES - 2) +
            " (as simulate's --repeaters; --nodes there is the memory pipeline's). Default: 1.")
    private Integer repeaters;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "A key of the generated topology (repeatable), e.g. --set link.*.distance=3 --set period=1ms.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs the hardware runs; instead of --duration.")
    private Long epochs;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
        description = "The hardware's run, as epochs at the topology's round period (not wall time: a loaded host " +
            "takes longer). Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--netns", description = "Put each node and its hardware in its own Linux network namespace, " +
        "joined by veth pairs to a bridge where the verifier runs (root only).")
    private boolean netns;

    @Option(names = "--kill", paramLabel = "NODE@AT[+DOWN]",
        description = "Fault: SIGKILL node NODE at AT after the start, restart it DOWN later (default 1s), e.g. " +
            "1@3s+2s. Its hardware keeps running.")
    private String kill;

    @Option(names = "--run-dir", paramLabel = "DIR",
        description = "Where the topology, the start file and the logs go. Default: qec-chain-<run id> here.")
    private Path runDir;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final ChainLauncher.Builder launch = ChainLauncher.builder();
        final Path directory = runDir != null ? runDir : Paths.get("qec-chain-" + launch.runId());
        final int nodeCount = nodeCount();
        if (netns && NetnsPlan.refusal() != null)
        {
            throw new ParameterException(spec.commandLine(), NetnsPlan.refusal() + ", --netns");
        }
        final KillPlan killPlan = kill == null ? null : KillPlan.parse(spec, kill);
        createDirectory(directory);
        NetnsPlan plan = null;
        try
        {
            if (netns)
            {
                plan = NetnsPlan.create(launch.runId(), nodeCount);
                launch.closeAfterStop(plan);
            }
            final ChainTopology chain = chainTopology(directory, nodeCount, plan);
            if (killPlan != null)
            {
                Ranges.check(spec, "--kill", killPlan.node, 0, chain.nodeCount() - 1);
            }
            final long runEpochs = epochs(chain);
            final Path start = directory.resolve(START_FILE);
            Files.deleteIfExists(start);
            launch.runDirectory(directory)
                .process("verifier", MAIN, "verify", "--topology", chain.file().toString(), "--epochs",
                    String.valueOf(runEpochs), "--embedded-dir", launch.driverDirectory("verifier"))
                .completesRun("verifier");
            for (int node = 0; node < chain.nodeCount(); node++)
            {
                launch.process(nodeName(node), MAIN, "run", "--topology", chain.file().toString(), "--node",
                    String.valueOf(node), "--embedded-dir", launch.driverDirectory(nodeName(node)));
            }
            for (int node = 0; node < chain.nodeCount(); node++)
            {
                launch.process(hardwareName(node), MAIN, "sim", "--topology", chain.file().toString(), "--node",
                    String.valueOf(node), "--aeron-dir", launch.driverDirectory(nodeName(node)), "--epochs",
                    String.valueOf(runEpochs), "--start-file", start.toString())
                    .completesRun(hardwareName(node));
                if (plan != null)
                {
                    launch.commandPrefix(nodeName(node), plan.prefix(node))
                        .commandPrefix(hardwareName(node), plan.prefix(node));
                }
            }
            launch.progress(ProgressSource.lastLineOf("verifier"), line ->
            {
                out.println(line);
                out.flush();
            });
            out.printf("chain: %s, %d epochs, run %s, logs in %s%s%n", chain, runEpochs, launch.runId(), directory,
                plan == null ? "" : ", network namespaces qec-" + launch.runId() + "-*");
            out.flush();
            plan = null;
            return run(launch, directory, chain, runEpochs, killPlan, out);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot write the start file (" + ex.getMessage() + "), file=" + directory, ex);
        }
        finally
        {
            if (plan != null)
            {
                plan.close();
            }
        }
    }

    private int run(
        final ChainLauncher.Builder launch, final Path logs, final ChainTopology chain, final long runEpochs,
        final KillPlan killPlan, final PrintWriter out) throws InterruptedException, IOException
    {
        final RunOutcome outcome;
        final StopReport report;
        try (ChainLauncher launcher = launch.start())
        {
            if (awaitReady(launcher, chain, logs))
            {
                ChainHardwareRun.writeStart(logs.resolve(START_FILE), System.currentTimeMillis() + START_DELAY_MS);
                out.println("chain: every link authenticated, every node and its hardware connected; the hardware " +
                    "starts in " + START_DELAY_MS + " ms");
                out.flush();
                if (killPlan != null)
                {
                    killPlan.start(launcher, nodeName(killPlan.node), out);
                }
            }
            final long epochNs = epochNs(chain);
            final long expectedMs = TimeUnit.NANOSECONDS.toMillis(runEpochs * epochNs);
            outcome = launcher.awaitCompletion(Duration.ofMinutes(5).plusMillis(10 * expectedMs));
            report = launcher.stop();
        }
        out.println("chain: " + outcome.line());
        printTail(out, logs.resolve("verifier.log"), "verifier: ");
        for (int node = 0; node < chain.nodeCount(); node++)
        {
            out.println(nodeName(node) + ": " + lastLineStarting(logs, nodeName(node), "run: stopped:"));
            out.println(hardwareName(node) + ": " + lastLineStarting(logs, hardwareName(node), "sim: done:"));
        }
        report.children().forEach(line -> out.println("chain: " + line));
        out.println("chain: " + report.summary());
        final boolean passed = outcome.kind() == RunOutcome.Kind.COMPLETED && report.isClean();
        out.println("chain: " + (passed ? "passed" : "FAILED") + ": " + runEpochs + " epochs, " +
            chain.nodeCount() + " nodes" + (killPlan == null ? "" : ", " + killPlan.describe()));
        out.flush();
        return passed ? 0 : 1;
    }

    // Every hardware connected to its node and the verifier (each says so on its last line until it starts), and every
    // node's links authenticated (each says so once in its log): a chain runs only between admitted nodes.
    private static boolean awaitReady(final ChainLauncher launcher, final ChainTopology chain, final Path logs)
        throws InterruptedException, IOException
    {
        final long deadlineNs = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            boolean ready = true;
            for (final String name : launcher.names())
            {
                if (!launcher.status(name).equals("up"))
                {
                    return false;
                }
            }
            for (int node = 0; node < chain.nodeCount(); node++)
            {
                ready &= launcher.lastLine(hardwareName(node)).startsWith("sim: node " + node + " ready") &&
                    logContains(logs.resolve(nodeName(node) + ".log"), authenticatedLine(node));
            }
            if (ready)
            {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    /**
     * @param node a node id.
     * @return the line a chain node prints once all its links are authenticated.
     */
    public static String authenticatedLine(final int node)
    {
        return "trust: node " + node + ": every link authenticated";
    }

    private static boolean logContains(final Path log, final String text) throws IOException
    {
        if (!Files.exists(log))
        {
            return false;
        }
        for (final String line : Files.readAllLines(log))
        {
            if (line.contains(text))
            {
                return true;
            }
        }
        return false;
    }

    private static void printTail(final PrintWriter out, final Path log, final String from) throws IOException
    {
        final List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        int first = lines.size();
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            if (lines.get(i).startsWith(from))
            {
                first = i;
                break;
            }
        }
        lines.subList(first, lines.size()).forEach(out::println);
    }

    private static String lastLineStarting(final Path logs, final String name, final String prefix)
        throws IOException
    {
        final Path log = logs.resolve(name + ".log");
        final List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        String last = "no exit line, see " + log;
        for (final String line : lines)
        {
            if (line.startsWith(prefix))
            {
                last = line;
            }
        }
        return last;
    }

    private int nodeCount()
    {
        if (topology != null && (repeaters != null || !settings.isEmpty()))
        {
            throw new ParameterException(spec.commandLine(), "--repeaters and --set generate a topology: not with " +
                "--topology=" + topology);
        }
        if (topology != null)
        {
            if (netns)
            {
                throw new ParameterException(spec.commandLine(), "--netns puts the nodes on its own addresses: " +
                    "generate the topology (--repeaters), --topology=" + topology);
            }
            return ConfigErrors.checked(spec, () -> ChainTopology.read(topology)).nodeCount();
        }
        return Ranges.check(spec, "--repeaters", repeaters == null ? 1 : repeaters, 0, ChainTopology.MAX_NODES - 2) +
            2;
    }

    private ChainTopology chainTopology(final Path directory, final int nodeCount, final NetnsPlan plan)
    {
        if (topology != null)
        {
            return ConfigErrors.checked(spec, () -> ChainTopology.read(topology.toAbsolutePath()));
        }
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(ChainTopology.PERIOD_PROP, PERIOD_DEFAULT);
        values.put(ChainTopology.DEADLINE_PROP, DEADLINE_DEFAULT);
        // The run's own identities and trust store (generated beside the topology), unless --set names others.
        values.put(ChainTrust.STORE_PROP, ChainIdentities.TRUST_STORE);
        values.put(ChainTrust.IDENTITIES_PROP, ChainIdentities.IDENTITIES);
        if (plan != null)
        {
            values.putAll(plan.topologySettings());
        }
        values.putAll(settings);
        final Path file = directory.toAbsolutePath().resolve("topology.properties");
        final ChainTopology chain = ConfigErrors.checked(spec, () -> ChainTopology.write(file, nodeCount, values));
        ChainIdentities.generate(directory, nodeCount);
        return chain;
    }

    private long epochs(final ChainTopology chain)
    {
        if (epochs != null)
        {
            if (spec.commandLine().getParseResult().hasMatchedOption("--duration"))
            {
                throw new ParameterException(spec.commandLine(), "--epochs and --duration say the same thing: give " +
                    "one, --epochs=" + epochs);
            }
            if (epochs < 1)
            {
                throw new ParameterException(spec.commandLine(), "must be >= 1, --epochs=" + epochs);
            }
            return epochs;
        }
        final long durationNs = Durations.nanos(spec, "--duration", duration, 1, TimeUnit.DAYS.toNanos(1));
        final long epochNs = epochNs(chain);
        if (epochNs == 0)
        {
            throw new ParameterException(spec.commandLine(), "the topology's hardware is unpaced (period 0): give " +
                "--epochs, --duration=" + duration);
        }
        return Math.max(1, durationNs / epochNs);
    }

    private static long epochNs(final ChainTopology chain)
    {
        int slots = 0;
        for (final CodeDescription code : ChainHardwareRun.linkCodes(chain))
        {
            slots = Math.max(slots, code.rounds().roundCount());
        }
        return slots * chain.roundPeriodNs();
    }

    private static void createDirectory(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot create the run directory (" + ex.getMessage() + "), --run-dir=" +
                directory, ex);
        }
    }

    static String nodeName(final int node)
    {
        return "node-" + node;
    }

    static String hardwareName(final int node)
    {
        return "hw-" + node;
    }

    /** --kill NODE@AT[+DOWN]: SIGKILL a node mid-run and restart it, on a thread of its own. */
    private static final class KillPlan
    {
        private final int node;
        private final long atNs;
        private final long downNs;

        private KillPlan(final int node, final long atNs, final long downNs)
        {
            this.node = node;
            this.atNs = atNs;
            this.downNs = downNs;
        }

        static KillPlan parse(final CommandSpec spec, final String text)
        {
            final int at = text.indexOf('@');
            final int plus = text.indexOf('+');
            if (at < 1)
            {
                throw new ParameterException(spec.commandLine(), "expected NODE@AT[+DOWN], e.g. 1@3s+2s, --kill=" +
                    text);
            }
            final int node;
            try
            {
                node = Integer.parseInt(text.substring(0, at));
            }
            catch (final NumberFormatException ex)
            {
                throw new ParameterException(spec.commandLine(), "not a node id, --kill=" + text);
            }
            final long atNs = Durations.nanos(spec, "--kill", text.substring(at + 1, plus < 0 ? text.length() : plus),
                0, TimeUnit.DAYS.toNanos(1));
            final long downNs = plus < 0 ? TimeUnit.SECONDS.toNanos(1) :
                Durations.nanos(spec, "--kill", text.substring(plus + 1), 0, TimeUnit.DAYS.toNanos(1));
            return new KillPlan(node, atNs, downNs);
        }

        void start(final ChainLauncher launcher, final String name, final PrintWriter out)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    TimeUnit.NANOSECONDS.sleep(atNs + TimeUnit.MILLISECONDS.toNanos(START_DELAY_MS));
                    launcher.kill(name);
                    out.println("chain: SIGKILLed " + name);
                    out.flush();
                    TimeUnit.NANOSECONDS.sleep(downNs);
                    launcher.restart(name);
                    out.println("chain: restarted " + name);
                    out.flush();
                }
                catch (final InterruptedException | RuntimeException ex)
                {
                    // The run ended first (stopping refuses a kill or a restart): nothing to do.
                }
            }, "chain-kill");
            thread.setDaemon(true);
            thread.start();
        }

        String describe()
        {
            return "node " + node + " SIGKILLed at " + Durations.text(atNs) + " and restarted " +
                Durations.text(downNs) + " later";
        }
    }
}
