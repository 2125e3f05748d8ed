package io.qecnode.node.pipeline;

/**
 * A node's configuration cannot be used: a value out of range, a window the code cannot take, a DEM that cannot be
 * read. The message is one line, {@code <what>, --<setting>=<value>}: the setting's name is its long option and its
 * key in a config file.
 */
public final class NodeConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final boolean unreadableFile;

    /**
     * @param what           what is wrong.
     * @param setting        the setting at fault, without dashes.
     * @param value          its value.
     * @param unreadableFile true when a file the setting names cannot be read (a runtime failure, not a bad value).
     * @param cause          the underlying failure, or null.
     */
    public NodeConfigException(
        final String what, final String setting, final Object value, final boolean unreadableFile,
        final Throwable cause)
    {
        super(what + ", --" + setting + "=" + value, cause);
        this.setting = setting;
        this.unreadableFile = unreadableFile;
    }

    /**
     * @param what    what is wrong.
     * @param setting the setting at fault, without dashes.
     * @param value   its value.
     */
    public NodeConfigException(final String what, final String setting, final Object value)
    {
        this(what, setting, value, false, null);
    }

    /**
     * @param ok      the condition a valid value meets.
     * @param what    what is wrong otherwise.
     * @param setting the setting, without dashes.
     * @param value   its value.
     * @throws NodeConfigException naming the setting when the condition does not hold.
     */
    public static void check(final boolean ok, final String what, final String setting, final Object value)
    {
        if (!ok)
        {
            throw new NodeConfigException(what, setting, value);
        }
    }

    /** @return the setting at fault, as its config-file key (the long option without dashes). */
    public String setting()
    {
        return setting;
    }

    /** @return true when a file could not be read: a runtime failure (exit 1) rather than a bad value (exit 2). */
    public boolean unreadableFile()
    {
        return unreadableFile;
    }
}
