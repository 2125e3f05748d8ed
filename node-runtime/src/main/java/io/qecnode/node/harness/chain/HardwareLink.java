package io.qecnode.node.harness.chain;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.qecnode.io.transport.DriverLiveness;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeCounters;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A chain node's hardware as a client of the node's media driver that outlives the node: when the node (and with it
 * its driver) dies, the hardware keeps its schedule and its frames are counted as not sent; when a node starts a new
 * driver in the same directory, the link connects to it again and the frames flow. Real hardware does not stop
 * measuring while its controller restarts.
 * <p>
 * The Aeron client's conductor runs on the caller's thread ({@link #doWork}), so nothing closes a publication under a
 * send; the publishers' counters live in this process's memory, never in a driver's file that may go away.
 * <b>Note:</b> one thread uses it.
 */
final class HardwareLink implements AutoCloseable
{
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A sender that sends through the link's current publication, or counts the frame as not sent. */
    final class Stream implements FrameSender
    {
        private final String channel;
        private final int streamId;
        private final AtomicCounter sent;
        private final AtomicCounter backPressured;
        private final AtomicCounter notSent;
        private FramePublisher publisher;

        private Stream(final String channel, final int streamId)
        {
            this.channel = channel;
            this.streamId = streamId;
            sent = counters.newCounter(channel + " " + streamId + " sent");
            backPressured = counters.newCounter(channel + " " + streamId + " back pressured");
            notSent = counters.newCounter(channel + " " + streamId + " not sent");
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            if (publisher == null)
            {
                notSent.increment();
                return false;
            }
            return publisher.send(buffer, offset, length);
        }

        /** @return frames not sent, the driver gone included. */
        long notSent()
        {
            return notSent.get();
        }

        boolean isConnected()
        {
            return publisher != null && publisher.isConnected();
        }

        private void open(final Aeron aeron)
        {
            final ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId);
            // Few tries: a node that is gone must not hold the hardware's schedule up.
            publisher = new FramePublisher(publication, new YieldingIdleStrategy(), 10, sent, backPressured, notSent);
        }
    }

    private final File directory;
    private final ErrorHandler errors;
    private final CountersManager counters = NodeCounters.inMemoryManager();
    private final List<Stream> streams = new ArrayList<>();
    private Aeron aeron;
    private AgentInvoker invoker;
    private long driverPid = -1;
    private long nextCheckNs;
    private int connects;
    private int losses;

    /**
     * @param directory the node's Aeron directory.
     * @param errors    receives the client's errors.
     */
    HardwareLink(final File directory, final ErrorHandler errors)
    {
        this.directory = directory;
        this.errors = errors;
    }

    /**
     * @param channel  where the frames go.
     * @param streamId their stream.
     * @return a sender, connected whenever the node's driver is up.
     */
    Stream stream(final String channel, final int streamId)
    {
        final Stream stream = new Stream(channel, streamId);
        streams.add(stream);
        if (aeron != null)
        {
            stream.open(aeron);
        }
        return stream;
    }

    /**
     * Run the client's conductor, and now and then check the driver: lost, or back.
     *
     * @param nowNs the caller's clock.
     * @return work done.
     */
    int doWork(final long nowNs)
    {
        int work = invoker == null ? 0 : invoker.invoke();
        if (nowNs - nextCheckNs >= 0)
        {
            nextCheckNs = nowNs + CHECK_INTERVAL_NS;
            if (aeron != null && (aeron.isClosed() || !ProcessHandle.of(driverPid).map(ProcessHandle::isAlive)
                .orElse(false)))
            {
                disconnect();
                losses++;
                work++;
            }
            if (aeron == null)
            {
                work += connect() ? 1 : 0;
            }
        }
        return work;
    }

    /**
     * @return true if connected to a live driver now.
     */
    boolean connect()
    {
        final DriverLiveness liveness = DriverLiveness.of(directory);
        if (liveness.state() != DriverLiveness.State.ALIVE ||
            !ProcessHandle.of(liveness.pid()).map(ProcessHandle::isAlive).orElse(false))
        {
            return false;
        }
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory.getPath())
                .useConductorAgentInvoker(true).errorHandler(errors));
            invoker = aeron.conductorAgentInvoker();
            driverPid = liveness.pid();
            for (final Stream stream : streams)
            {
                stream.open(aeron);
            }
            connects++;
            return true;
        }
        catch (final RuntimeException ex)
        {
            errors.onError(ex);
            disconnect();
            return false;
        }
    }

    /** @return true if every stream has a subscriber. */
    boolean allConnected()
    {
        for (final Stream stream : streams)
        {
            if (!stream.isConnected())
            {
                return false;
            }
        }
        return !streams.isEmpty();
    }

    /** @return times the link connected to a driver. */
    int connects()
    {
        return connects;
    }

    /** @return times the link lost its driver. */
    int losses()
    {
        return losses;
    }

    private void disconnect()
    {
        for (final Stream stream : streams)
        {
            stream.publisher = null;
        }
        final Aeron closing = aeron;
        aeron = null;
        invoker = null;
        driverPid = -1;
        // A dead driver cannot answer the close: the client gives up on it without waiting for the timeout.
        CloseHelper.quietClose(closing);
    }

    @Override
    public void close()
    {
        disconnect();
    }
}
