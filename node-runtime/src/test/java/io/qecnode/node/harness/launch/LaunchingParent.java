package io.qecnode.node.harness.launch;

import java.nio.file.Paths;
import java.time.Duration;

/**
 * A parent for the launcher's signal test: launches one endless {@link TickingChild} (with a driver directory) and
 * follows it until a signal stops this JVM; prints the child's pid and directory so the test can check both are gone.
 * <p>
 * {@code LaunchingParent <run directory>}
 */
public final class LaunchingParent
{
    private LaunchingParent()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(Paths.get(args[0]))
            .grace(Duration.ofSeconds(20));
        final String directory = builder.driverDirectory("ticker");
        builder.process("ticker", TickingChild.class.getName(), "0", "50", "0", "--dir", directory)
            .progress(null, System.out::println);
        final ChainLauncher launcher = builder.start();
        System.out.println("child " + launcher.pid("ticker") + " dir " + directory);
        System.out.println(launcher.awaitCompletion(Duration.ofMinutes(10)).line());
    }
}
