package io.qecnode.node.measure;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadSchedStatsTest
{
    @Test
    void shouldFindAThreadByNameAndCountItsFaults() throws Exception
    {
        Assumptions.assumeTrue(Files.isDirectory(Paths.get("/proc/self/task")), "Linux /proc only");
        final CountDownLatch touched = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final long[] sum = new long[1];
        final Thread thread = new Thread(() ->
        {
            // Fresh memory is faulted in page by page by the thread that first touches it.
            final byte[] memory = new byte[64 << 20];
            for (int i = 0; i < memory.length; i += 4096)
            {
                memory[i] = 1;
                sum[0] += memory[i];
            }
            touched.countDown();
            try
            {
                done.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "sched-stats-test-thread-with-a-long-name");
        thread.start();
        try
        {
            touched.await();
            while (thread.getState() != Thread.State.WAITING)
            {
                Thread.onSpinWait();
            }
            final ThreadSchedStats stats = ThreadSchedStats.of(thread);
            assertTrue(stats.available());
            assertTrue(stats.minorFaults() > 0, "minor faults: " + stats.minorFaults());
            assertEquals(16384, sum[0], "every page was touched");
            // The thread is parked, so its figures hold still: they must be what the kernel shows for it.
            final Path task = taskOf("sched-stats-tes");
            final String statLine = Files.readString(task.resolve("stat"));
            final String[] stat = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
            // stat fields count from 1 and the split starts at field 3: minflt is field 10, majflt field 12.
            assertEquals(Long.parseLong(stat[10 - 3]), stats.minorFaults());
            assertEquals(Long.parseLong(stat[12 - 3]), stats.majorFaults());
            assertEquals(statusField(task, "nonvoluntary_ctxt_switches"), stats.involuntarySwitches());
        }
        finally
        {
            done.countDown();
            thread.join();
        }
    }

    // The one task whose name (its first 15 bytes) starts so, found independently of the class under test.
    private static Path taskOf(final String namePrefix) throws IOException
    {
        try (Stream<Path> tasks = Files.list(Paths.get("/proc/self/task")))
        {
            final List<Path> found = tasks.filter(task -> comm(task).startsWith(namePrefix)).collect(Collectors.toList());
            assertEquals(1, found.size(), "tasks named " + namePrefix + "*: " + found);
            return found.get(0);
        }
    }

    private static String comm(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static long statusField(final Path task, final String name) throws IOException
    {
        for (final String line : Files.readAllLines(task.resolve("status")))
        {
            if (line.startsWith(name + ":"))
            {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in " + task.resolve("status"));
    }

    @Test
    void shouldSayUnavailableForAThreadThatIsNotRunning()
    {
        final ThreadSchedStats stats = ThreadSchedStats.of(new Thread(() -> { }, "never-started-thread-xyz"));
        assertFalse(stats.available());
        assertEquals(-1, stats.involuntarySwitches());
        assertEquals(-1, stats.minorFaults());
        assertEquals(-1, stats.majorFaults());
    }
}
