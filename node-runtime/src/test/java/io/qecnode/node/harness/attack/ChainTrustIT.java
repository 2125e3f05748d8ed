package io.qecnode.node.harness.attack;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.node.chain.StateRefusal;
import io.qecnode.node.harness.launch.JavaCommand;
import io.qecnode.node.harness.launch.VerifierLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust between the nodes of a chain run as processes by the {@code chain} command (A, a repeater, B; each with its
 * own identity and one trust store admitting the three), with an on-path tap in front of B:
 * <ul>
 *     <li>attackers in JVMs of their own publish every kind of forged, replayed and unsealed frame into B's endpoint
 *     at line rate while the chain runs: every one is refused and counted, and the chain's right pairs and fidelity
 *     are exactly those of the same chain run without the attack;</li>
 *     <li>the links' keys rotate every second through a run without losing a state;</li>
 *     <li>a node taken out of the trust store is cut off by its neighbours within one dead interval.</li>
 * </ul>
 */
class ChainTrustIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";
    // 5 ms rounds, 4 rounds an epoch at d = 3: 50 epochs a second, slow enough that a loaded host keeps every epoch.
    private static final int EPOCHS = 1200;
    // The attacked run and its clean twin: long enough for six attackers one after the other.
    private static final int ATTACKED_EPOCHS = 2000;
    private static final String ATTACK = "1s";
    private static final Pattern SENT = Pattern.compile("attacker: (\\S+) sent (\\d+)");

    @TempDir
    Path directory;

    private int bindPort;

    @Test
    void shouldRefuseAndCountEveryAttackWhileTheChainJudgesExactlyAsWithoutIt() throws Exception
    {
        final Run clean = chain(directory.resolve("clean"), ATTACKED_EPOCHS, "10s", null);
        final Map<String, Long> sent = new LinkedHashMap<>();
        final Run attacked = chain(directory.resolve("attacked"), ATTACKED_EPOCHS, "10s", tap -> attack(tap, sent));

        final long[] quiet = VerifierLine.judged(clean.output);
        final long[] underAttack = VerifierLine.judged(attacked.output);
        assertEquals(ATTACKED_EPOCHS, quiet[0], clean.output);
        // A cold start may flag an epoch or two (a round lost before the first node polled); the rest are whole.
        assertTrue(quiet[3] + quiet[4] <= ATTACKED_EPOCHS / 100, clean.output);
        assertEquals(quiet[1], underAttack[1], "right pairs, attacked vs clean\n" + attacked.output);
        assertEquals(quiet[2], underAttack[2], "wrong pairs\n" + attacked.output);
        assertEquals(quiet[3], underAttack[3], "incomplete\n" + attacked.output);
        assertEquals(quiet[4], underAttack[4], "failed\n" + attacked.output);
        assertEquals(VerifierLine.fidelity(clean.output), VerifierLine.fidelity(attacked.output), attacked.output);

        final String node2 = attacked.log("node-2");
        System.out.println("ChainTrustIT: sent " + sent + "; clean " + VerifierLine.text(clean.output) + "; attacked " +
            VerifierLine.text(attacked.output) + "; B: " + node2.lines().filter(line -> line.startsWith("run: stopped"))
            .findFirst().orElse("-"));
        final long statesSent = sent.getOrDefault("unsealed", 0L) + sent.getOrDefault("forged", 0L) +
            sent.getOrDefault("replay", 0L) + sent.getOrDefault("stranger", 0L);
        assertTrue(statesSent > 10_000 && sent.get("hello-forged") > 100, "the attackers ran at line rate: " + sent);
        assertEquals(sent.get("unsealed"), refused(node2, StateRefusal.NO_MAC), sent + "\n" + node2);
        assertEquals(sent.get("stranger"), refused(node2, StateRefusal.NOT_ADMITTED), sent + "\n" + node2);
        assertEquals(sent.get("forged") + sent.get("replay"), refused(node2, StateRefusal.WRONG_MAC) +
            refused(node2, StateRefusal.OLD_KEY) + refused(node2, StateRefusal.REPLAYED), sent + "\n" + node2);
        assertTrue(refused(node2, StateRefusal.REPLAYED) > 0 && refused(node2, StateRefusal.WRONG_MAC) > 0,
            sent + "\n" + node2);
        assertEquals(0, refused(attacked.log("node-1"), StateRefusal.WRONG_MAC), "the repeater saw no attack");
        assertTrue(node2.contains("first left state refused, no MAC"), "reported once with its facts\n" + node2);
        assertTrue(hellosRefused(node2) >= sent.get("hello-replay") + sent.get("hello-forged"),
            sent + "\n" + node2);
        assertTrue(node2.contains("hello refused, replayed") || node2.contains("hello refused, stale"), node2);
        assertTrue(node2.contains("hello refused, bad signature"), node2);
    }

    @Test
    void shouldRotateTheKeysEverySecondWithoutLosingAState() throws Exception
    {
        final Run run = chain(directory.resolve("rotation"), EPOCHS, "1s", null);
        final long[] judged = VerifierLine.judged(run.output);
        assertEquals(EPOCHS, judged[0], run.output);
        assertTrue(judged[3] + judged[4] <= EPOCHS / 100, "whole epochs, whatever the rotations\n" + run.output);
        // A state lost to a rotation would be refused (wrong MAC, old key) or held back for want of a key.
        for (final String node : List.of("node-0", "node-1", "node-2"))
        {
            final String log = run.log(node);
            for (final StateRefusal kind : StateRefusal.values())
            {
                assertEquals(0, refused(log, kind), kind + "\n" + log);
            }
            assertTrue(!log.contains("for want of a session key"), log);
        }
        for (final String node : List.of("node-1", "node-2"))
        {
            assertTrue(keysInstalled(run.log(node)) >= 10, "a new key about every second of the ~25 s run\n" +
                run.log(node));
        }
    }

    @Test
    void shouldCutOffANodeTakenOutOfTheTrustStoreWithinOneDeadInterval() throws Exception
    {
        final long[] tookMs = new long[2];
        final Run run = chain(directory.resolve("removal"), EPOCHS, "10s", tap ->
        {
            final Path run1 = directory.resolve("removal");
            sleep(2_000);
            try
            {
                Files.delete(run1.resolve("trust").resolve("node-1.pub"));
                final long removedNs = System.nanoTime();
                for (int node = 0; node <= 2; node += 2)
                {
                    final String line = "neighbour 1 is no longer admitted";
                    while (!Files.readString(run1.resolve("node-" + node + ".log")).contains(line) &&
                        System.nanoTime() - removedNs < TimeUnit.SECONDS.toNanos(10))
                    {
                        sleep(5);
                    }
                    tookMs[node / 2] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removedNs);
                }
            }
            catch (final IOException ex)
            {
                throw new AssertionError(ex);
            }
        });
        // The dead interval is 1 s: both neighbours dropped node 1 well within it.
        assertTrue(tookMs[0] < 1_000 && tookMs[1] < 1_000, "took " + tookMs[0] + " and " + tookMs[1] + " ms\n" +
            run.output);
        final long[] judged = VerifierLine.judged(run.output);
        assertEquals(EPOCHS, judged[0], run.output);
        assertTrue(judged[3] > EPOCHS / 2, "the chain past the removal: epochs incomplete at B\n" + run.output);
        assertTrue(refused(run.log("node-2"), StateRefusal.NOT_ADMITTED) > 0, run.log("node-2"));
    }

    // One chain run through a tap in front of B; the attack (if any) runs on this thread once the hardware starts.
    private Run chain(final Path runDirectory, final int epochs, final String rotation, final Consumer<UdpTap> attack)
        throws Exception
    {
        assertTrue(JAR.isFile(), "package the jar first: " + JAR.getAbsolutePath());
        final InetSocketAddress advertised = UdpTapTest.freeLocalPort();
        final InetSocketAddress bind = UdpTapTest.freeLocalPort();
        bindPort = bind.getPort();
        try (UdpTap tap = UdpTap.start(advertised, bind, 4096))
        {
            final List<String> command = List.of(JAVA, "-jar", JAR.getPath(), "chain", "--repeaters", "1",
                "--set", "link.*.distance=3", "--set", "period=5ms", "--set", "neighbour-deadline=2s",
                "--set", "trust.key-rotation=" + rotation, "--set", "node.2.port=" + advertised.getPort(),
                "--set", "node.2.bind-port=" + bind.getPort(), "--epochs", String.valueOf(epochs),
                "--run-dir", runDirectory.toString());
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    output.append(line).append('\n');
                    if (attack != null && line.contains("the hardware starts in"))
                    {
                        attack.accept(tap);
                    }
                }
            }
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, process.exitValue(), output.toString());
            return new Run(runDirectory, output.toString());
        }
    }

    private void attack(final UdpTap tap, final Map<String, Long> sent)
    {
        sleep(1_000);
        try
        {
            final Path states = directory.resolve("states.capture");
            final Path hellos = directory.resolve("hellos.capture");
            final String target = "127.0.0.1:" + bindPort;
            final String statesStream = String.valueOf(ChainStreams.STATES_STREAM);
            final String hellosStream = String.valueOf(ChainStreams.HELLO_STREAM);
            // Each attacker takes what the tap saw just before it starts: the newest key's states and Hellos.
            AttackerMain.writeCapture(states, messages(tap, ChainStreams.STATES_STREAM));
            attacker(sent, "--target", target, "--stream", statesStream, "--mode", "replay", "--capture",
                states.toString());
            AttackerMain.writeCapture(hellos, messages(tap, ChainStreams.HELLO_STREAM));
            attacker(sent, "--target", target, "--stream", hellosStream, "--mode", "hello-replay", "--capture",
                hellos.toString());
            attacker(sent, "--target", target, "--stream", hellosStream, "--mode", "hello-forged", "--capture",
                hellos.toString());
            AttackerMain.writeCapture(states, messages(tap, ChainStreams.STATES_STREAM));
            attacker(sent, "--target", target, "--stream", statesStream, "--mode", "forged", "--capture",
                states.toString());
            attacker(sent, "--target", target, "--stream", statesStream, "--mode", "unsealed");
            attacker(sent, "--target", target, "--stream", statesStream, "--mode", "stranger", "--source", "9",
                "--capture", states.toString());
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static List<byte[]> messages(final UdpTap tap, final int streamId)
    {
        final List<byte[]> messages = new ArrayList<>();
        tap.captured(streamId).forEach(captured -> messages.add(captured.message()));
        assertTrue(!messages.isEmpty(), "the tap saw nothing on stream " + streamId);
        return messages;
    }

    private static void attacker(final Map<String, Long> sent, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--duration", ATTACK));
        final Process process = new ProcessBuilder(JavaCommand.of(AttackerMain.class.getName(), all))
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        final Matcher matcher = SENT.matcher(output);
        assertTrue(matcher.find(), output);
        sent.put(matcher.group(1), Long.parseLong(matcher.group(2)));
    }

    // From the node's last line: "N <label>" inside its "states refused (...)".
    private static long refused(final String log, final StateRefusal kind)
    {
        final Matcher line = Pattern.compile("run: stopped: .*? states refused \\(([^)]*)\\)").matcher(log);
        String kinds = "";
        while (line.find())
        {
            kinds = line.group(1);
        }
        final Matcher count = Pattern.compile("(\\d+) " + Pattern.quote(kind.label()) + "(,|$)").matcher(kinds);
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }

    private static long hellosRefused(final String log)
    {
        final Matcher matcher = Pattern.compile("hellos: \\d+ accepted, (\\d+) refused").matcher(log);
        long count = 0;
        while (matcher.find())
        {
            count = Long.parseLong(matcher.group(1));
        }
        return count;
    }

    private static long keysInstalled(final String log)
    {
        return log.lines().filter(line -> line.contains(" installed") && line.contains("key ")).count();
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private record Run(Path directory, String output)
    {
        String log(final String name)
        {
            try
            {
                return Files.readString(directory.resolve(name + ".log"));
            }
            catch (final IOException ex)
            {
                throw new AssertionError(String.format(Locale.ROOT, "cannot read %s's log: %s", name, ex));
            }
        }
    }
}
