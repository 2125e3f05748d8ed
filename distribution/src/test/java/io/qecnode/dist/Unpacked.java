package io.qecnode.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarball unpacked as a controller would, and its launchers run the way a machine without a JDK runs them: an
 * environment with no JAVA_HOME and a PATH on which no directory holds a java (an empty directory of our own: the
 * launchers need nothing from the PATH).
 */
final class Unpacked
{
    /** The tarball the build made (the failsafe configuration names it). */
    static final Path TARBALL = Paths.get(System.getProperty("qec.dist.tarball",
        "target/qec-node-unknown.tar.gz"));
    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;
    private final Path scratch;
    private final Path emptyBin;

    private Unpacked(final Path home, final Path scratch, final Path emptyBin)
    {
        this.home = home;
        this.scratch = scratch;
        this.emptyBin = emptyBin;
    }

    /**
     * @param dir a fresh directory.
     * @return the tarball unpacked in it, into the one directory its name promises.
     */
    static Unpacked into(final Path dir) throws IOException, InterruptedException
    {
        assertTrue(Files.isRegularFile(TARBALL), "package the distribution first: " + TARBALL.toAbsolutePath());
        final Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", dir.toString())
            .redirectErrorStream(true).start();
        final String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar: " + output);
        final String name = TARBALL.getFileName().toString().replace(".tar.gz", "");
        try (var entries = Files.list(dir))
        {
            assertEquals(List.of(name), entries.map(p -> p.getFileName().toString()).toList(),
                "the tarball unpacks to one directory, " + name);
        }
        final Path scratch = Files.createDirectories(dir.resolve("scratch"));
        return new Unpacked(dir.resolve(name), scratch, Files.createDirectories(dir.resolve("empty-bin")));
    }

    /** @return the unpacked directory, qec-node-VERSION. */
    Path home()
    {
        return home;
    }

    /** @return a directory for the tests' files, beside the unpacked one. */
    Path scratch()
    {
        return scratch;
    }

    /**
     * @param launcher {@code qec-node} or {@code qec-bench}.
     * @param args     its arguments.
     * @return a process builder for it, run from the unpacked directory with no java to be found.
     */
    ProcessBuilder launcher(final String launcher, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(launcher).toString());
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        final Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", emptyBin.toString());
        environment.put("HOME", scratch.toString());
        assertNoJava(environment);
        return builder;
    }

    /**
     * Run a launcher to its end.
     *
     * @param builder from {@link #launcher}, with any environment added.
     * @return its exit code and output.
     */
    Result run(final ProcessBuilder builder) throws IOException, InterruptedException
    {
        final File output = Files.createTempFile(scratch, "output", ".txt").toFile();
        final Process process = builder.redirectOutput(output).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor();
        }
        final String text = Files.readString(output.toPath());
        assertFalse(process.isAlive(), "timed out: " + builder.command() + "\n" + text);
        return new Result(process.exitValue(), text, process.pid());
    }

    /**
     * @param launcher {@code qec-node} or {@code qec-bench}.
     * @param args     its arguments.
     * @return its exit code and output.
     */
    Result run(final String launcher, final String... args) throws IOException, InterruptedException
    {
        return run(launcher(launcher, List.of(args)));
    }

    /**
     * @param pid a process's id.
     * @return the embedded media driver directories that process left in /dev/shm.
     */
    static List<String> driverDirectoriesOf(final long pid) throws IOException
    {
        final Path shm = Paths.get("/dev/shm");
        if (!Files.isDirectory(shm))
        {
            return List.of();
        }
        try (var entries = Files.list(shm))
        {
            return entries.map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith("qec-node-" + pid + "-")).toList();
        }
    }

    // What a machine without a JDK looks like: the test is void if a java could still be found.
    private static void assertNoJava(final Map<String, String> environment)
    {
        assertFalse(environment.containsKey("JAVA_HOME"), "JAVA_HOME is set");
        for (final String dir : environment.get("PATH").split(File.pathSeparator))
        {
            final File java = new File(dir, "java");
            assertFalse(java.isFile() && java.canExecute(), "a java on the PATH: " + java);
        }
    }

    /**
     * What a launcher did.
     *
     * @param exitCode its exit code.
     * @param output   standard output and error, interleaved.
     * @param pid      its process id: the JVM's, since the launcher execs it.
     */
    record Result(int exitCode, String output, long pid)
    {
    }
}
