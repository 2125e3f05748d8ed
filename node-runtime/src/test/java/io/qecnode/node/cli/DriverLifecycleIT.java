package io.qecnode.node.cli;

import io.aeron.CncFileDescriptor;
import io.qecnode.io.transport.DriverDirectory;
import io.qecnode.io.transport.DriverLiveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a process leaves across the ways it ends, with real processes: the media driver's directory on signals, a
 * second node on a live node's directory, a node killed outright; a partial prediction file on SIGTERM.
 */
class DriverLifecycleIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";

    @Test
    void shouldRemoveTheSimulationsDriverDirectoryOnSigtermAndSigint() throws Exception
    {
        for (final String signal : List.of("TERM", "INT"))
        {
            final Running simulate = start(List.of(JAVA, "-jar", JAR.getPath(), "simulate", "--memory", "--duration", "60s",
                "--probe-every", "100"));
            awaitTrue(() -> simulate.output().contains("blocks checked"), "a progress line: " + simulate.output());
            assertFalse(shmDirectoriesOf(simulate.process.pid()).isEmpty(), "the pipeline's driver runs in /dev/shm");

            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(simulate.process.pid())).start()
                .waitFor());
            final int exitCode = simulate.await();

            assertEquals("TERM".equals(signal) ? 143 : 130, exitCode, simulate.output());
            assertEquals(List.of(), shmDirectoriesOf(simulate.process.pid()), "SIG" + signal + ": " +
                simulate.output());
            assertFalse(simulate.output().contains("\tat ") || simulate.output().contains("Exception"),
                simulate.output());
        }
    }

    @Test
    void shouldRefuseASecondNodeOnALiveNodesDirectoryAndLeaveTheFirstReachable() throws Exception
    {
        final File dir = new File("/dev/shm/qec-node-it-live-" + ProcessHandle.current().pid());
        final Running first = start(List.of(JAVA, "-jar", JAR.getPath(), "run", "-d", "3", "--embedded-dir",
            dir.getPath(), "--idle", "yield"));
        try
        {
            awaitTrue(() -> first.output().contains("run: node 1"), "the first node starts: " + first.output());

            final Result second = run(List.of(JAVA, "-jar", JAR.getPath(), "run", "-d", "3", "--embedded-dir",
                dir.getPath(), "--idle", "yield", "--stop-after", "1s"));

            assertEquals(1, second.exitCode, second.output);
            assertTrue(second.firstLine().contains("a live media driver is running there (pid " +
                first.process.pid() + ", heartbeat ") && second.firstLine().contains("--embedded-dir=" + dir),
                second.output);
            final Result stat = run(List.of(JAVA, "-jar", JAR.getPath(), "stat", "--aeron-dir", dir.getPath(),
                "--count", "1"));
            assertEquals(0, stat.exitCode, stat.output);
            assertTrue(stat.output.contains("driver pid " + first.process.pid()) &&
                stat.output.contains("qec node 1: blocks out"), stat.output);
        }
        finally
        {
            first.process.toHandle().destroy();
        }
        assertEquals(143, first.await(), first.output());
        assertTrue(first.output().contains("run: stopped:"), first.output());
        assertFalse(dir.exists(), "the first node removes its directory on SIGTERM");
    }

    @Test
    void shouldTellADeadDriverFromALiveOneAndTakeItsDirectoryOver() throws Exception
    {
        final File dir = new File("/dev/shm/qec-node-it-dead-" + ProcessHandle.current().pid());
        final Running node = start(List.of(JAVA, "-jar", JAR.getPath(), "run", "-d", "3", "--embedded-dir",
            dir.getPath(), "--idle", "yield"));
        awaitTrue(() -> node.output().contains("run: node 1"), "the node starts: " + node.output());
        node.process.destroyForcibly();
        node.await();
        assertTrue(new File(dir, CncFileDescriptor.CNC_FILE).isFile(), "SIGKILL leaves the driver's files");

        // The driver counts as dead once its heartbeat is older than the clients' driver timeout (10 s).
        final List<Result> stats = new ArrayList<>();
        awaitTrue(() ->
        {
            stats.add(0, run(List.of(JAVA, "-jar", JAR.getPath(), "stat", "--aeron-dir", dir.getPath(), "--count",
                "1")));
            return stats.get(0).exitCode != 0;
        }, "stat says the driver is dead");
        final Result dead = stats.get(0);
        assertEquals(1, dead.exitCode, dead.output);
        assertTrue(dead.firstLine().contains("no live media driver there (pid " + node.process.pid() +
            ", heartbeat ") && dead.firstLine().contains("--aeron-dir=" + dir), dead.output);
        final Result last = run(List.of(JAVA, "-jar", JAR.getPath(), "stat", "--aeron-dir", dir.getPath(), "--last"));
        assertEquals(1, last.exitCode, last.output);
        assertTrue(last.output.startsWith("--- " + dir + ", NO LIVE DRIVER, pid " + node.process.pid()), last.output);
        assertTrue(last.output.contains("qec node 1: blocks out") &&
            last.output.contains("the driver is dead: these are the values it left"), last.output);

        final Result next = run(List.of(JAVA, "-jar", JAR.getPath(), "run", "-d", "3", "--embedded-dir",
            dir.getPath(), "--idle", "yield", "--stop-after", "500ms", "--report", "100ms"));
        assertEquals(0, next.exitCode, next.output);
        assertFalse(dir.exists(), "a dead driver's directory, taken over, is removed on exit");
    }

    @Test
    void shouldRemoveWhatAKilledRunLeftWhenTheNextRunStarts() throws Exception
    {
        final Running killed = start(List.of(JAVA, "-jar", JAR.getPath(), "sim", "-d", "3", "--period", "10us",
            "--duration", "60s"));
        awaitTrue(() -> killed.output().contains("aeron dir="), "the simulator starts: " + killed.output());
        killed.process.destroyForcibly();
        killed.await();
        final List<String> left = shmDirectoriesOf(killed.process.pid());
        assertEquals(1, left.size(), "SIGKILL leaves the driver's directory: " + killed.output());
        final File dir = new File("/dev/shm", left.get(0));
        awaitTrue(() -> DriverLiveness.of(dir).state() == DriverLiveness.State.DEAD, "the driver's heartbeat to age");

        final Result next = run(List.of(JAVA, "-jar", JAR.getPath(), "sim", "-d", "3", "--duration", "200ms"));

        assertEquals(0, next.exitCode, next.output);
        assertFalse(dir.exists(), "the next run removes a killed run's directory");
    }

    @Test
    void shouldRefuseAChainWhoseBuffersDoNotFitBeforeCreatingAnything() throws Exception
    {
        // Seventeen IPC logs of three 1 GiB terms: more than this machine's RAM disk holds.
        final long needed = 17L * 3 * (1L << 30);
        assumeTrue(DriverDirectory.usableSpace(new File("/dev/shm")) < needed, "a RAM disk of over 51 GiB");
        final Running simulate = start(List.of(JAVA, "-Daeron.ipc.term.buffer.length=1073741824", "-jar",
            JAR.getPath(), "simulate", "--memory", "--nodes", "16", "--probe-every", "0", "--duration", "3s"));
        final int exitCode = simulate.await();
        assertEquals(1, exitCode, simulate.output());
        final String firstLine = simulate.output().lines().filter(line -> !line.startsWith("simulate: "))
            .findFirst().orElse("");
        assertTrue(firstLine.contains("not enough room for the media driver's buffers: needs 522") &&
            firstLine.contains(", dir=/dev/shm/qec-node-" + simulate.process.pid() + "-"), simulate.output());
        assertEquals(List.of(), shmDirectoriesOf(simulate.process.pid()));
    }

    @Test
    void shouldDeleteAPartialPredictionFileOnSigterm(@TempDir final Path temp) throws Exception
    {
        final Path dem = Files.write(temp.resolve("model.dem"), ascii(DEM));
        // Twenty million shots of four random detectors: far longer than the wait for the first progress line.
        final byte[] shots = new byte[20_000_000];
        new Random(7).nextBytes(shots);
        for (int i = 0; i < shots.length; i++)
        {
            shots[i] &= 0x0F;
        }
        final Path dets = Files.write(temp.resolve("dets.b8"), shots);
        final Path predictions = temp.resolve("predictions.b8");
        final Running decode = start(List.of(JAVA, "-jar", JAR.getPath(), "decode", "--dem", dem.toString(), "--in",
            dets.toString(), "--in_format", "b8", "--out", predictions.toString(), "--out_format", "b8"));
        awaitTrue(() -> decode.output().contains("decode: "), "a progress line: " + decode.output());
        assertTrue(Files.exists(predictions), "the prediction file is being written");

        decode.process.toHandle().destroy();

        assertEquals(143, decode.await(), decode.output());
        assertFalse(Files.exists(predictions), "a partial prediction file is deleted: " + decode.output());
        assertTrue(decode.output().contains("stopped by a signal after "), decode.output());
    }

    private static List<String> shmDirectoriesOf(final long pid)
    {
        final String prefix = "qec-node-" + pid + "-";
        final String[] names = new File("/dev/shm").list();
        return names == null ? List.of() :
            Arrays.stream(names).filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static Running start(final List<String> command) throws IOException
    {
        assertTrue(JAR.isFile(), "package the jar first: " + JAR.getAbsolutePath());
        return new Running(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static Result run(final List<String> command)
    {
        try
        {
            final Running running = start(command);
            final int exitCode = running.await();
            return new Result(exitCode, running.output());
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** A process whose output is read as it comes, so that a test can wait for a line. */
    private static final class Running
    {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Running(final Process process)
        {
            this.process = process;
            reader = new Thread(() ->
            {
                final byte[] buffer = new byte[4096];
                try
                {
                    int read;
                    while ((read = process.getInputStream().read(buffer)) > 0)
                    {
                        output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                }
                catch (final IOException ignored)
                {
                    // The process ended.
                }
            });
            reader.start();
        }

        String output()
        {
            return output.toString();
        }

        int await() throws InterruptedException
        {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "timed out: " + output());
            reader.join(5000);
            return process.exitValue();
        }
    }

    private record Result(int exitCode, String output)
    {
        /** @return the first line, after checking that the failure came without a stack trace. */
        String firstLine()
        {
            assertFalse(output.contains("\tat ") || output.contains("Exception"), output);
            return output.lines().findFirst().orElse("");
        }
    }
}
