package io.qecnode.node.cli;

import io.qecnode.node.trust.MlDsa;
import io.qecnode.node.trust.NodeIdentity;
import io.qecnode.node.trust.TrustException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code keygen}: a node's ML-DSA-65 identity, written as two files.
 */
@Command(
    name = "keygen",
    header = "Make a node's ML-DSA key pair.",
    mixinStandardHelpOptions = true,
    description = {
        "Generate an ML-DSA-65 key pair for a node and write node-ID.pub (X.509, to copy into the trust stores of " +
            "the nodes that admit this one) and node-ID.key (PKCS#8, owner read-only) into the directory, which " +
            "is created if missing. Existing key files are never overwritten.",
        "Prints the public key's file and its SHA-256 fingerprint, never key bytes. Exit code 1 if a file exists " +
            "or cannot be written."})
public final class KeygenCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "ID", description = "The node's id, 0 or more.")
    private int nodeId;

    // Not --out: that names an output file elsewhere (decode), and a flag keeps one meaning across commands.
    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
        description = "Directory to write the key files to.")
    private Path out;

    @Override
    public Integer call()
    {
        if (nodeId < 0)
        {
            throw new ParameterException(spec.commandLine(), "node id must be 0 or more, --node=" + nodeId);
        }
        try
        {
            Files.createDirectories(out);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot create the key directory, --out-dir=" + out, ex);
        }
        final NodeIdentity identity = NodeIdentity.generate(nodeId);
        final Path publicFile;
        try
        {
            publicFile = identity.write(out);
        }
        catch (final TrustException ex)
        {
            throw new CommandFailure(ex.getMessage(), ex);
        }
        final PrintWriter writer = spec.commandLine().getOut();
        writer.println("public key:  " + publicFile);
        writer.println("private key: " + NodeIdentity.privateKeyFile(out, nodeId) + " (owner read-only)");
        writer.println("fingerprint: " + MlDsa.fingerprint(identity.publicKey()));
        writer.flush();
        return 0;
    }
}
