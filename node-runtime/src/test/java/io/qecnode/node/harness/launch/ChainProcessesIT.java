package io.qecnode.node.harness.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repeater chain as separate processes, run by the shaded jar's {@code chain} command as a user runs it: A, one
 * repeater and B, each node with its own media driver, node to node over Aeron UDP, each node's hardware a process of
 * its own on IPC of its node's driver, the verifier a process of its own. Small codes (d = 3) and the generated
 * topology's pace (1 ms rounds), so seven JVMs fit two cores.
 */
class ChainProcessesIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";
    private static final Pattern LAST_NOT_WHOLE = Pattern.compile("last epoch judged incomplete or failed: at most " +
        "(\\d+)");

    @TempDir
    Path runDirectory;

    @Test
    void shouldJudgeEveryEpochOfThreeNodesRunAsProcesses() throws Exception
    {
        final int epochs = 600;
        final String output = chain(epochs);

        assertTrue(output.contains("chain: passed"), output);
        final long[] judged = VerifierLine.judged(output);
        assertEquals(epochs, judged[0], "every epoch the hardware ran is judged\n" + output);
        assertEquals(epochs, judged[1] + judged[2] + judged[3] + judged[4], output);
        // Once the JVMs are warm every epoch is whole: none flagged incomplete or failed in the second half.
        assertTrue(lastNotWhole(output) < epochs / 2, output);
        assertTrue(output.contains("0 frame-algebra mismatches"), output);
        for (int node = 0; node < 3; node++)
        {
            assertTrue(output.contains("hw-" + node + ": sim: done: node " + node + ": " + epochs + " epochs"), output);
            assertTrue(output.contains("node-" + node + ": run: stopped: chain node " + node), output);
        }
        assertNothingLeft(output);
    }

    @Test
    void shouldRunTheChainAcrossNetworkNamespacesAsRoot() throws Exception
    {
        assumeTrue(NetnsPlan.refusal() == null, "--netns: " + NetnsPlan.refusal());
        final int epochs = 600;
        final String output = chain(epochs, "--netns");

        assertTrue(output.contains("chain: passed") && output.contains("network namespaces qec-"), output);
        final long[] judged = VerifierLine.judged(output);
        assertEquals(epochs, judged[0], output);
        assertTrue(lastNotWhole(output) < epochs / 2, output);
        assertTrue(output.contains("node-2: run: stopped: chain node 2 (LAST_END): " + epochs + " epochs closed"),
            output);
        assertNothingLeft(output);
        assertEquals(List.of(), NetnsPlan.leftovers(runId(output)), "namespaces or links of the run left");
    }

    @Test
    void shouldCarryOnWhenTheRepeaterIsKilledAndRestarted() throws Exception
    {
        // 1 ms rounds, 4 per epoch at d = 3: 250 epochs a second, the repeater down for 1 s, a JVM start, and its
        // first signed Hellos and key exchanges with both neighbours (cold crypto: 2-5 s here, more under load).
        final int epochs = 5000;
        final String output = chain(epochs, "--kill", "1@3s+1s");

        assertTrue(output.contains("chain: SIGKILLed node-1") && output.contains("chain: restarted node-1"), output);
        assertTrue(output.contains("chain: passed"), output);
        final long[] judged = VerifierLine.judged(output);
        assertEquals(epochs, judged[0], "every epoch the hardware ran is judged, none dropped\n" + output);
        assertEquals(epochs, judged[1] + judged[2] + judged[3] + judged[4], output);
        // The epochs of the second the repeater was down, at least, are flagged, never counted right.
        assertTrue(judged[3] + judged[4] >= 250, output);
        assertTrue(judged[1] <= epochs - 250, output);
        // The chain carries on: after the restart the epochs are whole again, for good.
        assertTrue(lastNotWhole(output) < epochs - 1000, output);
        assertTrue(output.contains("0 frame-algebra mismatches"), output);
        assertTrue(output.contains("driver lost 1 times"), "the repeater's hardware outlived its node\n" + output);
        assertNothingLeft(output);
    }

    private String chain(final int epochs, final String... more) throws IOException, InterruptedException
    {
        assertTrue(JAR.isFile(), "package the jar first: " + JAR.getAbsolutePath());
        final List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.getPath(), "chain", "--repeaters", "1",
            "--set", "link.*.distance=3", "--epochs", String.valueOf(epochs), "--run-dir", runDirectory.toString()));
        command.addAll(List.of(more));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static long lastNotWhole(final String output)
    {
        if (output.contains("every epoch judged whole"))
        {
            return -1;
        }
        final Matcher matcher = LAST_NOT_WHOLE.matcher(output);
        assertTrue(matcher.find(), output);
        return Long.parseLong(matcher.group(1));
    }

    private static String runId(final String output)
    {
        final Matcher run = Pattern.compile(", run ([a-z0-9]+),").matcher(output);
        assertTrue(run.find(), output);
        return run.group(1);
    }

    // No process of the run (its command lines name the run directory) and no Aeron directory of it.
    private void assertNothingLeft(final String output)
    {
        assertTrue(output.contains("chain: stopped 7 processes, nothing left"), output);
        final long alive = ProcessHandle.allProcesses()
            .filter(process -> process.info().commandLine().orElse("").contains(runDirectory.toString()))
            .count();
        assertEquals(0, alive, "processes of the run still alive");
        final String runId = runId(output);
        final String[] left = new File("/dev/shm").list((dir, name) -> name.contains("-" + runId + "-"));
        assertEquals(0, left == null ? 0 : left.length, "Aeron directories of the run left in /dev/shm");
    }
}
