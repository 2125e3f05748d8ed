package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot thread's authentication allocates nothing once warm, for each candidate: computing and verifying state MACs
 * (encode a state, MAC it, verify it and a tampered copy), and sealing and opening states between two ends of a link.
 */
class StateMacAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_STATES = 200_000;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[SealedState.LENGTH]);
    private final UnsafeBuffer macBuffer = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH]);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private long accepted;
    private long refused;
    private int windows;

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldComputeAndVerifyWithoutAllocating(final StateMacAlgorithm algorithm)
    {
        final StateMac stateMac = new StateMac(algorithm);
        final byte[] key = new byte[algorithm.keyLength()];
        Arrays.fill(key, (byte)0x5A);
        stateMac.init(key);
        final int measured = 50_000;

        assertEquals(0, leastBytesAllocated(states -> run(stateMac, states), measured),
            "bytes allocated by " + measured + " states, " + algorithm);
        final long states = WARM_UP_STATES + (long)windows * measured;
        assertEquals(states, accepted);
        assertEquals(states, refused);
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldSealAndOpenWithoutAllocating(final StateMacAlgorithm algorithm)
    {
        final SealedLink link = new SealedLink(algorithm);
        link.install(0);
        final int measured = 100_000;

        assertEquals(0, leastBytesAllocated(states -> sealAndOpen(link, states), measured),
            "bytes allocated by " + measured + " seal and open pairs, " + algorithm);
        assertEquals(WARM_UP_STATES + (long)windows * measured, link.opener.opened());
    }

    /**
     * Warm up, then the best of three windows: a per-state allocation shows in all of them, a one-off JIT settling in
     * one.
     */
    private long leastBytesAllocated(final IntConsumer states, final int measured)
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        states.accept(WARM_UP_STATES);
        long bytes = Long.MAX_VALUE;
        windows = 0;
        while (windows < 3 && bytes != 0)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            states.accept(measured);
            bytes = Math.min(bytes, THREADS.getCurrentThreadAllocatedBytes() - before);
            windows++;
        }
        return bytes;
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

    private void sealAndOpen(final SealedLink link, final int states)
    {
        for (int i = 0; i < states; i++)
        {
            final long epoch = accepted++;
            link.encode(frame, 0, epoch);
            final int length = link.sealer.seal(frame, 0, LogicalStateWriter.FRAME_LENGTH, epoch);
            link.opener.open(frame, 0, length, epoch, epoch);
        }
    }
}
