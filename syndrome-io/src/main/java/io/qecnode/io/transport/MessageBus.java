package io.qecnode.io.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.exceptions.ActiveDriverException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.io.File;
import java.util.concurrent.locks.LockSupport;

/**
 * A connected Aeron client, with the embedded media driver it launched if it launched one. Closing the bus closes
 * the client and then the driver, and removes what this process may remove of the driver's directory (see
 * {@link DriverDirectory}): never a directory it was not given empty, never a live driver's.
 */
public final class MessageBus implements AutoCloseable
{
    private final MediaDriver driver;
    private final DriverDirectory claim;
    private final Aeron aeron;
    private final String directoryName;
    private final LossInjection loss;

    private MessageBus(final MediaDriver driver, final DriverDirectory claim, final Aeron aeron,
        final String directoryName, final LossInjection loss)
    {
        this.driver = driver;
        this.claim = claim;
        this.aeron = aeron;
        this.directoryName = directoryName;
        this.loss = loss;
    }

    /**
     * @param context where the driver lives.
     * @param errorHandler receives errors from the driver and client threads.
     * @return a connected bus.
     * @throws BusException if an external driver is not running in its directory, or an embedded driver's
     *                      directory is not this process's to use or lacks room for the planned publications.
     * @throws IllegalArgumentException if the context's settings do not hold together ({@link BusContext#conclude()}).
     */
    public static MessageBus launch(final BusContext context, final ErrorHandler errorHandler)
    {
        context.conclude();
        final LossInjection loss = context.injectsLoss() ? new LossInjection(context) : null;
        MediaDriver driver = null;
        DriverDirectory claim = null;
        final String directoryName;
        if (context.isEmbedded())
        {
            if (!context.isEmbeddedDirectoryNamed())
            {
                // What killed runs left beside the fresh directory (SIGKILL runs no cleanup) would fill the RAM disk.
                final File parent = new File(context.embeddedDirectoryName()).getParentFile();
                DriverDirectory.removeAbandoned(parent, BusContext.DIRECTORY_PREFIX);
            }
            final MediaDriver.Context driverContext = new MediaDriver.Context();
            if (loss != null)
            {
                loss.install(driverContext);
            }
            if (context.driverIdle() != null)
            {
                // Whatever the threading mode, every driver thread idles so, each with its own instance.
                driverContext
                    .sharedIdleStrategy(context.newDriverIdle())
                    .sharedNetworkIdleStrategy(context.newDriverIdle())
                    .conductorIdleStrategy(context.newDriverIdle())
                    .senderIdleStrategy(context.newDriverIdle())
                    .receiverIdleStrategy(context.newDriverIdle());
            }
            claim = DriverDirectory.claim(new File(context.embeddedDirectoryName()), context.plannedBytes(
                driverContext.ipcTermBufferLength(), driverContext.publicationTermBufferLength(),
                driverFilesLength(driverContext)));
            directoryName = claim.directory().getPath();
            try
            {
                // The directory was checked and emptied above: the driver must not wipe it again, nor remove it on
                // close (the claim knows what may go).
                driver = MediaDriver.launchEmbedded(driverContext
                    .aeronDirectoryName(directoryName)
                    .threadingMode(context.threadingMode())
                    .dirDeleteOnStart(false)
                    .dirDeleteOnShutdown(false)
                    .warnIfDirectoryExists(false)
                    .errorHandler(errorHandler));
            }
            catch (final ActiveDriverException ex)
            {
                // Another process started a driver there between the check and the launch: not ours to remove.
                throw new BusException("a live media driver is running there (it started as this one did)",
                    claim.directory());
            }
            catch (final RuntimeException ex)
            {
                claim.release();
                throw ex;
            }
        }
        else
        {
            directoryName = context.aeronDirectoryName();
            checkExternal(new File(directoryName));
        }
        try
        {
            // Log buffers are touched when mapped, not page by page by the hot thread as it first writes them: a
            // low-rate stream would otherwise fault a fresh page every few hundred microseconds for its first minute.
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(directoryName)
                .preTouchMappedMemory(true)
                .errorHandler(errorHandler));
            return new MessageBus(driver, claim, aeron, directoryName, loss);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            if (claim != null)
            {
                claim.release();
            }
            throw ex;
        }
    }

    private static final long STARTING_GRACE_NS = 5_000_000_000L;

    // Said at once, not after the client's ten-second driver timeout.
    private static void checkExternal(final File directory)
    {
        if (!directory.exists())
        {
            throw new BusException("no such directory (start a media driver there, or leave the option out to " +
                "embed one)", directory);
        }
        if (!directory.isDirectory())
        {
            throw new BusException("not a directory", directory);
        }
        DriverLiveness liveness = DriverLiveness.of(directory);
        // A driver launched a moment ago (a node and its hardware started together) gets a few seconds to come up.
        final long deadlineNs = System.nanoTime() + STARTING_GRACE_NS;
        while (liveness.state() == DriverLiveness.State.STARTING && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(10_000_000L);
            liveness = DriverLiveness.of(directory);
        }
        if (liveness.state() != DriverLiveness.State.ALIVE)
        {
            throw new BusException("no media driver is running there (" + liveness.describe() + ")", directory);
        }
    }

    private static long driverFilesLength(final MediaDriver.Context context)
    {
        // cnc.dat: command buffers, counter values and their metadata (four times as large), the error log; beside
        // it the loss report.
        return (long)context.conductorBufferLength() + context.toClientsBufferLength() +
            5L * context.counterValuesBufferLength() + context.errorBufferLength() + context.lossReportBufferLength();
    }

    /** @return the Aeron client. */
    public Aeron aeron()
    {
        return aeron;
    }

    /** @return the Aeron directory in use. */
    public String directoryName()
    {
        return directoryName;
    }

    /**
     * @return UDP frames the embedded driver dropped on purpose ({@link BusContext#receiveDataLossRate(double)},
     * {@link BusContext#sendDataLossRate(double)}); 0 without injected loss.
     */
    public long framesDroppedByInjectedLoss()
    {
        return loss == null ? 0 : loss.framesDropped();
    }

    /** @return true when this bus runs its own media driver. */
    public boolean isEmbedded()
    {
        return driver != null;
    }

    /**
     * @param channel  Aeron channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}.
     * @param streamId stream within the channel.
     * @return a publication only this caller writes to.
     */
    public ExclusivePublication publication(final String channel, final int streamId)
    {
        return aeron.addExclusivePublication(channel, streamId);
    }

    /**
     * @param channel  Aeron channel.
     * @param streamId stream within the channel.
     * @return a subscription.
     */
    public Subscription subscription(final String channel, final int streamId)
    {
        return aeron.addSubscription(channel, streamId);
    }

    @Override
    public void close()
    {
        // A signal may have interrupted the closing thread: the driver's threads must still be joined before its
        // files go.
        final boolean interrupted = Thread.interrupted();
        try
        {
            CloseHelper.closeAll(aeron, driver);
        }
        finally
        {
            if (claim != null)
            {
                claim.release();
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
