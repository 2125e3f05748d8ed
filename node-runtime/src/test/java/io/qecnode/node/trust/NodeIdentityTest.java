package io.qecnode.node.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Signature;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdentityTest
{
    private static final byte[] MESSAGE = "Q-HELLO node=2 neighbour=3 seq=7".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void writtenKeysLoadBackAndSignAndVerify() throws Exception
    {
        final NodeIdentity written = NodeIdentity.generate(2);
        final Path publicFile = written.write(dir);
        assertEquals(dir.resolve("node-2.pub"), publicFile);

        final NodeIdentity loaded = NodeIdentity.load(dir, 2);
        assertEquals(2, loaded.nodeId());
        assertArrayEquals(written.publicKey().getEncoded(), loaded.publicKey().getEncoded());
        assertArrayEquals(written.privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertEquals("X.509", loaded.publicKey().getFormat());
        assertEquals("PKCS#8", loaded.privateKey().getFormat());

        final Signature signer = MlDsa.signature();
        signer.initSign(loaded.privateKey());
        signer.update(MESSAGE);
        final byte[] signature = signer.sign();

        final Signature verifier = MlDsa.signature();
        verifier.initVerify(loaded.publicKey());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature));

        final byte[] tampered = MESSAGE.clone();
        tampered[tampered.length - 1] ^= 1;
        verifier.initVerify(loaded.publicKey());
        verifier.update(tampered);
        assertFalse(verifier.verify(signature), "a changed message must not verify");

        verifier.initVerify(NodeIdentity.generate(2).publicKey());
        verifier.update(MESSAGE);
        assertFalse(verifier.verify(signature), "another key must not verify");
    }

    @Test
    void privateKeyFileIsOwnerReadOnly() throws Exception
    {
        NodeIdentity.generate(5).write(dir);
        final Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir.resolve("node-5.key"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ), mode);
        assertFalse(Files.getPosixFilePermissions(dir.resolve("node-5.pub")).contains(
            PosixFilePermission.OTHERS_WRITE));
    }

    @Test
    void refusesToOverwriteEitherFile() throws Exception
    {
        final NodeIdentity first = NodeIdentity.generate(1);
        first.write(dir);
        final byte[] privateBefore = Files.readAllBytes(dir.resolve("node-1.key"));

        final TrustException both = assertThrows(TrustException.class, () -> NodeIdentity.generate(1).write(dir));
        assertEquals("key file exists, not overwritten, file=" + dir.resolve("node-1.pub"), both.getMessage());

        Files.delete(dir.resolve("node-1.pub"));
        final TrustException privateOnly =
            assertThrows(TrustException.class, () -> NodeIdentity.generate(1).write(dir));
        assertEquals("key file exists, not overwritten, file=" + dir.resolve("node-1.key"), privateOnly.getMessage());
        assertArrayEquals(privateBefore, Files.readAllBytes(dir.resolve("node-1.key")));
        assertFalse(Files.exists(dir.resolve("node-1.pub")), "nothing written when a file is refused");
    }

    @Test
    void missingOrCorruptKeyFileIsNamed() throws Exception
    {
        final TrustException missing = assertThrows(TrustException.class, () -> NodeIdentity.load(dir, 9));
        assertEquals("no such key file, file=" + dir.resolve("node-9.pub"), missing.getMessage());

        NodeIdentity.generate(9).write(dir);
        final Path keyFile = dir.resolve("node-9.key");
        Files.setPosixFilePermissions(keyFile, Set.of(PosixFilePermission.OWNER_WRITE));
        Files.write(keyFile, new byte[]{1, 2, 3});
        final TrustException corrupt = assertThrows(TrustException.class, () -> NodeIdentity.load(dir, 9));
        assertEquals("not an ML-DSA private key (PKCS#8), file=" + keyFile, corrupt.getMessage());
    }

    @Test
    void toStringNamesTheNodeNotTheKeys()
    {
        final NodeIdentity identity = NodeIdentity.generate(4);
        final String text = identity.toString();
        assertTrue(text.contains("node=4") && text.contains(MlDsa.fingerprint(identity.publicKey())), text);
        assertTrue(text.length() < 120, text);
    }
}
