package io.qecnode.io.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counters for tests without a media driver's counters file, and waiting for a publisher's subscriber.
 */
final class BusFixture
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));

    AtomicCounter counter(final String label)
    {
        return counters.newCounter(label);
    }

    static void awaitConnected(final FramePublisher publisher)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!publisher.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "publication never connected");
            Thread.yield();
        }
    }
}
