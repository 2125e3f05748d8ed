package io.qecnode.io.transport;

import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.LogBufferDescriptor;
import org.agrona.concurrent.IdleStrategy;

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

    /** Seed of the injected loss unless set: a run with loss drops the same frames each time. */
    public static final long LOSS_SEED_DEFAULT = 12;

    private String aeronDirectoryName;
    private ThreadingMode threadingMode = ThreadingMode.SHARED;
    private String embeddedDirectoryName;
    private boolean embeddedDirectoryNamed;
    private int ipcLogs;
    private int networkLogs;
    private double receiveDataLossRate;
    private double sendDataLossRate;
    private long lossSeed = LOSS_SEED_DEFAULT;
    private String driverIdle;

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
     * Idle strategy of every thread of the embedded driver, by its {@link IdleStrategies} name. Unset, the driver
     * keeps Aeron's default (back off: spin, yield, then park up to a millisecond), which leaves the cores to busy
     * threads of the process but answers a quiet socket up to that park late.
     *
     * @param name one of {@link IdleStrategies#NAMES}; null for Aeron's default.
     * @return this context.
     */
    public BusContext driverIdle(final String name)
    {
        this.driverIdle = name;
        return this;
    }

    /** @return the embedded driver's idle strategy by name; null for Aeron's default. */
    public String driverIdle()
    {
        return driverIdle;
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
     * Have the embedded driver drop, at random, this share of the UDP frames it receives (data, heartbeats, setups),
     * as a lossy network would, so that NAK and retransmit must repair the stream. <b>For tests and soak runs
     * only</b>: a node must never run with it. Off (0) by default; the drops are counted
     * ({@link MessageBus#framesDroppedByInjectedLoss()}).
     *
     * @param rate share of received frames to drop, at least 0 and below 1.
     * @return this context.
     */
    public BusContext receiveDataLossRate(final double rate)
    {
        this.receiveDataLossRate = rate;
        return this;
    }

    /** @return share of UDP frames the embedded driver drops on receipt; 0 when off. */
    public double receiveDataLossRate()
    {
        return receiveDataLossRate;
    }

    /**
     * Have the embedded driver drop, at random, this share of the UDP frames it sends (data, retransmits, heartbeats,
     * setups) instead of putting them on the wire. <b>For tests and soak runs only</b>, as
     * {@link #receiveDataLossRate(double)}. Off (0) by default.
     *
     * @param rate share of sent frames to drop, at least 0 and below 1.
     * @return this context.
     */
    public BusContext sendDataLossRate(final double rate)
    {
        this.sendDataLossRate = rate;
        return this;
    }

    /** @return share of UDP frames the embedded driver drops instead of sending; 0 when off. */
    public double sendDataLossRate()
    {
        return sendDataLossRate;
    }

    /**
     * @param seed seed of the injected loss, for tests and soak runs only: the same seed drops the same frames of
     *             the same traffic.
     * @return this context.
     */
    public BusContext lossSeed(final long seed)
    {
        this.lossSeed = seed;
        return this;
    }

    /** @return seed of the injected loss. */
    public long lossSeed()
    {
        return lossSeed;
    }

    /** @return true when the embedded driver is to drop frames on purpose. */
    public boolean injectsLoss()
    {
        return receiveDataLossRate > 0 || sendDataLossRate > 0;
    }

    /**
     * Check the settings together before anything is created; {@link MessageBus#launch} calls it.
     *
     * @return this context.
     * @throws IllegalArgumentException naming the setting at fault: a loss rate outside [0, 1), loss asked of an
     *                                  external driver (only the bus's own driver can be told to drop frames), an
     *                                  unknown driver idle strategy or one set for an external driver.
     */
    public BusContext conclude()
    {
        checkLossRate("receiveDataLossRate", receiveDataLossRate);
        checkLossRate("sendDataLossRate", sendDataLossRate);
        if (injectsLoss() && !isEmbedded())
        {
            throw new IllegalArgumentException("injected loss needs the embedded media driver, not an external " +
                "one, aeronDirectoryName=" + aeronDirectoryName);
        }
        if (driverIdle != null)
        {
            if (!isEmbedded())
            {
                throw new IllegalArgumentException("a driver idle strategy applies to the embedded media driver, " +
                    "not an external one, aeronDirectoryName=" + aeronDirectoryName);
            }
            newDriverIdle();
        }
        return this;
    }

    /**
     * @return a fresh instance of the driver idle strategy (each driver thread needs its own); null for Aeron's
     * default.
     * @throws IllegalArgumentException naming the accepted values if the name is unknown.
     */
    IdleStrategy newDriverIdle()
    {
        if (driverIdle == null)
        {
            return null;
        }
        try
        {
            return IdleStrategies.of(driverIdle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown driver idle strategy, expected " + IdleStrategies.NAMES +
                ", driverIdle=" + driverIdle);
        }
    }

    private static void checkLossRate(final String setting, final double rate)
    {
        // Written so that NaN fails too.
        if (!(rate >= 0 && rate < 1))
        {
            throw new IllegalArgumentException("loss rate must be at least 0 and below 1, " + setting + "=" + rate);
        }
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
