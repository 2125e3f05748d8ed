package io.qecnode.node.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and reading of key files, {@code node-<id>.pub} and {@code node-<id>.key}.
 */
final class KeyFiles
{
    static final String PREFIX = "node-";
    static final String PUBLIC_SUFFIX = ".pub";
    static final String PRIVATE_SUFFIX = ".key";

    // Canonical ids only (no sign, no leading zero), so each node has exactly one file name.
    private static final Pattern PUBLIC_NAME = Pattern.compile("node-(0|[1-9][0-9]{0,8})\\.pub");

    private KeyFiles()
    {
    }

    /**
     * @param file a file in a trust store.
     * @return the node id its name carries, or -1 if it is not a public key file's name.
     */
    static int publicKeyId(final Path file)
    {
        final Matcher matcher = PUBLIC_NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new TrustException("no such key file", file, null);
        }
        catch (final IOException ex)
        {
            throw new TrustException("cannot read key file (" + ex.getClass().getSimpleName() + ")", file, ex);
        }
    }
}
