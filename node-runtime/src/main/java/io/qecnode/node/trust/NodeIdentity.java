package io.qecnode.node.trust;

import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * A node's identity: its id and ML-DSA-65 key pair, stored as {@code node-<id>.pub} (X.509) and
 * {@code node-<id>.key} (PKCS#8, owner read-only). {@link #toString()} names the node, never the keys.
 */
public final class NodeIdentity
{
    /** Mode of a private key file once written: owner read-only. */
    public static final Set<PosixFilePermission> PRIVATE_KEY_MODE = PosixFilePermissions.fromString("r--------");

    // The file is created 0600 (umask can only narrow it) so that no one else can read it even while it is written.
    private static final FileAttribute<Set<PosixFilePermission>> CREATE_PRIVATE =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final int nodeId;
    private final KeyPair keys;

    private NodeIdentity(final int nodeId, final KeyPair keys)
    {
        this.nodeId = nodeId;
        this.keys = keys;
    }

    /**
     * @param nodeId the node's id, {@code >= 0}.
     * @return a new ML-DSA-65 identity.
     */
    public static NodeIdentity generate(final int nodeId)
    {
        checkId(nodeId);
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(MlDsa.ALGORITHM, MlDsa.provider());
            generator.initialize(MLDSAParameterSpec.ml_dsa_65);
            return new NodeIdentity(nodeId, generator.generateKeyPair());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("ML-DSA-65 is not available from " + MlDsa.provider(), ex);
        }
    }

    /**
     * Read the identity of {@code nodeId} from the two files in {@code directory}.
     *
     * @param directory where {@link #write(Path)} put them.
     * @param nodeId    the node's id.
     * @return the identity.
     * @throws TrustException naming the file that is missing, unreadable or not an ML-DSA key.
     */
    public static NodeIdentity load(final Path directory, final int nodeId)
    {
        checkId(nodeId);
        final KeyFactory factory = MlDsa.keyFactory();
        final PublicKey publicKey = readPublicKey(factory, publicKeyFile(directory, nodeId));
        final Path keyFile = privateKeyFile(directory, nodeId);
        final PrivateKey privateKey;
        try
        {
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(KeyFiles.read(keyFile)));
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            throw new TrustException("not an ML-DSA private key (PKCS#8)", keyFile, null);
        }
        return new NodeIdentity(nodeId, new KeyPair(publicKey, privateKey));
    }

    static PublicKey readPublicKey(final KeyFactory factory, final Path file)
    {
        final byte[] encoded = KeyFiles.read(file);
        try
        {
            return factory.generatePublic(new X509EncodedKeySpec(encoded));
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            throw new TrustException("not an ML-DSA public key (X.509)", file, null);
        }
    }

    /**
     * Write {@code node-<id>.pub} and {@code node-<id>.key} into {@code directory}, which must exist; the private
     * key's file is owner read-only from its creation on.
     *
     * @param directory where to write.
     * @return the public key's file.
     * @throws TrustException naming a file that already exists (nothing is overwritten) or cannot be written.
     */
    public Path write(final Path directory)
    {
        final Path publicFile = publicKeyFile(directory, nodeId);
        final Path privateFile = privateKeyFile(directory, nodeId);
        for (final Path file : new Path[]{publicFile, privateFile})
        {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS))
            {
                throw new TrustException("key file exists, not overwritten", file, null);
            }
        }
        if (!fileStore(directory).supportsFileAttributeView("posix"))
        {
            throw new TrustException("no POSIX permissions there to keep a private key owner-only", directory, null);
        }
        create(privateFile, keys.getPrivate().getEncoded(), CREATE_PRIVATE);
        try
        {
            Files.setPosixFilePermissions(privateFile, PRIVATE_KEY_MODE);
        }
        catch (final IOException ex)
        {
            throw new TrustException("cannot make the private key read-only", privateFile, ex);
        }
        create(publicFile, keys.getPublic().getEncoded());
        return publicFile;
    }

    private static FileStore fileStore(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            throw new TrustException("not a directory we can write keys into", directory, ex);
        }
    }

    private static void create(final Path file, final byte[] content, final FileAttribute<?>... mode)
    {
        // CREATE_NEW: a file that appeared since the check above is refused too, never replaced.
        try (SeekableByteChannel channel = Files.newByteChannel(
            file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new TrustException("key file exists, not overwritten", file, null);
        }
        catch (final IOException ex)
        {
            throw new TrustException("cannot write key file (" + ex.getClass().getSimpleName() + ")", file, ex);
        }
    }

    private static void checkId(final int nodeId)
    {
        if (nodeId < 0)
        {
            throw new IllegalArgumentException("node id must be >= 0: " + nodeId);
        }
    }

    /**
     * @param directory a key directory.
     * @param nodeId    a node id.
     * @return {@code directory/node-<id>.pub}.
     */
    public static Path publicKeyFile(final Path directory, final int nodeId)
    {
        return directory.resolve(KeyFiles.PREFIX + nodeId + KeyFiles.PUBLIC_SUFFIX);
    }

    /**
     * @param directory a key directory.
     * @param nodeId    a node id.
     * @return {@code directory/node-<id>.key}.
     */
    public static Path privateKeyFile(final Path directory, final int nodeId)
    {
        return directory.resolve(KeyFiles.PREFIX + nodeId + KeyFiles.PRIVATE_SUFFIX);
    }

    /**
     * @return the node's id.
     */
    public int nodeId()
    {
        return nodeId;
    }

    /**
     * @return the public key, to share with the nodes that admit this one.
     */
    public PublicKey publicKey()
    {
        return keys.getPublic();
    }

    /**
     * @return the private key, for signing on a cold thread; never log it.
     */
    public PrivateKey privateKey()
    {
        return keys.getPrivate();
    }

    @Override
    public String toString()
    {
        return "NodeIdentity{node=" + nodeId + ", " + MlDsa.fingerprint(keys.getPublic()) + "}";
    }
}
