package io.qecnode.io.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.IdleStrategy;

/**
 * Counters of the bus's publishers, allocated in the media driver's counters file so that tools outside the process
 * (AeronStat, {@code qec-node stat}) see them. Type ids sit beside the frame counters' (4100-4115).
 */
public final class BusCounters
{
    /** Frames a publisher sent. */
    public static final int SENT_TYPE_ID = 4120;

    /** Send attempts refused for back pressure or driver admin work. */
    public static final int BACK_PRESSURED_TYPE_ID = 4121;

    /** Frames a publisher gave up on after its bounded retries. */
    public static final int NOT_SENT_TYPE_ID = 4122;

    private BusCounters()
    {
    }

    /**
     * @param aeron       the client.
     * @param publication where frames go.
     * @param name        what the publisher carries, for the labels, e.g. "rounds out".
     * @param retryIdle   idles between tries of one frame.
     * @param attempts    tries per frame.
     * @return a publisher whose counters live in the counters file.
     */
    public static FramePublisher publisher(
        final Aeron aeron,
        final ExclusivePublication publication,
        final String name,
        final IdleStrategy retryIdle,
        final int attempts)
    {
        final String channel = " channel=" + publication.channel() + " stream=" + publication.streamId();
        return new FramePublisher(publication, retryIdle, attempts,
            aeron.addCounter(SENT_TYPE_ID, "qec " + name + ": sent" + channel),
            aeron.addCounter(BACK_PRESSURED_TYPE_ID, "qec " + name + ": back pressured" + channel),
            aeron.addCounter(NOT_SENT_TYPE_ID, "qec " + name + ": not sent" + channel));
    }
}
