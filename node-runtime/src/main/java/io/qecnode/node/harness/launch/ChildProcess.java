package io.qecnode.node.harness.launch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child of a launch: its command line, its log (stdout and stderr, appended across restarts) and the process
 * now running it. Remembers every process it started and their descendants, for the check that none outlives the run.
 * Not thread-safe: the launcher guards it.
 */
final class ChildProcess
{
    private static final int TAIL_BYTES = 4096;
    private static final String MARKER = "=== launch: ";

    private final String name;
    private final List<String> command;
    private final Path log;
    private final List<ProcessHandle> started = new ArrayList<>();
    private Process process;
    private int starts;
    private boolean killedOnPurpose;

    ChildProcess(final String name, final List<String> command, final Path log)
    {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    String name()
    {
        return name;
    }

    List<String> command()
    {
        return command;
    }

    Path log()
    {
        return log;
    }

    void start() throws IOException
    {
        starts++;
        Files.writeString(log, MARKER + "start " + starts + " of " + name + " at " + Instant.now() + ": " +
            String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        started.add(process.toHandle());
        killedOnPurpose = false;
    }

    boolean isAlive()
    {
        return process != null && process.isAlive();
    }

    long pid()
    {
        return process == null ? -1 : process.pid();
    }

    /** @return the exit code of the latest process, or -1 while it runs or before it started. */
    int exitCode()
    {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    /** @return true when it died on its own: not killed by the launcher on purpose, not still running. */
    boolean diedUnexpectedly()
    {
        return process != null && !process.isAlive() && !killedOnPurpose;
    }

    int starts()
    {
        return starts;
    }

    /** SIGTERM: the child's own shutdown closes its driver and removes its directory. */
    void terminate()
    {
        if (isAlive())
        {
            rememberDescendants();
            process.destroy();
        }
    }

    /** SIGKILL, to it and to anything it started. */
    void kill()
    {
        if (process != null)
        {
            rememberDescendants();
            for (final ProcessHandle handle : started)
            {
                handle.destroyForcibly();
            }
        }
    }

    /** SIGKILL on purpose (a fault test): its death does not fail the run until it is restarted. */
    void killOnPurpose(final long timeoutNs) throws InterruptedException
    {
        killedOnPurpose = true;
        kill();
        awaitExit(timeoutNs);
    }

    boolean awaitExit(final long timeoutNs) throws InterruptedException
    {
        return process == null || process.waitFor(timeoutNs, TimeUnit.NANOSECONDS);
    }

    /**
     * SIGKILL whatever this child started that is still alive (its processes and their descendants), wait for them.
     *
     * @param timeoutNs how long to wait for each.
     * @return pids of those still alive: orphans.
     */
    List<Long> killSurvivors(final long timeoutNs)
    {
        kill();
        for (final ProcessHandle handle : started)
        {
            try
            {
                handle.onExit().get(timeoutNs, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                // Still alive: reported below.
            }
        }
        return survivors();
    }

    /** @return pids of every process this child started, or they started, that is still alive. */
    List<Long> survivors()
    {
        final List<Long> alive = new ArrayList<>();
        for (final ProcessHandle handle : started)
        {
            if (handle.isAlive())
            {
                alive.add(handle.pid());
            }
        }
        return alive;
    }

    private void rememberDescendants()
    {
        process.descendants().forEach(handle ->
        {
            if (!started.contains(handle))
            {
                started.add(handle);
            }
        });
    }

    /** @return "up", "exited 3" or "killed" (on purpose, not yet restarted). */
    String status()
    {
        if (process == null)
        {
            return "not started";
        }
        if (process.isAlive())
        {
            return "up";
        }
        return killedOnPurpose ? "killed" : "exited " + process.exitValue();
    }

    /** @return the last non-blank line the child wrote to its log (not the launcher's markers), or "" for none. */
    String lastLine()
    {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r"))
        {
            final long length = file.length();
            final int size = (int)Math.min(length, TAIL_BYTES);
            final byte[] tail = new byte[size];
            file.seek(length - size);
            file.readFully(tail);
            final String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--)
            {
                if (!lines[i].isBlank() && !lines[i].startsWith(MARKER))
                {
                    return lines[i].trim();
                }
            }
            return "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
