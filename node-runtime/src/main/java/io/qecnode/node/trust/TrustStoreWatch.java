package io.qecnode.node.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Tells when a trust store directory changed since it was last asked: a file added, removed, rewritten or renamed.
 * It compares a fingerprint of the listing (names, sizes, modification times), which is cheap enough to take every
 * Hello interval; only a change makes the store be read again.
 */
final class TrustStoreWatch
{
    private final Path directory;
    private long fingerprint;

    TrustStoreWatch(final Path directory)
    {
        this.directory = directory;
        this.fingerprint = fingerprint();
    }

    /** @return true if the directory's listing differs from the one seen at the last call (or at construction). */
    boolean changed()
    {
        final long now = fingerprint();
        final boolean changed = now != fingerprint;
        fingerprint = now;
        return changed;
    }

    private long fingerprint()
    {
        long hash = 17;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                // Order-independent: the listing order is not specified.
                hash += mix(file.getFileName().toString().hashCode() * 31L + attributes.size() * 1_000_003L +
                    attributes.lastModifiedTime().toMillis());
            }
        }
        catch (final IOException ex)
        {
            return -1;
        }
        return hash;
    }

    private static long mix(final long value)
    {
        long x = value * 0x9E3779B97F4A7C15L;
        x ^= x >>> 32;
        return x * 0xBF58476D1CE4E5B9L;
    }
}
