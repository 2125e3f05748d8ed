package io.qecnode.node.measure;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

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
            final ThreadSchedStats stats = ThreadSchedStats.of(thread);
            assertTrue(stats.available());
            assertTrue(stats.minorFaults() > 0, "minor faults: " + stats.minorFaults());
            assertTrue(stats.majorFaults() >= 0);
            assertTrue(stats.involuntarySwitches() >= 0);
            assertEquals(16384, sum[0]);
        }
        finally
        {
            done.countDown();
            thread.join();
        }
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
