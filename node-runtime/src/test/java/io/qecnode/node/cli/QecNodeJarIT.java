package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the shaded jar as a user would: {@code java -jar} with no flags must find every export and open it needs in
 * the manifest; the same classes on a bare class path must be told what is missing.
 */
class QecNodeJarIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";

    @Test
    void shouldBeReadyUnderJavaJarWithoutFlags() throws Exception
    {
        final Result result = run(List.of(JAVA, "-jar", JAR.getPath(), "doctor"));
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("ready"), result.output);
    }

    @Test
    void shouldNameTheMissingFlagsOnABareClassPath() throws Exception
    {
        final Result result = run(List.of(JAVA, "-cp", JAR.getPath(), QecNodeMain.class.getName(), "doctor"));
        assertEquals(1, result.exitCode, result.output);
        assertTrue(result.output.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), result.output);
        assertTrue(result.output.contains("not ready"), result.output);
    }

    private static Result run(final List<String> command) throws IOException, InterruptedException
    {
        assertTrue(JAR.isFile(), "package the jar first: " + JAR.getAbsolutePath());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output)
    {
    }
}
