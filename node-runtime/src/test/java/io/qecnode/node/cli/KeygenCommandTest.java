package io.qecnode.node.cli;

import io.qecnode.node.trust.MlDsa;
import io.qecnode.node.trust.NodeIdentity;
import io.qecnode.node.trust.TrustStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeygenCommandTest
{
    @TempDir
    Path dir;

    @Test
    void writesTheKeyPairAndPrintsTheFingerprint() throws Exception
    {
        final Path out = dir.resolve("keys");
        final CommandRunner.Run run = CommandRunner.run("keygen", "--node", "4", "--out-dir", out.toString());
        assertEquals(0, run.exitCode(), run.toString());

        final NodeIdentity loaded = NodeIdentity.load(out, 4);
        assertTrue(run.out().contains("public key:  " + out.resolve("node-4.pub")), run.out());
        assertTrue(run.out().contains("fingerprint: " + MlDsa.fingerprint(loaded.publicKey())), run.out());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ),
            Files.getPosixFilePermissions(out.resolve("node-4.key")));
        assertEquals(Set.of(4), TrustStore.load(out).keys().keySet());
    }

    @Test
    void existingKeyIsExitOneAndKept() throws Exception
    {
        assertEquals(0, CommandRunner.run("keygen", "--node", "1", "--out-dir", dir.toString()).exitCode());
        final byte[] before = Files.readAllBytes(dir.resolve("node-1.pub"));

        final CommandRunner.Run again = CommandRunner.run("keygen", "--node", "1", "--out-dir", dir.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals("qec-node keygen: key file exists, not overwritten, file=" + dir.resolve("node-1.pub"),
            again.err().strip());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("node-1.pub"))));
    }

    @Test
    void badFlagsAreExitTwoWithOneLine()
    {
        final CommandRunner.Run negative = CommandRunner.run("keygen", "--node", "-1", "--out-dir", dir.toString());
        assertEquals(2, negative.exitCode(), negative.toString());
        assertTrue(negative.err().startsWith("qec-node keygen: node id must be 0 or more, --node=-1"),
            negative.err());
        assertFalse(negative.err().contains("Exception"), negative.err());

        final CommandRunner.Run missing = CommandRunner.run("keygen", "--node", "1");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--out-dir"), missing.err());
        assertFalse(Files.exists(dir.resolve("node-1.key")));
    }

    @Test
    void outThatIsAFileIsExitOne() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("plain"), "x");
        final CommandRunner.Run run = CommandRunner.run("keygen", "--node", "1", "--out-dir", file.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("qec-node keygen: cannot create the key directory, --out-dir=" + file, run.err().strip());
    }

    @Test
    void helpRenders()
    {
        final CommandRunner.Run run = CommandRunner.run("keygen", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("--node=ID") && run.out().contains("--out-dir=DIR"), run.out());
    }
}
