package io.qecnode.node.harness.attack;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tap on the path of a chain run as processes: B (node 2) receives on its bind port, its left neighbour sends to
 * the advertised port where the tap listens. The chain must run through the tap: B subscribed on its bind port got
 * every state of link 1 -> 2 (whatever a loaded machine made of their timing), and the tap saw them go by.
 */
class ChainTapIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";
    private static final int EPOCHS = 600;
    private static final int KEEP = 16;
    private static final Pattern NODE_2_STOPPED = Pattern.compile(
        "node-2: run: stopped: chain node 2 .* (\\d+) states refused.* (\\d+) left states accepted");

    @TempDir
    Path runDirectory;

    @Test
    void shouldRunTheChainThroughTheTapAndSeeEveryStateOfTheLink() throws Exception
    {
        assertTrue(JAR.isFile(), "package the jar first: " + JAR.getAbsolutePath());
        final InetSocketAddress advertised = UdpTapTest.freeLocalPort();
        final InetSocketAddress bind = UdpTapTest.freeLocalPort();
        final String output;
        try (UdpTap tap = UdpTap.start(advertised, bind, KEEP))
        {
            final List<String> command = List.of(JAVA, "-jar", JAR.getPath(), "chain", "--repeaters", "1",
                "--set", "link.*.distance=3", "--set", "node.2.port=" + advertised.getPort(),
                "--set", "node.2.bind-port=" + bind.getPort(), "--epochs", String.valueOf(EPOCHS),
                "--run-dir", runDirectory.toString());
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, process.exitValue(), output);

            assertTrue(output.contains("chain: passed"), output);
            output.lines().filter(line -> line.startsWith("verifier: ") || line.startsWith("node-2: run: stopped"))
                .forEach(System.out::println);
            System.out.printf("tap: %d datagrams to B, %d back, %d dropped%n", tap.datagramsTowardsNode(),
                tap.datagramsTowardsSenders(), tap.datagramsDropped());
            final String node2 = Files.readString(runDirectory.resolve("node-2.log"));
            assertTrue(node2.contains("left states on aeron:udp?endpoint=127.0.0.1:" + bind.getPort()), node2);
            // Every state of link 1 -> 2 reached B through the tap: taken, or refused (late on a loaded machine).
            final Matcher summary = NODE_2_STOPPED.matcher(output);
            assertTrue(summary.find(), output);
            assertEquals(EPOCHS, Long.parseLong(summary.group(1)) + Long.parseLong(summary.group(2)), output);
            assertTrue(tap.capturedCount(ChainStreams.STATES_STREAM) >= EPOCHS,
                "states seen: " + tap.capturedCount(ChainStreams.STATES_STREAM) + "\n" + output);
            assertTrue(tap.datagramsTowardsSenders() > 0, "no status message went back to node 1");
            final List<MessageCapture.Captured> captured = tap.captured(ChainStreams.STATES_STREAM);
            assertEquals(KEEP, captured.size());
            final LogicalStateView view = new LogicalStateView();
            for (final MessageCapture.Captured state : captured)
            {
                assertTrue(view.wrapAndVerify(new UnsafeBuffer(state.message()), 0, LogicalStateWriter.FRAME_LENGTH));
                assertEquals(1, view.sourceNode());
                assertEquals(2, view.destinationNode());
            }
        }
    }
}
