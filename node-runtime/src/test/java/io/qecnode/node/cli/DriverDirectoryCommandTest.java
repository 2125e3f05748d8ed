package io.qecnode.node.cli;

import io.aeron.CncFileDescriptor;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad bus directories and bounds, through the command line as a user types them: each is refused in one line that
 * names the option, before anything is deleted or left behind.
 */
class DriverDirectoryCommandTest
{
    private static final byte[] IMPORTANT = "x\n".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void shouldLeaveNothingInSharedMemory()
    {
        assertEquals(List.of(), ownShmDirectories(), "driver directories of this process left in /dev/shm");
    }

    @Test
    void shouldRefuseADirectoryHoldingSomeoneElsesFiles(@TempDir final Path temp) throws Exception
    {
        final Path victim = Files.createDirectory(temp.resolve("victim"));
        Files.write(victim.resolve("important.txt"), IMPORTANT);

        final CommandRunner.Run run = CommandRunner.run("run", "--embedded-dir", victim.toString(), "--idle",
            "yield", "--stop-after", "1s");

        assertFailure(run, 1, "the directory holds files that are not a media driver's (important.txt); name a " +
            "new or empty directory, --embedded-dir=" + victim);
        assertArrayEquals(new String[]{"important.txt"}, victim.toFile().list());
        assertArrayEquals(IMPORTANT, Files.readAllBytes(victim.resolve("important.txt")));
    }

    @Test
    void shouldRefuseTheDirectoryOfALiveNodeAndLeaveItRunning(@TempDir final Path temp)
    {
        final File live = temp.resolve("live").toFile();
        try (MessageBus node = MessageBus.launch(new BusContext().embeddedDirectoryName(live.getPath()),
            Throwable::printStackTrace))
        {
            final CommandRunner.Run run = CommandRunner.run("run", "--embedded-dir", live.getPath(), "--idle",
                "yield", "--stop-after", "1s");

            assertFailure(run, 1, "a live media driver is running there (pid " + ProcessHandle.current().pid() +
                ", heartbeat ");
            assertTrue(run.err().contains("--embedded-dir=" + live), run.err());
            assertTrue(new File(live, CncFileDescriptor.CNC_FILE).isFile(), "the live driver's files are kept");
            final CommandRunner.Run stat = CommandRunner.run("stat", "--aeron-dir", node.directoryName(), "--count",
                "1");
            assertEquals(0, stat.exitCode(), stat.err());
            assertTrue(stat.out().contains("driver pid " + ProcessHandle.current().pid() + ", heartbeat "),
                stat.out());
        }
    }

    @Test
    void shouldRefuseAnEmbeddedDirectoryItCannotCreate()
    {
        final CommandRunner.Run run = CommandRunner.run("run", "--embedded-dir", "/proc/x", "--idle", "yield",
            "--stop-after", "1s");
        assertFailure(run, 1, "cannot create the directory (");
        assertTrue(run.err().contains("--embedded-dir=/proc/x"), run.err());
    }

    @Test
    void shouldSayThatNoDriverRunsInAnExternalDirectory(@TempDir final Path temp) throws Exception
    {
        assertFailure(CommandRunner.run("run", "--aeron-dir", "/nonexistent", "--stop-after", "1s"), 1,
            "no such directory (start a media driver there, or leave the option out to embed one), " +
                "--aeron-dir=/nonexistent");
        final Path empty = Files.createDirectory(temp.resolve("empty"));
        assertFailure(CommandRunner.run("run", "--aeron-dir", empty.toString(), "--stop-after", "1s"), 1,
            "no media driver is running there (no cnc.dat), --aeron-dir=" + empty);
        assertFailure(CommandRunner.run("sim", "--aeron-dir", empty.toString(), "--duration", "1s"), 1,
            "no media driver is running there (no cnc.dat), --aeron-dir=" + empty);
        assertEquals(0, empty.toFile().list().length, "an external directory is never written");
    }

    @Test
    void shouldRefuseBothDirectoryOptionsTogether(@TempDir final Path temp)
    {
        assertFailure(CommandRunner.run("run", "--aeron-dir", temp.toString(), "--embedded-dir",
            temp.resolve("d").toString()), 2, "--aeron-dir and --embedded-dir exclude each other");
    }

    @Test
    void shouldBoundTheChainLength()
    {
        assertFailure(CommandRunner.run("simulate", "--memory", "--nodes", "1000"), 2,
            "must be in [1, 16], --nodes=1000");
        assertFailure(CommandRunner.run("simulate", "--memory", "--nodes", "0"), 2,
            "must be in [1, 16], --nodes=0");
    }

    @Test
    void shouldCheckStatsArgumentsAndDirectory(@TempDir final Path temp) throws Exception
    {
        final Path empty = Files.createDirectory(temp.resolve("empty"));
        assertFailure(CommandRunner.run("stat", "--aeron-dir", empty.toString(), "--count", "-1"), 2,
            "reports to print must be 0 (until stopped) or more, --count=-1");
        assertFailure(CommandRunner.run("stat", "--aeron-dir", empty.toString(), "--count", "1"), 1,
            "no media driver counters file (no cnc.dat), --aeron-dir=" + empty);
        assertFailure(CommandRunner.run("stat", "--aeron-dir", temp.resolve("missing").toString()), 1,
            "no such directory, --aeron-dir=" + temp.resolve("missing"));
    }

    @Test
    void shouldRemoveTheDirectoryItCreatedAndTheParentsItMade(@TempDir final Path temp)
    {
        final Path directory = temp.resolve("a/b/driver");
        final CommandRunner.Run run = CommandRunner.run("run", "--embedded-dir", directory.toString(), "-d", "3",
            "--idle", "yield", "--stop-after", "300ms", "--report", "100ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("aeron dir=" + directory + " (embedded)"), run.out());
        assertFalse(temp.resolve("a").toFile().exists(), "created directories are removed on exit");
    }

    /** The failure is the only thing on the error stream: one line, no trace. */
    static void assertFailure(final CommandRunner.Run run, final int exitCode, final String message)
    {
        assertEquals(exitCode, run.exitCode(), run.toString());
        final String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.contains(message), "expected '" + message + "' first: " + run);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat ") ||
            run.out().contains("Exception"), run.toString());
        final long lines = run.err().lines().filter(line -> !line.startsWith("Try '")).count();
        assertEquals(1, lines, run.toString());
    }

    static List<String> ownShmDirectories()
    {
        final String prefix = "qec-node-" + ProcessHandle.current().pid() + "-";
        final String[] names = new File("/dev/shm").list();
        return names == null ? List.of() :
            Arrays.stream(names).filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }
}
