package io.qecnode.bench.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main-job command, shortened: the shaded jar runs a threshold table with {@code java -jar}.
 */
class QecBenchJarIT
{
    @Test
    void shouldRunAThresholdTableFromTheJar() throws Exception
    {
        final File jar = new File("target/qec-bench.jar");
        assertTrue(jar.isFile(), "package the jar first: " + jar.getAbsolutePath());
        final Process process = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
            jar.getPath(), "threshold", "--model", "code-capacity", "--distances", "3,7", "--p", "0.03,0.16", "--shots",
            "4000"))
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("d=3 and d=7 cross near p="), output);
    }
}
