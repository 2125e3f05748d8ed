package io.qecnode.node.topology;

import java.nio.file.Path;

/**
 * A topology file that cannot be used: one line, {@code <what>, file=<path> key=<key> value=<value>}, naming the file
 * and, when one is at fault, the key and its value.
 */
public final class TopologyException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String key;
    private final boolean unreadableFile;

    /**
     * @param what           what is wrong.
     * @param file           the topology file.
     * @param key            the key at fault, or null when the file as a whole is.
     * @param value          its value, or null.
     * @param unreadableFile true when a file cannot be read (a runtime failure, not a bad value).
     * @param cause          the underlying failure, or null.
     */
    public TopologyException(
        final String what, final Path file, final String key, final Object value, final boolean unreadableFile,
        final Throwable cause)
    {
        super(what + ", file=" + file + (key == null ? "" : " key=" + key) + (value == null ? "" : " value=" + value),
            cause);
        this.key = key;
        this.unreadableFile = unreadableFile;
    }

    /**
     * @param what  what is wrong.
     * @param file  the topology file.
     * @param key   the key at fault, or null.
     * @param value its value, or null.
     */
    public TopologyException(final String what, final Path file, final String key, final Object value)
    {
        this(what, file, key, value, false, null);
    }

    /** @return the key at fault, or null when the file as a whole is. */
    public String key()
    {
        return key;
    }

    /** @return true when a file could not be read: a runtime failure (exit 1) rather than a bad value (exit 2). */
    public boolean unreadableFile()
    {
        return unreadableFile;
    }
}
