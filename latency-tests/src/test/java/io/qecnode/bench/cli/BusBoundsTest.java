package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench commands' chain bound and external driver check: refused in one line naming the option, before any
 * media driver starts.
 */
class BusBoundsTest
{
    @Test
    void shouldBoundTheChainOfLatencyAndSoak()
    {
        for (final String command : new String[]{"latency", "soak"})
        {
            final String[] result = run(command, "--nodes", "1000");
            assertEquals("2", result[0], result[1]);
            assertTrue(result[1].lines().findFirst().orElse("").contains("must be in [1, 16], --nodes=1000"), result[1]);
            assertFalse(result[1].contains("\tat "), result[1]);
        }
        assertEquals(0, ownShmDirectories());
    }

    @Test
    void shouldSayThatNoDriverRunsInAnExternalDirectory(@TempDir final Path temp) throws Exception
    {
        final Path empty = Files.createDirectory(temp.resolve("empty"));
        final String[] result = run("bus-latency", "--aeron-dir", empty.toString(), "--frames", "1000",
            "--warmup-frames", "100");
        assertEquals("1", result[0], result[1]);
        // Until the CLI's handler prints the failure alone, picocli follows this first line with the trace.
        assertTrue(result[1].lines().findFirst().orElse("").contains("no media driver is running there (no cnc.dat), " +
            "--aeron-dir=" + empty), result[1]);
        assertFalse(result[1].contains("DriverTimeoutException"), result[1]);
        assertEquals(0, empty.toFile().list().length);
    }

    private static String[] run(final String... args)
    {
        final ThresholdCommandTest.Run run = ThresholdCommandTest.run(args);
        return new String[]{String.valueOf(run.exitCode()), run.err() + run.out()};
    }

    private static long ownShmDirectories()
    {
        final String[] names = new File("/dev/shm").list();
        return names == null ? 0 : Arrays.stream(names)
            .filter(name -> name.startsWith("qec-node-" + ProcessHandle.current().pid() + "-")).count();
    }
}
