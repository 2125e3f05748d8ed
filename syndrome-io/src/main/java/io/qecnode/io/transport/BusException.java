package io.qecnode.io.transport;

import java.io.File;

/**
 * The bus could not start on the directory it was given: nothing there to connect to, a directory that is not a
 * media driver's, a live driver in the way, or no room for the buffers. Nothing was deleted or left behind.
 */
public final class BusException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final transient File directory;

    /**
     * @param problem   what is wrong, without the directory, e.g. "no media driver is running there".
     * @param directory the directory at fault.
     */
    public BusException(final String problem, final File directory)
    {
        super(problem + ", dir=" + directory);
        this.problem = problem;
        this.directory = directory;
    }

    /** @return what is wrong, for a message that names the directory by the option that gave it. */
    public String problem()
    {
        return problem;
    }

    /** @return the directory at fault. */
    public File directory()
    {
        return directory;
    }
}
