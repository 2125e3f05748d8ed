package io.qecnode.node.harness.launch;

import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.trust.NodeIdentity;
import io.qecnode.node.trust.TrustException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identities of a chain the {@code chain} command generates for its run: every node's ML-DSA key pair in
 * {@value #IDENTITIES} (private keys owner read-only) and a trust store admitting all of them in {@value #TRUST_STORE},
 * both in the run directory. A run directory used again keeps the keys it has (and its trust store as the operator
 * left it). An operator's own chain names its own directories in the topology instead.
 */
public final class ChainIdentities
{
    /** Directory of the run's key pairs, relative to the run directory. */
    public static final String IDENTITIES = "keys";
    /** Directory of the run's trust store, relative to the run directory. */
    public static final String TRUST_STORE = "trust";

    private ChainIdentities()
    {
    }

    /**
     * Generate a key pair per node and a trust store admitting every node.
     *
     * @param runDirectory the run's directory, which exists.
     * @param nodes        nodes of the chain.
     * @throws CommandFailure naming the file or directory that cannot be written.
     */
    public static void generate(final Path runDirectory, final int nodes)
    {
        final Path identities = runDirectory.resolve(IDENTITIES);
        final Path trust = runDirectory.resolve(TRUST_STORE);
        try
        {
            Files.createDirectories(identities);
            Files.createDirectories(trust);
            for (int node = 0; node < nodes; node++)
            {
                // A run directory used again keeps its keys: nothing is overwritten.
                Path publicKey = NodeIdentity.publicKeyFile(identities, node);
                if (!Files.exists(publicKey))
                {
                    publicKey = NodeIdentity.generate(node).write(identities);
                    Files.copy(publicKey, trust.resolve(publicKey.getFileName()));
                }
            }
        }
        catch (final TrustException ex)
        {
            throw new CommandFailure(ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot write the chain's keys (" + ex.getClass().getSimpleName() + "), file=" +
                runDirectory, ex);
        }
    }
}
