package io.qecnode.io.transport;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.exceptions.AeronException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.Locale;

/**
 * Whether a media driver is alive in an Aeron directory, read from its counters-and-control file without joining it
 * as a client. The verdict is Aeron's own ({@link CommonContext#isDriverActive}): the driver stamps a heartbeat into
 * the file about once a second, and one older than the clients' driver timeout means the driver is gone.
 *
 * @param state          what the directory holds.
 * @param pid            process id the driver wrote into the file; -1 without a readable file.
 * @param heartbeatAgeMs how long ago the driver last stamped its heartbeat; -1 without a readable file.
 */
public record DriverLiveness(State state, long pid, long heartbeatAgeMs)
{
    /** What an Aeron directory holds. */
    public enum State
    {
        /** No cnc.dat: no driver has run there, or its files were removed. */
        NO_CNC_FILE,
        /** A cnc.dat still being written by a driver that is starting (or a damaged one): not to be touched. */
        STARTING,
        /** A cnc.dat of an Aeron version this build cannot read. */
        INCOMPATIBLE,
        /** A driver is alive. */
        ALIVE,
        /** A cnc.dat whose driver stopped stamping its heartbeat: crashed or killed. */
        DEAD
    }

    /** Heartbeat age beyond which a driver counts as gone: the timeout Aeron's own clients apply. */
    public static final long TIMEOUT_MS = CommonContext.DRIVER_TIMEOUT_MS;

    /**
     * @param directory an Aeron directory.
     * @return what it holds; never waits for a driver.
     */
    public static DriverLiveness of(final File directory)
    {
        final File cnc = new File(directory, CncFileDescriptor.CNC_FILE);
        if (!cnc.isFile() || cnc.length() <= CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return new DriverLiveness(cnc.isFile() ? State.STARTING : State.NO_CNC_FILE, -1, -1);
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            final int version = meta.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
            if (version == 0)
            {
                return new DriverLiveness(State.STARTING, -1, -1);
            }
            try
            {
                CncFileDescriptor.checkVersion(version);
            }
            catch (final AeronException ex)
            {
                return new DriverLiveness(State.INCOMPATIBLE, -1, -1);
            }
            final long heartbeatMs = new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(mapped, meta))
                .consumerHeartbeatTime();
            final long ageMs = Math.max(0, System.currentTimeMillis() - heartbeatMs);
            // The version is known to be set, so Aeron's check reads the heartbeat and returns without waiting.
            final boolean alive = CommonContext.isDriverActive(TIMEOUT_MS, message -> {}, mapped);
            return new DriverLiveness(alive ? State.ALIVE : State.DEAD, CncFileDescriptor.pid(meta), ageMs);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /** @return true when a driver is alive there, or may be (starting, or a file this build cannot judge). */
    public boolean mayBeAlive()
    {
        return state == State.ALIVE || state == State.STARTING || state == State.INCOMPATIBLE;
    }

    /** @return the driver's pid and heartbeat age, e.g. "pid 123, heartbeat 350 ms ago", for messages. */
    public String describe()
    {
        switch (state)
        {
            case NO_CNC_FILE:
                return "no cnc.dat";
            case STARTING:
                return "cnc.dat not initialised: a driver starting, or a damaged file";
            case INCOMPATIBLE:
                return "cnc.dat of another Aeron version";
            default:
                return String.format(Locale.ROOT, "pid %d, heartbeat %d ms ago", pid, heartbeatAgeMs);
        }
    }
}
