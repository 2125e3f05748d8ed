package io.qecnode.io.transport;

import io.aeron.driver.ThreadingMode;

import java.io.File;
import java.util.UUID;

/**
 * Where the bus's media driver lives. By default the bus launches an embedded driver in a fresh directory on the RAM
 * disk, removed on clean exit; naming an Aeron directory connects to an external driver there instead.
 * <p>
 * The embedded driver runs in {@link ThreadingMode#SHARED} by default: one thread for conductor, sender and
 * receiver, which leaves cores for the node's hot thread on small machines.
 */
public final class BusContext
{
    /** Parent of embedded driver directories when it exists: a RAM disk on Linux. */
    public static final String SHARED_MEMORY_DIR = "/dev/shm";

    private String aeronDirectoryName;
    private ThreadingMode threadingMode = ThreadingMode.SHARED;
    private String embeddedDirectoryName;

    /**
     * @param directoryName Aeron directory of an external media driver; null to launch an embedded one.
     * @return this context.
     */
    public BusContext aeronDirectoryName(final String directoryName)
    {
        this.aeronDirectoryName = directoryName;
        return this;
    }

    /** @return Aeron directory of the external driver, or null when the bus embeds its own. */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /** @return true when the bus launches its own media driver. */
    public boolean isEmbedded()
    {
        return aeronDirectoryName == null;
    }

    /**
     * @param mode threading mode of the embedded driver.
     * @return this context.
     */
    public BusContext threadingMode(final ThreadingMode mode)
    {
        this.threadingMode = mode;
        return this;
    }

    /** @return threading mode of the embedded driver. */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @param directoryName directory for the embedded driver, e.g. to find its counters from another process.
     * @return this context.
     */
    public BusContext embeddedDirectoryName(final String directoryName)
    {
        this.embeddedDirectoryName = directoryName;
        return this;
    }

    /**
     * @return directory for an embedded driver: unique per bus, on the RAM disk when there is one.
     */
    public String embeddedDirectoryName()
    {
        if (embeddedDirectoryName == null)
        {
            final File shm = new File(SHARED_MEMORY_DIR);
            final String parent = shm.isDirectory() && shm.canWrite() ? SHARED_MEMORY_DIR :
                System.getProperty("java.io.tmpdir");
            embeddedDirectoryName = new File(parent, "qec-node-" + ProcessHandle.current().pid() + "-" +
                UUID.randomUUID().toString().substring(0, 8)).getAbsolutePath();
        }
        return embeddedDirectoryName;
    }
}
