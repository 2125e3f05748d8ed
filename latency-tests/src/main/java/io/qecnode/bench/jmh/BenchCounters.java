package io.qecnode.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;

/**
 * Counters for benchmarks that run without a media driver: an Agrona {@link CountersManager} over private direct
 * buffers, holding the same {@code AtomicCounter}s the node would put in the driver's counters file.
 */
final class BenchCounters
{
    private static final int METADATA_BYTES = 64 * 1024;
    private static final int VALUES_BYTES = 8 * 1024;

    private BenchCounters()
    {
    }

    /**
     * @return a counters manager with room for 64 counters.
     */
    static CountersManager newManager()
    {
        return new CountersManager(new UnsafeBuffer(ByteBuffer.allocateDirect(METADATA_BYTES)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(VALUES_BYTES)));
    }
}
