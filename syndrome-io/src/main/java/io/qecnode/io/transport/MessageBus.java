package io.qecnode.io.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.io.File;

/**
 * A connected Aeron client, with the embedded media driver it launched if it launched one. Closing the bus closes
 * the client and then the driver, whose directory is deleted.
 */
public final class MessageBus implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;
    private final String directoryName;

    private MessageBus(final MediaDriver driver, final Aeron aeron, final String directoryName)
    {
        this.driver = driver;
        this.aeron = aeron;
        this.directoryName = directoryName;
    }

    /**
     * @param context where the driver lives.
     * @param errorHandler receives errors from the driver and client threads.
     * @return a connected bus.
     * @throws IllegalStateException if an external driver directory does not exist.
     */
    public static MessageBus launch(final BusContext context, final ErrorHandler errorHandler)
    {
        MediaDriver driver = null;
        final String directoryName;
        if (context.isEmbedded())
        {
            directoryName = context.embeddedDirectoryName();
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(directoryName)
                .threadingMode(context.threadingMode())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(errorHandler));
        }
        else
        {
            directoryName = context.aeronDirectoryName();
            if (!new File(directoryName).isDirectory())
            {
                throw new IllegalStateException("no media driver directory: aeronDir=" + directoryName +
                    " (start a driver there, or leave --aeron-dir out to embed one)");
            }
        }
        try
        {
            // Log buffers are touched when mapped, not page by page by the hot thread as it first writes them: a
            // low-rate stream would otherwise fault a fresh page every few hundred microseconds for its first minute.
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(directoryName)
                .preTouchMappedMemory(true)
                .errorHandler(errorHandler));
            return new MessageBus(driver, aeron, directoryName);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
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
        CloseHelper.closeAll(aeron, driver);
    }
}
