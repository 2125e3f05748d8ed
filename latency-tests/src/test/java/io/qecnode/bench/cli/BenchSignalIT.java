package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to a long soak: the run stops, says so, and its embedded driver's directory is gone from /dev/shm.
 */
class BenchSignalIT
{
    @Test
    void shouldRemoveTheSoaksDriverDirectoryOnSigterm() throws Exception
    {
        final File jar = new File("target/qec-bench.jar");
        assertTrue(jar.isFile(), "package the jar first: " + jar.getAbsolutePath());
        final Process soak = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
            jar.getPath(), "soak", "-d", "3", "--warmup", "1s", "--duration", "10m", "--interval", "1s"))
            .redirectErrorStream(true).start();
        final StringBuffer output = new StringBuffer();
        final Thread reader = new Thread(() ->
        {
            final byte[] buffer = new byte[4096];
            try
            {
                int read;
                while ((read = soak.getInputStream().read(buffer)) > 0)
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
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Two interval lines: the pipeline is running on its driver.
        while (output.toString().lines().filter(line -> line.matches("\\s*\\d+ .*")).count() < 2)
        {
            assertTrue(System.nanoTime() - deadline < 0, "no interval lines: " + output);
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertTrue(shmDirectoriesOf(soak.pid()) > 0, "the soak's driver runs in /dev/shm");

        soak.toHandle().destroy();

        assertTrue(soak.waitFor(60, TimeUnit.SECONDS), output.toString());
        reader.join(5000);
        assertEquals(143, soak.exitValue(), output.toString());
        assertTrue(output.toString().contains("soak: stopped by a signal before the end: no verdict"),
            output.toString());
        assertFalse(output.toString().contains("\tat "), output.toString());
        assertEquals(0, shmDirectoriesOf(soak.pid()), output.toString());
    }

    private static long shmDirectoriesOf(final long pid)
    {
        final String[] names = new File("/dev/shm").list();
        return names == null ? 0 : Arrays.stream(names).filter(name -> name.startsWith("qec-node-" + pid + "-"))
            .count();
    }
}
