package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Computing and verifying state MACs allocates nothing once warm, for each candidate: encode a state, MAC it, verify it
 * and a tampered copy.
 */
class StateMacAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_STATES = 200_000;
    private static final int MEASURED_STATES = 50_000;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH]);
    private final UnsafeBuffer macBuffer = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH]);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private long accepted;
    private long refused;

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldComputeAndVerifyWithoutAllocating(final StateMacAlgorithm algorithm)
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        final StateMac stateMac = new StateMac(algorithm);
        final byte[] key = new byte[algorithm.keyLength()];
        Arrays.fill(key, (byte)0x5A);
        stateMac.init(key);
        run(stateMac, WARM_UP_STATES);

        // Best of three windows: a per-state allocation shows in all of them, a one-off JIT settling in one.
        long bytes = Long.MAX_VALUE;
        int windows = 0;
        while (windows < 3 && bytes != 0)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            run(stateMac, MEASURED_STATES);
            bytes = Math.min(bytes, THREADS.getCurrentThreadAllocatedBytes() - before);
            windows++;
        }

        assertEquals(0, bytes, "bytes allocated by " + MEASURED_STATES + " states, " + algorithm);
        final long states = WARM_UP_STATES + (long)windows * MEASURED_STATES;
        assertEquals(states, accepted);
        assertEquals(states, refused);
    }

    private void run(final StateMac stateMac, final int states)
    {
        for (int i = 0; i < states; i++)
        {
            final long epoch = accepted;
            final int length = writer.encode(frame, 0, 1, 0, epoch, epoch & 3, 5, epoch, 100,
                LogicalStateFlags.CLEAN_BLOCK);
            stateMac.compute(frame, 0, length, epoch, macBuffer, 0);
            accepted += stateMac.verify(frame, 0, length, epoch, macBuffer, 0) ? 1 : 0;
            refused += stateMac.verify(frame, 0, length, epoch + 1, macBuffer, 0) ? 0 : 1;
        }
    }
}
