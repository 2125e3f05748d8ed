package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationFreeTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static final int OPERATIONS = 100_000;
    private static final int WARM_UP_RUNS = 30;
    private static final int QUBITS = 200;
    private static final int LOGICAL_QUBITS = 70;
    private static final int CHAIN_REPEATERS = 5;

    @Test
    void shouldNotAllocateWhileRunningRandomFrameOperations()
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        final SplittableRandom random = new SplittableRandom(11);
        final PauliFrame[] pool = { new PauliFrame(QUBITS), new PauliFrame(QUBITS) };
        for (int q = 0; q < QUBITS; q += 3)
        {
            pool[0].applyY(q);
            pool[1].applyX(QUBITS - 1 - q);
        }
        final PauliFrame frame = new PauliFrame(QUBITS);
        final FrameScript script = FrameScript.random(random, QUBITS, OPERATIONS, pool.length);

        assertAllocatesNothing(() -> runScript(script, frame, pool));
    }

    @Test
    void shouldNotAllocateWhileFoldingLogicalFlipsAndSwappingEntanglement()
    {
        final SplittableRandom random = new SplittableRandom(12);
        final int[] first = new int[OPERATIONS];
        final int[] second = new int[OPERATIONS];
        final long[] masks = new long[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++)
        {
            first[i] = random.nextInt(LOGICAL_QUBITS);
            second[i] = (first[i] + 1 + random.nextInt(LOGICAL_QUBITS - 1)) % LOGICAL_QUBITS;
            masks[i] = random.nextInt(4);
        }
        final LogicalFrame frame = new LogicalFrame(LOGICAL_QUBITS);

        assertAllocatesNothing(() -> runLogical(frame, first, second, masks));
    }

    @Test
    void shouldNotAllocateWhileStreamingChainCorrection()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final long[] leftFlips = new long[OPERATIONS];
        final long[] rightFlips = new long[OPERATIONS];
        final int[] outcomes = new int[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++)
        {
            leftFlips[i] = random.nextInt(4);
            rightFlips[i] = random.nextInt(4);
            outcomes[i] = random.nextInt(4);
        }
        final LogicalFrame[] repeaters = new LogicalFrame[CHAIN_REPEATERS];
        for (int i = 0; i < CHAIN_REPEATERS; i++)
        {
            repeaters[i] = new LogicalFrame(2);
        }
        final LogicalFrame end = new LogicalFrame(1);

        assertAllocatesNothing(() -> runChain(repeaters, end, leftFlips, rightFlips, outcomes));
    }

    private static long runScript(final FrameScript script, final PauliFrame frame, final PauliFrame[] pool)
    {
        long flips = 0;
        for (int step = 0; step < OPERATIONS; step++)
        {
            flips += script.run(step, frame, pool);
        }
        return flips + (frame.isIdentity() ? 1 : 0);
    }

    private static long runLogical(final LogicalFrame frame, final int[] first, final int[] second, final long[] masks)
    {
        long sink = 0;
        for (int i = 0; i < OPERATIONS; i++)
        {
            final long mask = masks[i];
            frame.foldObservableFlips(first[i], mask);
            frame.foldObservableFlips(second[i], mask ^ 3L);
            final int far = (second[i] + 1) % LOGICAL_QUBITS;
            if (far != first[i] && (mask & 1L) != 0)
            {
                frame.foldObservableFlips(far, frame.swapEntanglement(first[i], second[i], mask == 3L, true));
            }
            sink += frame.observableFlips(far) + (frame.x(first[i]) ? 1 : 0) + (frame.z(second[i]) ? 1 : 0);
        }
        return sink;
    }

    // Each step is one repeater of a chain: fold its patches' decoded flips, swap, pass on; B completes every epoch.
    private static long runChain(
        final LogicalFrame[] repeaters,
        final LogicalFrame end,
        final long[] leftFlips,
        final long[] rightFlips,
        final int[] outcomes)
    {
        long sink = 0;
        long accumulated = ChainCorrection.NONE;
        for (int i = 0; i < OPERATIONS; i++)
        {
            final LogicalFrame repeater = repeaters[i % CHAIN_REPEATERS];
            repeater.foldObservableFlips(0, leftFlips[i]);
            repeater.foldObservableFlips(1, rightFlips[i]);
            final boolean xx = (outcomes[i] & 1) != 0;
            final boolean zz = (outcomes[i] & 2) != 0;
            accumulated = (i & 1) == 0 ?
                ChainCorrection.swap(accumulated, repeater, 0, 1, xx, zz) : ChainCorrection.fold(accumulated, xx, zz);
            if (i % CHAIN_REPEATERS == CHAIN_REPEATERS - 1)
            {
                ChainCorrection.complete(accumulated, end, 0);
                sink += end.observableFlips(0) + (ChainCorrection.zzParity(accumulated) ? 1 : 0) +
                    (ChainCorrection.xxParity(accumulated) ? 2 : 0);
                accumulated = ChainCorrection.NONE;
            }
        }
        return sink;
    }

    // Warm the work up, then run it once more under the allocation counter; the result keeps the work alive.
    private static void assertAllocatesNothing(final LongSupplier work)
    {
        for (int run = 0; run < WARM_UP_RUNS; run++)
        {
            work.getAsLong();
        }
        final long overhead = meterOverhead();
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        final long sink = work.getAsLong();
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - overhead;

        assertEquals(0L, allocated, "sink=" + sink);
    }

    // Each read of the counter allocates a little itself; the cheapest of a few back-to-back pairs is that cost.
    private static long meterOverhead()
    {
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++)
        {
            final long first = THREADS.getCurrentThreadAllocatedBytes();
            overhead = Math.min(overhead, THREADS.getCurrentThreadAllocatedBytes() - first);
        }
        return overhead;
    }
}
