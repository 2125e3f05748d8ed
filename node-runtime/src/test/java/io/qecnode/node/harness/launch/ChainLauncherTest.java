package io.qecnode.node.harness.launch;

import io.aeron.CncFileDescriptor;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.QecNodeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher with tiny child JVMs ({@link TickingChild}): progress, completion, a child that dies, SIGKILL and
 * restart, a child that will not stop, a parent stopped by SIGTERM; after each, no process and no directory left.
 */
class ChainLauncherTest
{
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String TICKER = TickingChild.class.getName();

    @TempDir
    Path runDirectory;

    @Test
    void shouldShowProgressAndStopTheRestWhenTheRunCompletes() throws Exception
    {
        final Path done = runDirectory.resolve("done");
        final List<String> lines = new CopyOnWriteArrayList<>();
        final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(runDirectory)
            .process("ticker", TICKER, "0", "50", "0")
            .process("finisher", TICKER, "0", "50", "0", "--until", done.toString())
            .completesRun("finisher")
            .progressInterval(Duration.ofMillis(100))
            .progress(ProgressSource.lastLineOf("finisher"), line ->
            {
                lines.add(line);
                // The run may end only once a progress line has shown the finisher's own output.
                if (line.contains("finisher: tick"))
                {
                    touch(done);
                }
            });

        try (ChainLauncher launcher = builder.start())
        {
            final long ticker = launcher.pid("ticker");
            final RunOutcome outcome = launcher.awaitCompletion(LIMIT);

            assertEquals(RunOutcome.Kind.COMPLETED, outcome.kind(), outcome.line());
            assertEquals("completed: finisher exited with 0", outcome.line());
            final String progress = lines.stream().filter(line -> line.contains("finisher: tick")).findFirst()
                .orElseThrow();
            assertTrue(progress.matches("\\[\\d+ s] finisher: tick \\d+ \\| ticker up, finisher up"), progress);
            final StopReport report = launcher.stop();
            assertEquals(List.of("ticker: exit 143 after SIGTERM", "finisher: exited 0 before the stop"),
                report.children());
            assertNothingLeft(launcher, report, ticker);
            assertTrue(Files.readString(launcher.log("ticker")).contains("start 1 of ticker"), "each has its log");
        }
    }

    @Test
    void shouldStopTheRestAndNameTheChildThatDied() throws Exception
    {
        try (ChainLauncher launcher = ChainLauncher.builder().runDirectory(runDirectory)
            .process("ticker", TICKER, "0", "50", "0")
            .process("crasher", TICKER, "3", "50", "3")
            .start())
        {
            final long ticker = launcher.pid("ticker");
            final RunOutcome outcome = launcher.awaitCompletion(LIMIT);

            assertEquals(RunOutcome.Kind.CHILD_FAILED, outcome.kind());
            assertEquals("crasher", outcome.child());
            assertEquals(3, outcome.exitCode());
            assertEquals("crasher stopped unexpectedly with exit code 3, log=" + runDirectory.resolve("crasher.log"),
                outcome.line());
            final StopReport report = launcher.stop();
            assertEquals("ticker: exit 143 after SIGTERM", report.children().get(0));
            assertNothingLeft(launcher, report, ticker);
        }
    }

    @Test
    void shouldKillAndRestartAChildMidRunAndRemoveWhatAKilledChildLeft() throws Exception
    {
        final Path done = runDirectory.resolve("done");
        final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(runDirectory);
        final String keeperDirectory = builder.driverDirectory("keeper");
        final String victimDirectory = builder.driverDirectory("victim");
        builder.process("keeper", TICKER, "0", "50", "0", "--dir", keeperDirectory)
            .process("victim", TICKER, "0", "50", "0", "--dir", victimDirectory)
            .process("finisher", TICKER, "0", "50", "0", "--until", done.toString())
            .completesRun("finisher");

        try (ChainLauncher launcher = builder.start())
        {
            awaitLine(launcher.log("keeper"), "tick 1");
            awaitLine(launcher.log("victim"), "tick 1");
            final long firstKeeper = launcher.pid("keeper");
            final long victim = launcher.pid("victim");

            launcher.kill("keeper");
            launcher.kill("victim");
            assertEquals("killed", launcher.status("keeper"));
            assertFalse(ProcessHandle.of(firstKeeper).isPresent(), "SIGKILLed");
            assertEquals(List.of(keeperDirectory, victimDirectory), launcher.driverDirectories(),
                "SIGKILL leaves the driver directories");
            assertThrows(IllegalStateException.class, () -> launcher.restart("finisher"), "running: kill it first");

            final Path stale = Path.of(keeperDirectory, "stale");
            Files.writeString(stale, "what a killed driver left");
            launcher.restart("keeper");
            assertNotEquals(firstKeeper, launcher.pid("keeper"));
            assertEquals("up", launcher.status("keeper"));
            assertTrue(launcher.progressLine().contains("keeper up (restarted 1), victim killed, finisher up"),
                launcher.progressLine());
            awaitLine(launcher.log("keeper"), "ready", 2);
            assertFalse(Files.exists(stale), "a restart starts on a fresh driver directory");
            assertTrue(Files.isDirectory(Path.of(keeperDirectory)), "made again by the restarted child");
            touch(done);
            final RunOutcome outcome = launcher.awaitCompletion(LIMIT);

            assertEquals(RunOutcome.Kind.COMPLETED, outcome.kind(), "a child killed on purpose does not fail the " +
                "run: " + outcome.line());
            final StopReport report = launcher.stop();
            assertEquals(List.of("keeper: exit 143 after SIGTERM", "victim: killed before the stop",
                "finisher: exited 0 before the stop"), report.children());
            assertEquals(List.of(victimDirectory), report.removedDirectories(), "only what the killed child left");
            assertNothingLeft(launcher, report, firstKeeper, victim);
        }
    }

