package io.qecnode.node.harness.launch;

import io.qecnode.io.transport.BusContext;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.offline.DecodeFailure;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the processes of a multi-process chain (hardware simulators, nodes, verifier) as child JVMs of this one, each
 * with its own log in the run directory, follows them with a progress line, and stops them all: on completion, when
 * one dies unexpectedly (named, with its exit code), on SIGTERM/Ctrl-C of this process (a shutdown hook), or on
 * {@link #close()}. Stopping sends SIGTERM, waits a grace period, sends SIGKILL, then checks that no process of the
 * run is alive and removes the run's Aeron directories the children left (a SIGKILLed child cannot remove its own).
 * <pre>
 * ChainLauncher.Builder launch = ChainLauncher.builder().runDirectory(dir);
 * launch.process("node-1", QecNodeMain.class.getName(), "run", "--embedded-dir", launch.driverDirectory("node-1"));
 * launch.process("verifier", ...).completesRun("verifier").progress(ProgressSource.lastLineOf("verifier"), out);
 * try (ChainLauncher chain = launch.start())
 * {
 *     RunOutcome outcome = chain.awaitCompletion(Duration.ofMinutes(5));   // stops everything before it returns
 *     StopReport report = chain.stop();                                     // the same report, again
 * }
 * </pre>
 * A child can be killed (SIGKILL) and restarted with the same command line mid-run, for fault tests.
 */
public final class ChainLauncher implements AutoCloseable
{
    /** How long children get to stop after SIGTERM before SIGKILL, when not set. */
    public static final Duration GRACE_DEFAULT = Duration.ofSeconds(10);
    /** Time between progress lines, when not set. */
    public static final Duration PROGRESS_INTERVAL_DEFAULT = Duration.ofSeconds(1);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,8}");
    private static final long POLL_MS = 20;
    private static final long KILL_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    private final String runId;
    private final Path runDirectory;
    private final File driverParent;
    private final String driverPrefix;
    private final Map<String, ChildProcess> children;
    private final Set<String> completers;
    private final ProgressSource progressSource;
    private final Consumer<String> progressOut;
    private final long progressIntervalNs;
    private final long graceNs;
    private final List<AutoCloseable> closeAfterStop;
    private final Thread shutdownHook = new Thread(this::stopOnSignal, "launch-stop");
    private final long startNs = System.nanoTime();
    private boolean stopping;
    private StopReport report;

    private ChainLauncher(final Builder builder, final Map<String, ChildProcess> children)
    {
        this.runId = builder.runId;
        this.runDirectory = builder.runDirectory;
        this.driverParent = builder.driverParent;
        this.driverPrefix = builder.driverPrefix();
        this.children = children;
        this.completers = Set.copyOf(builder.completers);
        this.progressSource = builder.progressSource;
        this.progressOut = builder.progressOut;
        this.progressIntervalNs = builder.progressInterval.toNanos();
        this.graceNs = builder.grace.toNanos();
        this.closeAfterStop = List.copyOf(builder.closeAfterStop);
    }

    /** @return a builder with a fresh run id. */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Follow the children until the run ends, printing a progress line at the interval, then stop them all.
     *
     * @param limit the longest the run may take.
     * @return how it ended; {@link #stop()} gives what stopping did.
     * @throws InterruptedException if this thread is interrupted (the children are stopped first).
     */
    public RunOutcome awaitCompletion(final Duration limit) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + limit.toNanos();
        long nextProgressNs = System.nanoTime() + progressIntervalNs;
        try
        {
            while (true)
            {
                final RunOutcome ended = check();
                if (ended != null)
                {
                    return ended;
                }
                final long nowNs = System.nanoTime();
                if (nowNs - deadlineNs >= 0)
                {
                    return new RunOutcome(RunOutcome.Kind.TIMED_OUT, null, -1, "the run did not complete within " +
                        Durations.text(limit.toNanos()));
                }
                if (progressOut != null && nowNs - nextProgressNs >= 0)
                {
                    progressOut.accept(progressLine());
                    nextProgressNs += progressIntervalNs;
                }
                Thread.sleep(POLL_MS);
            }
        }
        finally
        {
            stop();
        }
    }

    private synchronized RunOutcome check()
    {
        if (stopping)
        {
            return new RunOutcome(RunOutcome.Kind.STOPPED, null, -1, "stopped before the run completed");
        }
        boolean completed = !completers.isEmpty();
        for (final ChildProcess child : children.values())
        {
            final boolean completer = completers.contains(child.name());
            if (child.diedUnexpectedly() && !(completer && child.exitCode() == 0))
            {
                return new RunOutcome(RunOutcome.Kind.CHILD_FAILED, child.name(), child.exitCode(), child.name() +
                    " stopped unexpectedly with exit code " + child.exitCode() + ", log=" + child.log());
            }
            completed &= !completer || (!child.isAlive() && child.exitCode() == 0);
        }
        return completed ? new RunOutcome(RunOutcome.Kind.COMPLETED, null, 0, "completed: " +
            String.join(", ", completers) + " exited with 0") : null;
    }

    /**
     * @return the progress line now: elapsed time, what the progress source says, and each child's state.
     */
    public synchronized String progressLine()
    {
        final StringBuilder line = new StringBuilder()
            .append('[').append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs)).append(" s] ");
        if (progressSource != null)
        {
            line.append(progressSource.progress(this)).append(" | ");
        }
        String separator = "";
        for (final ChildProcess child : children.values())
        {
            line.append(separator).append(child.name()).append(' ').append(child.status());
            if (child.starts() > 1)
            {
                line.append(" (restarted ").append(child.starts() - 1).append(')');
            }
            separator = ", ";
        }
        return line.toString();
    }

    /**
     * SIGKILL one child and wait for it to die; its death does not fail the run until it is {@link #restart}ed.
     *
     * @param name the child.
     * @throws InterruptedException if interrupted while waiting for it to die.
     */
    public synchronized void kill(final String name) throws InterruptedException
    {
        checkRunning();
        child(name).killOnPurpose(KILL_WAIT_NS);
    }

    /**
     * Start a child again with the same command line (its log goes on in the same file). The Aeron directory named
     * for it is removed first: a SIGKILLed driver's heartbeat looks alive for the clients' timeout (10 s), and a new
     * driver would refuse the directory until then.
     *
     * @param name the child, which must not be running, nor anything it started.
     * @throws CommandFailure if it cannot be started.
     */
    public synchronized void restart(final String name)
    {
        checkRunning();
        final ChildProcess child = child(name);
        if (!child.survivors().isEmpty())
        {
            throw new IllegalStateException(name + " is running: kill it first");
        }
        IoUtil.delete(new File(driverDirectory(name)), false);
        start(child);
    }

    /**
     * Stop the run (once; later calls return the same report): SIGTERM to every child, the grace period, SIGKILL to
     * what is left; then the check that no process of the run is alive, the removal of the run's Aeron directories
     * left behind, and the closing of what was handed over to close after the children.
     *
     * @return what stopping did and what, if anything, is left.
     */
    public synchronized StopReport stop()
    {
        if (report != null)
        {
            return report;
        }
        stopping = true;
        final Map<String, Boolean> wasAlive = new LinkedHashMap<>();
        children.values().forEach(child -> wasAlive.put(child.name(), child.isAlive()));
        children.values().forEach(ChildProcess::terminate);
        final long deadlineNs = System.nanoTime() + graceNs;
        final List<String> lines = new ArrayList<>();
        final List<Long> orphans = new ArrayList<>();
        for (final ChildProcess child : children.values())
        {
            final boolean exited = awaitExit(child, Math.max(0, deadlineNs - System.nanoTime()));
            if (!exited)
            {
                child.kill();
                awaitExit(child, KILL_WAIT_NS);
            }
            lines.add(child.name() + ": " + (!wasAlive.get(child.name()) ? child.status() + " before the stop" :
                exited ? "exit " + child.exitCode() + " after SIGTERM" : "SIGKILL after a grace of " +
                TimeUnit.NANOSECONDS.toMillis(graceNs) + " ms, exit " + child.exitCode()));
            orphans.addAll(child.killSurvivors(KILL_WAIT_NS));
        }
        final List<String> failures = new ArrayList<>();
        for (final AutoCloseable resource : closeAfterStop)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                failures.add(String.valueOf(ex.getMessage()));
            }
        }
        final List<String> removed = new ArrayList<>();
        if (orphans.isEmpty())
        {
            removeDriverDirectories(removed, failures);
        }
        report = new StopReport(lines, orphans, removed, driverDirectories(), failures);
        return report;
    }

    private static boolean awaitExit(final ChildProcess child, final long timeoutNs)
    {
        try
        {
            return child.awaitExit(timeoutNs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return !child.isAlive();
        }
    }

    /** Stop the run and take the shutdown hook away. */
    @Override
    public void close()
    {
        stop();
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down: the hook is running or has run the stop.
        }
    }

    private void stopOnSignal()
    {
        final StopReport stopped = stop();
        if (progressOut != null)
        {
            progressOut.accept("stopped on a signal: " + stopped.summary());
        }
    }

    // ---- the run's Aeron directories ----

    /** @return the run's Aeron directories that exist now. */
    public List<String> driverDirectories()
    {
        final String[] names = driverParent.list((dir, name) -> name.startsWith(driverPrefix));
        final List<String> paths = new ArrayList<>();
        for (final String name : names == null ? new String[0] : names)
        {
            paths.add(new File(driverParent, name).getPath());
        }
        paths.sort(Comparator.naturalOrder());
        return paths;
    }

    private void removeDriverDirectories(final List<String> removed, final List<String> failures)
    {
        for (final String path : driverDirectories())
        {
            try
            {
                IoUtil.delete(new File(path), false);
                removed.add(path);
            }
            catch (final RuntimeException ex)
            {
                failures.add("cannot remove " + path + " (" + ex.getMessage() + ")");
            }
        }
    }

    // ---- accessors ----

    /** @return the run's id, in its Aeron directories' names (and its network namespaces'). */
    public String runId()
    {
        return runId;
    }

    /** @return where the children's logs are. */
    public Path runDirectory()
    {
        return runDirectory;
    }

    /**
     * @param name a child.
     * @return the Aeron directory named for the run and that child (the child is told it on its command line).
     */
    public String driverDirectory(final String name)
    {
        return new File(driverParent, driverPrefix + name).getPath();
    }

    /** @return the children's names, in launch order. */
    public List<String> names()
    {
        return List.copyOf(children.keySet());
    }

    /**
     * @param name a child.
     * @return its log file.
     */
    public Path log(final String name)
    {
        return child(name).log();
    }

    /**
     * @param name a child.
     * @return the pid of its latest process.
     */
    public synchronized long pid(final String name)
    {
        return child(name).pid();
    }

    /**
     * @param name a child.
     * @return "up", "exited C", "killed" (on purpose) or "not started".
     */
    public synchronized String status(final String name)
    {
        return child(name).status();
    }

    /**
     * @param name a child.
     * @return the last line it wrote to its log, or "".
     */
    public String lastLine(final String name)
    {
        return child(name).lastLine();
    }

    private ChildProcess child(final String name)
    {
        final ChildProcess child = children.get(name);
        if (child == null)
        {
            throw new IllegalArgumentException("no such process: " + name + ", known: " + children.keySet());
        }
        return child;
    }

    private void checkRunning()
    {
        if (stopping)
        {
            throw new IllegalStateException("the run is stopping");
        }
    }

    private void start(final ChildProcess child)
    {
        try
        {
            child.start();
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot start " + child.name() + " (" + DecodeFailure.reason(ex) + "), file=" +
                child.log(), ex);
        }
    }

    private void startAll()
    {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try
        {
            synchronized (this)
            {
                children.values().forEach(this::start);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * What to launch and how to follow it; {@link #start()} launches it.
     */
    public static final class Builder
    {
        private final Map<String, List<String>> commands = new LinkedHashMap<>();
        private final Map<String, List<String>> prefixes = new LinkedHashMap<>();
        private final Set<String> completers = new LinkedHashSet<>();
        private final List<AutoCloseable> closeAfterStop = new ArrayList<>();
        private String runId = String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        private Path runDirectory;
        private File driverParent = sharedMemoryOrTemp();
        private ProgressSource progressSource;
        private Consumer<String> progressOut;
        private Duration progressInterval = PROGRESS_INTERVAL_DEFAULT;
        private Duration grace = GRACE_DEFAULT;

        private Builder()
        {
        }

        private static File sharedMemoryOrTemp()
        {
            final File shm = new File(BusContext.SHARED_MEMORY_DIR);
            return shm.isDirectory() && shm.canWrite() ? shm : new File(System.getProperty("java.io.tmpdir"));
        }

        /**
         * @param id the run's id, 1-8 lower-case letters or digits; default: 6 random hex digits.
         * @return this builder.
         */
        public Builder runId(final String id)
        {
            if (!RUN_ID.matcher(id).matches())
            {
                throw new IllegalArgumentException("a run id is 1-8 lower-case letters or digits: " + id);
            }
            this.runId = id;
            return this;
        }

        /** @return the run's id. */
        public String runId()
        {
            return runId;
        }

        /**
         * @param directory where the children's logs go (created); default: {@code qec-chain-<run id>} here.
         * @return this builder.
         */
        public Builder runDirectory(final Path directory)
        {
            this.runDirectory = directory;
            return this;
        }

        /**
         * @param directory where the run's Aeron directories go; default: /dev/shm, or java.io.tmpdir without it.
         * @return this builder.
         */
        public Builder driverParent(final File directory)
        {
            this.driverParent = directory;
            return this;
        }

        /**
         * @param name a child's name.
         * @return the Aeron directory for that child: named for the run and the child, under the driver parent, and
         * named {@code qec-node-<pid>-...} so a later command removes it if this whole process tree is SIGKILLed.
         */
        public String driverDirectory(final String name)
        {
            return new File(driverParent, driverPrefix() + name).getPath();
        }

        private String driverPrefix()
        {
            return BusContext.DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-" + runId + "-";
        }

        /**
         * A child JVM: the same java binary, JVM flags and class path as this one.
         *
         * @param name      its name, unique: letters, digits, '.', '_', '-'; its log is {@code <name>.log}.
         * @param mainClass its main class.
         * @param args      its arguments.
         * @return this builder.
         */
        public Builder process(final String name, final String mainClass, final String... args)
        {
            return process(name, mainClass, Arrays.asList(args));
        }

        /**
         * @param name      its name, unique.
         * @param mainClass its main class.
         * @param args      its arguments.
         * @return this builder.
         * @see #process(String, String, String...)
         */
        public Builder process(final String name, final String mainClass, final List<String> args)
        {
            if (!NAME.matcher(name).matches() || commands.containsKey(name))
            {
                throw new IllegalArgumentException("a process needs a new name of letters, digits, '.', '_', '-': " +
                    name);
            }
            commands.put(name, JavaCommand.of(mainClass, args));
            return this;
        }

        /**
         * @param name   a child.
         * @param prefix what runs its command, e.g. {@code ip netns exec NAME} ({@link NetnsPlan#prefix}).
         * @return this builder.
         */
        public Builder commandPrefix(final String name, final List<String> prefix)
        {
            checkKnown(name);
            prefixes.put(name, List.copyOf(prefix));
            return this;
        }

        /**
         * @param name a child whose exit with 0 completes the run (all such children must); a child not named so is
         *             expected to run until stopped, and its exit fails the run.
         * @return this builder.
         */
        public Builder completesRun(final String name)
        {
            checkKnown(name);
            completers.add(name);
            return this;
        }

        /**
         * @param source what the progress line says, e.g. {@link ProgressSource#lastLineOf}; null for nothing.
         * @param out    where the progress lines go; null for none.
         * @return this builder.
         */
        public Builder progress(final ProgressSource source, final Consumer<String> out)
        {
            this.progressSource = source;
            this.progressOut = out;
            return this;
        }

        /**
         * @param interval time between progress lines.
         * @return this builder.
         */
        public Builder progressInterval(final Duration interval)
        {
            this.progressInterval = interval;
            return this;
        }

        /**
         * @param grace how long children get to stop after SIGTERM before SIGKILL.
         * @return this builder.
         */
        public Builder grace(final Duration grace)
        {
            this.grace = grace;
            return this;
        }

        /**
         * @param resource closed once every child is gone (e.g. the run's network namespaces), on every path.
         * @return this builder.
         */
        public Builder closeAfterStop(final AutoCloseable resource)
        {
            closeAfterStop.add(resource);
            return this;
        }

        private void checkKnown(final String name)
        {
            if (!commands.containsKey(name))
            {
                throw new IllegalArgumentException("no such process: " + name + ", known: " + commands.keySet());
            }
        }

        /**
         * Launch every child, in the order given; a child that cannot be started stops those already started.
         *
         * @return the launcher, following them.
         * @throws CommandFailure if the run directory cannot be made or a child cannot be started.
         */
        public ChainLauncher start()
        {
            final Path directory = runDirectory != null ? runDirectory : Paths.get("qec-chain-" + runId);
            try
            {
                Files.createDirectories(directory);
            }
            catch (final IOException ex)
            {
                throw new CommandFailure("cannot create the run directory (" + DecodeFailure.reason(ex) + "), file=" +
                    directory, ex);
            }
            runDirectory = directory;
            final Map<String, ChildProcess> children = new LinkedHashMap<>();
            commands.forEach((name, command) ->
            {
                final List<String> line = new ArrayList<>(prefixes.getOrDefault(name, List.of()));
                line.addAll(command);
                children.put(name, new ChildProcess(name, line, directory.resolve(name + ".log")));
            });
            final ChainLauncher launcher = new ChainLauncher(this, children);
            launcher.startAll();
            return launcher;
        }
    }
}
