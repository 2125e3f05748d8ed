package io.qecnode.io.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;

/**
 * Counters for tests without a media driver's counters file.
 */
final class BusFixture
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));

    AtomicCounter counter(final String label)
    {
        return counters.newCounter(label);
    }
}
