package io.qecnode.node.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrustStoreTest
{
    @TempDir
    Path keys;

    @TempDir
    Path store;

    @Test
    void loadsAdmittedNodesAndCountsOtherFiles() throws Exception
    {
        final NodeIdentity one = NodeIdentity.generate(1);
        final NodeIdentity two = NodeIdentity.generate(2);
        for (final NodeIdentity identity : List.of(one, two))
        {
            Files.copy(identity.write(keys), store.resolve("node-" + identity.nodeId() + ".pub"));
        }
        Files.writeString(store.resolve("README"), "admitted repeaters");
        Files.copy(keys.resolve("node-1.key"), store.resolve("node-1.key"));
        Files.copy(keys.resolve("node-2.pub"), store.resolve("node-02.pub"));

        final TrustStore trust = TrustStore.load(store);
        assertEquals(List.of(1, 2), List.copyOf(trust.keys().keySet()));
        assertArrayEquals(one.publicKey().getEncoded(), trust.publicKey(1).getEncoded());
        assertArrayEquals(two.publicKey().getEncoded(), trust.publicKey(2).getEncoded());
        assertNull(trust.publicKey(3));
        assertEquals(3, trust.ignoredFiles());
    }

    @Test
    void corruptPublicKeyIsOneLineNamingTheFile() throws Exception
    {
        Files.copy(NodeIdentity.generate(1).write(keys), store.resolve("node-1.pub"));
        final Path corrupt = store.resolve("node-7.pub");
        Files.write(corrupt, "not a key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        final TrustException failure = assertThrows(TrustException.class, () -> TrustStore.load(store));
        assertEquals("not an ML-DSA public key (X.509), file=" + corrupt, failure.getMessage());
    }

    @Test
    void missingDirectoryIsNamed()
    {
        final Path missing = store.resolve("absent");
        final TrustException failure = assertThrows(TrustException.class, () -> TrustStore.load(missing));
        assertEquals("no such trust store directory, file=" + missing, failure.getMessage());
    }
}
