package io.qecnode.io.transport;

import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.LogBufferDescriptor;

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

    /** Start of every made-up embedded directory's name, followed by the pid of the process that made it. */
    public static final String DIRECTORY_PREFIX = "qec-node-";

    private String aeronDirectoryName;
    private ThreadingMode threadingMode = ThreadingMode.SHARED;
    private String embeddedDirectoryName;
    private boolean embeddedDirectoryNamed;
    private int ipcLogs;
    private int networkLogs;

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
        this.embeddedDirectoryNamed = directoryName != null;
        return this;
    }

    /** @return true when the embedded driver's directory was named, not made up. */
    public boolean isEmbeddedDirectoryNamed()
    {
        return embeddedDirectoryNamed;
    }

    /**
     * Declare publications the bus will carry, so that an embedded driver checks before it starts that its file
     * system has room for their log buffers (each is mapped in full: three terms).
     *
     * @param channel      their channel: IPC publications map one log; network ones a log and, for a subscriber
     *                     on the same driver, an image as large.
     * @param publications how many.
     * @return this context.
     */
    public BusContext plan(final String channel, final int publications)
    {
        if (channel.startsWith("aeron:ipc"))
        {
            ipcLogs += publications;
        }
        else
        {
            networkLogs += 2 * publications;
        }
        return this;
    }

    /**
     * @param ipcTermLength     term length of IPC publications.
     * @param networkTermLength term length of network publications.
     * @param driverFilesLength length of the driver's own files (cnc.dat, loss report).
     * @return bytes an embedded driver will map for the planned publications.
     */
    public long plannedBytes(final int ipcTermLength, final int networkTermLength, final long driverFilesLength)
    {
        return ipcLogs * logLength(ipcTermLength) + networkLogs * logLength(networkTermLength) + driverFilesLength;
    }

    private static long logLength(final int termLength)
    {
        return (long)LogBufferDescriptor.PARTITION_COUNT * termLength + LogBufferDescriptor.LOG_META_DATA_LENGTH;
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
            embeddedDirectoryName = new File(parent, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-" +
                UUID.randomUUID().toString().substring(0, 8)).getAbsolutePath();
        }
        return embeddedDirectoryName;
    }
}
