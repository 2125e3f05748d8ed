package io.qecnode.node.cli;

import io.qecnode.node.topology.ChainTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-process chain's commands refuse what does not go together before anything starts: one line naming the
 * option, exit code 2 (1 for a file that cannot be read).
 */
class ChainCommandsRefusalTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRefuseARunOfAChainNodeWithMemoryNodeSettingsOrAWrongRole()
    {
        final String topology = topology();
        assertRefused(2, "--distance does not go with --topology", "run", "--topology", topology, "--node", "1",
            "-d", "5");
        assertRefused(2, "--journal does not go with --topology", "run", "--topology", topology, "--node", "1",
            "--journal", dir.resolve("j").toString());
        assertRefused(2, "a chain node needs --node, --topology=" + topology, "run", "--topology", topology);
        assertRefused(2, "must be in [0, 2], --node=3", "run", "--topology", topology, "--node", "3");
        assertRefused(2, "the topology makes this node a repeater, --role=end", "run", "--topology", topology,
            "--node", "1", "--role", "end");
        assertRefused(2, "the topology makes this node an end (A), --role=repeater", "run", "--topology", topology,
            "--node", "0", "--role", "repeater");
        assertRefused(2, "must be end or repeater, --role=middle", "run", "--topology", topology, "--node", "1",
            "--role", "middle");
        assertRefused(2, "a role goes with --topology, --role=end", "run", "--role", "end");
        assertRefused(1, "file=" + dir.resolve("missing.properties"), "run", "--topology",
            dir.resolve("missing.properties").toString(), "--node", "0");
    }

    @Test
    void shouldRefuseChainHardwareWithMemorySettingsOrWithoutItsNodesDriver()
    {
        final String topology = topology();
        assertRefused(2, "--seed does not go with --topology", "sim", "--topology", topology, "--node", "1",
            "--aeron-dir", dir.toString(), "--seed", "3");
        assertRefused(2, "a chain node's hardware needs --node and its node's --aeron-dir", "sim", "--topology",
            topology, "--node", "1");
        assertRefused(2, "--epochs goes with --topology, --epochs=5", "sim", "--epochs", "5");
    }

    @Test
    void shouldRefuseAChainCommandThatSaysTwoThings()
    {
        final String topology = topology();
        assertRefused(2, "--repeaters and --set generate a topology: not with --topology=" + topology,
            "chain", "--topology", topology, "--repeaters", "2");
        assertRefused(2, "must be in [0, 248], --repeaters=300", "chain", "--repeaters", "300");
        assertRefused(2, "--epochs and --duration say the same thing", "chain", "--repeaters", "1", "--epochs",
            "10", "--duration", "1s", "--run-dir", dir.resolve("run").toString());
        assertRefused(2, "expected NODE@AT[+DOWN], e.g. 1@3s+2s, --kill=soon", "chain", "--kill", "soon");
        assertRefused(2, "unknown key", "chain", "--set", "colour=blue", "--run-dir", dir.resolve("run2").toString());
    }

    private String topology()
    {
        return ChainTopology.write(dir.resolve("chain.properties"), 3, Map.of()).file().toString();
    }

    private static void assertRefused(final int exitCode, final String message, final String... args)
    {
        final CommandRunner.Run run = CommandRunner.run(args);
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.err().contains(message), run.toString());
        assertTrue(!run.err().contains("\tat "), "no stack trace\n" + run);
    }
}
