package io.qecnode.node.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public keys of the nodes an operator admits: a directory of {@code node-<id>.pub} files, read once. Other
 * files (a README, a private key put there by mistake) are ignored and counted.
 */
public final class TrustStore
{
    private final Path directory;
    private final Map<Integer, PublicKey> keys;
    private final int ignored;

    private TrustStore(final Path directory, final Map<Integer, PublicKey> keys, final int ignored)
    {
        this.directory = directory;
        this.keys = keys;
        this.ignored = ignored;
    }

    /**
     * @param directory the trust store's directory.
     * @return the admitted nodes' keys.
     * @throws TrustException naming the directory if it cannot be listed, or the first public key file that cannot
     *                        be read or is not an ML-DSA key: a store that is partly wrong is not used.
     */
    public static TrustStore load(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new TrustException("no such trust store directory", directory, null);
        }
        final KeyFactory factory = MlDsa.keyFactory();
        final Map<Integer, PublicKey> keys = new TreeMap<>();
        int ignored = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                final int nodeId = KeyFiles.publicKeyId(file);
                if (nodeId < 0 || Files.isDirectory(file))
                {
                    ignored++;
                }
                else
                {
                    keys.put(nodeId, NodeIdentity.readPublicKey(factory, file));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new TrustException("cannot list trust store (" + ex.getClass().getSimpleName() + ")", directory, ex);
        }
        return new TrustStore(directory, Collections.unmodifiableMap(keys), ignored);
    }

    /**
     * @param nodeId a node id.
     * @return its admitted public key, or null if the node is not admitted.
     */
    public PublicKey publicKey(final int nodeId)
    {
        return keys.get(nodeId);
    }

    /**
     * @return admitted node id to public key, in id order, unmodifiable.
     */
    public Map<Integer, PublicKey> keys()
    {
        return keys;
    }

    /**
     * @return files in the directory that are not {@code node-<id>.pub} and were ignored.
     */
    public int ignoredFiles()
    {
        return ignored;
    }

    @Override
    public String toString()
    {
        return "trust store " + directory + ": " + keys.size() + " nodes " + keys.keySet() + ", " + ignored +
            " other files ignored";
    }
}