    @Test
    void shouldRestartAKilledNodeOnItsOwnDriverDirectoryAtOnce() throws Exception
    {
        final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(runDirectory);
        final String directory = builder.driverDirectory("node-1");
        builder.process("node-1", QecNodeMain.class.getName(), "run", "-d", "3", "--embedded-dir", directory,
            "--idle", "yield");

        try (ChainLauncher launcher = builder.start())
        {
            awaitLine(launcher.log("node-1"), "run: node 1");
            final long first = launcher.pid("node-1");
            launcher.kill("node-1");
            assertTrue(new File(directory, CncFileDescriptor.CNC_FILE).isFile(), "SIGKILL leaves the driver's files");

            // Its heartbeat still looks alive: without the launcher's removal the new driver would refuse for 10 s.
            launcher.restart("node-1");
            awaitLine(launcher.log("node-1"), "run: node 1", 2);
            final StopReport report = launcher.stop();

            assertEquals(List.of("node-1: exit 143 after SIGTERM"), report.children());
            assertEquals(List.of(), report.removedDirectories(), "the node removes its own directory on SIGTERM");
            assertTrue(Files.readString(launcher.log("node-1")).contains("run: stopped:"));
            assertNothingLeft(launcher, report, first);
        }
    }

    @Test
    void shouldSigkillAChildThatDoesNotStopWithinTheGrace() throws Exception
    {
        try (ChainLauncher launcher = ChainLauncher.builder().runDirectory(runDirectory)
            .grace(Duration.ofMillis(500))
            .process("stubborn", TICKER, "0", "50", "0", "--stubborn")
            .start())
        {
            awaitLine(launcher.log("stubborn"), "ready");
            final long stubborn = launcher.pid("stubborn");
            final RunOutcome outcome = launcher.awaitCompletion(Duration.ofMillis(200));

            assertEquals(RunOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.line());
            assertEquals("the run did not complete within 200ms", outcome.line());
            final StopReport report = launcher.stop();
            assertEquals(List.of("stubborn: SIGKILL after a grace of 500 ms, exit 137"), report.children());
            assertTrue(Files.readString(launcher.log("stubborn")).contains("stop hook hangs"), "SIGTERM came first");
            assertNothingLeft(launcher, report, stubborn);
        }
    }

    @Test
    void shouldStopEveryChildWhenTheParentGetsSigterm() throws Exception
    {
        final Path innerRun = runDirectory.resolve("inner");
        try (ChainLauncher outer = ChainLauncher.builder().runDirectory(runDirectory)
            .process("parent", LaunchingParent.class.getName(), innerRun.toString())
            .start())
        {
            final String started = awaitLine(outer.log("parent"), "child ");
            final String[] words = started.split(" ");
            final long child = Long.parseLong(words[1]);
            final Path directory = Path.of(words[3]);
            awaitLine(innerRun.resolve("ticker.log"), "tick 1");
            assertTrue(Files.isDirectory(directory));

            ProcessHandle.of(outer.pid("parent")).orElseThrow().destroy();
            final RunOutcome outcome = outer.awaitCompletion(LIMIT);

            assertEquals(143, outcome.exitCode(), outcome.line());
            assertTrue(Files.readString(outer.log("parent")).contains("stopped on a signal: stopped 1 processes, " +
                "nothing left"), Files.readString(outer.log("parent")));
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "no orphan");
            assertFalse(Files.exists(directory), "no directory left");
            assertNothingLeft(outer, outer.stop());
        }
    }

    @Test
    void shouldStopWhatStartedWhenAChildCannotStart() throws IOException
    {
        final String mark = runDirectory.resolve("never").toString();
        final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(runDirectory)
            .process("ticker", TICKER, "0", "50", "0", "--until", mark)
            .process("missing", TICKER, "0", "50", "0");
        builder.commandPrefix("missing", List.of(runDirectory.resolve("no-such-binary").toString()));

        final CommandFailure failure = assertThrows(CommandFailure.class, builder::start);

        assertTrue(failure.getMessage().startsWith("cannot start missing ("), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("), file=" + runDirectory.resolve("missing.log")));
        assertTrue(Files.readString(runDirectory.resolve("ticker.log")).contains("start 1 of ticker"));
        assertEquals(List.of(), ProcessHandle.current().children()
            .filter(child -> child.info().arguments().map(args -> List.of(args).contains(mark)).orElse(false))
            .toList(), "the ticker, started before, is stopped");
    }

    private static void assertNothingLeft(final ChainLauncher launcher, final StopReport report, final long... pids)
    {
        assertTrue(report.isClean(), report.summary());
        assertEquals(List.of(), report.orphans());
        assertEquals(List.of(), launcher.driverDirectories(), "no Aeron directory of the run left");
        for (final long pid : pids)
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        for (final String name : launcher.names())
        {
            assertFalse(ProcessHandle.of(launcher.pid(name)).map(ProcessHandle::isAlive).orElse(false), name);
        }
    }

    private static String awaitLine(final Path log, final String text) throws IOException, InterruptedException
    {
        return awaitLine(log, text, 1);
    }

    // Waits for the child to get there; the limit only keeps a broken test from hanging.
    private static String awaitLine(final Path log, final String text, final int occurrence)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() - deadline < 0)
        {
            int seen = 0;
            for (final String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of())
            {
                if (line.contains(text) && ++seen == occurrence)
                {
                    return line.substring(line.indexOf(text));
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line " + occurrence + " with '" + text + "' in " + log);
    }

    private static void touch(final Path file)
    {
        try
        {
            Files.writeString(file, "");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
