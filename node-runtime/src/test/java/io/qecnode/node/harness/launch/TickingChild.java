package io.qecnode.node.harness.launch;

import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A child for the launcher's tests: prints "tick N" every period, and exits with the code given after the ticks
 * given (0 ticks: until stopped) or once a file appears. Options: {@code --dir D} makes D with a file in it, as a
 * media driver makes its directory, and removes it on a clean stop (a SIGKILL leaves it); {@code --stubborn} makes
 * its stop hang, so only SIGKILL ends it.
 * <p>
 * {@code TickingChild <ticks> <period ms> <exit code> [--until FILE] [--dir D] [--stubborn]}
 */
public final class TickingChild
{
    private TickingChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int ticks = Integer.parseInt(args[0]);
        final long periodMs = Long.parseLong(args[1]);
        final int exitCode = Integer.parseInt(args[2]);
        Path until = null;
        for (int i = 3; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--until" -> until = Paths.get(args[++i]);
                case "--dir" -> makeDirectory(Paths.get(args[++i]));
                case "--stubborn" -> Runtime.getRuntime().addShutdownHook(new Thread(TickingChild::hang));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("ready, pid " + ProcessHandle.current().pid());
        for (int tick = 1; ticks == 0 || tick <= ticks; tick++)
        {
            if (until != null && Files.exists(until))
            {
                break;
            }
            System.out.println("tick " + tick);
            Thread.sleep(periodMs);
        }
        System.out.println("done, exit " + exitCode);
        System.exit(exitCode);
    }

    private static void makeDirectory(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("cnc.dat"), "not really");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(directory)));
    }

    private static void remove(final Path directory)
    {
        IoUtil.delete(directory.toFile(), true);
    }

    private static void hang()
    {
        System.out.println("stop hook hangs");
        try
        {
            Thread.sleep(Long.MAX_VALUE);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
