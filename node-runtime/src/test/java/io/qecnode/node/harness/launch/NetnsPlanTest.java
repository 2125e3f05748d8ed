package io.qecnode.node.harness.launch;

import io.qecnode.node.cli.CommandFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Network namespaces per node: as root, three namespaces on a bridge, a datagram from node 0 to node 1 and from
 * nodes 1 and 2 to the verifier's address in the root namespace, and nothing left after; otherwise the refusal line.
 */
class NetnsPlanTest
{
    @Test
    void shouldRefuseWithOneLineWithoutRootOrTheIpCommand()
    {
        assertEquals("--netns needs root (running as uid 1000)", NetnsPlan.refusal(1000, "/usr/sbin/ip"));
        assertEquals("--netns needs the ip command (iproute2), not found on the PATH nor in /usr/sbin, /sbin, " +
            "/usr/bin, /bin", NetnsPlan.refusal(0, null));
        assertNull(NetnsPlan.refusal(0, "/usr/sbin/ip"));
    }

    @Test
    void shouldLetEachNodeReachTheNextAndTheVerifierAndLeaveNothing(@TempDir final Path runDirectory)
        throws IOException, InterruptedException
    {
        assumeTrue(NetnsPlan.refusal() == null, () -> "skipped: " + NetnsPlan.refusal());
        final String runId = String.format(Locale.ROOT, "t%05x", ThreadLocalRandom.current().nextInt(1 << 20));
        final String subnet = "10.77." + (100 + ThreadLocalRandom.current().nextInt(100));
        final NetnsPlan plan = NetnsPlan.create(runId, 3, subnet);
        try (DatagramSocket verifier = new DatagramSocket(new InetSocketAddress(plan.verifierAddress(), 0)))
        {
            assertEquals(Set.of("qec-" + runId + "-0", "qec-" + runId + "-1", "qec-" + runId + "-2"),
                Set.copyOf(plan.leftovers().subList(0, 3)), "the namespaces exist");
            assertEquals(Map.of("verifier.host", subnet + ".254", "node.0.host", subnet + ".1", "node.1.host",
                subnet + ".2", "node.2.host", subnet + ".3"), plan.topologySettings());
            final CommandFailure taken = assertThrows(CommandFailure.class, () -> NetnsPlan.create("x" + runId, 2,
                subnet));
            assertEquals("the subnet " + subnet + ".0/24 is in use on this host (another chain run?), --netns",
                taken.getMessage());

            final String port = String.valueOf(verifier.getLocalPort());
            final ChainLauncher.Builder builder = ChainLauncher.builder().runDirectory(runDirectory)
                .process("node-1", UdpHop.class.getName(), "forward", plan.address(1), "5000",
                    plan.verifierAddress(), port)
                .process("node-0", UdpHop.class.getName(), "send", plan.address(1), "5000", "from node 0")
                .process("node-2", UdpHop.class.getName(), "send", plan.verifierAddress(), port, "from node 2")
                .completesRun("node-1")
                .closeAfterStop(plan);
            for (int node = 0; node < 3; node++)
            {
                builder.commandPrefix("node-" + node, plan.prefix(node));
            }
            try (ChainLauncher launcher = builder.start())
            {
                verifier.setSoTimeout((int)Duration.ofMinutes(1).toMillis());
                final Set<String> heard = new TreeSet<>();
                while (heard.size() < 2)
                {
                    final DatagramPacket packet = new DatagramPacket(new byte[256], 256);
                    verifier.receive(packet);
                    heard.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8) + " by " +
                        packet.getAddress().getHostAddress());
                }
                assertEquals(Set.of("from node 0 reached " + plan.address(1) + " by " + plan.address(1),
                    "from node 2 by " + plan.address(2)), heard);

                final RunOutcome outcome = launcher.awaitCompletion(Duration.ofMinutes(2));

                assertEquals(RunOutcome.Kind.COMPLETED, outcome.kind(), outcome.line());
                assertTrue(launcher.stop().isClean(), launcher.stop().summary());
                assertTrue(Files.readString(launcher.log("node-1")).contains("forwarded from /" + plan.address(0)),
                    "node 1 heard node 0 from node 0's own namespace");
            }
        }
        finally
        {
            plan.close();
        }
        assertEquals(List.of(), plan.leftovers(), "no namespace, link or bridge left");
        assertEquals(List.of(), NetnsPlan.leftovers("x" + runId), "nor of the refused plan");
    }
}
