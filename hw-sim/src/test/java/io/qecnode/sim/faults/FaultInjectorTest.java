package io.qecnode.sim.faults;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectorTest
{
    private static final int LENGTH = 32;

    @Test
    void shouldDropDuplicateAndReorderOnSchedule()
    {
        final List<Long> sent = new ArrayList<>();
        final FaultInjector injector = injector("drop@10,duplicate@7,reorder@13", sent);
        sendFrames(injector, 40);
        injector.flush();

        // Frames 12, 25 and 38 are held and released after 13, 26 and 39, which are spared any fault: so 9, 19 and
        // 29 are dropped (39 spared) and 6, 20, 27 and 34 duplicated (13 spared).
        assertEquals(3, injector.injected(FaultKind.DROP));
        assertEquals(4, injector.injected(FaultKind.DUPLICATE));
        assertEquals(3, injector.injected(FaultKind.REORDER));
        assertTrue(sent.indexOf(13L) < sent.indexOf(12L), "frame 12 held back until after 13: " + sent);
        assertTrue(!sent.contains(9L) && sent.contains(39L), sent.toString());
        assertEquals(40 - 3 + 4, sent.size());
    }

    @Test
    void shouldSpareTheFrameAfterARestartAndFlushAHeldFrameFirst()
    {
        final List<Long> sent = new ArrayList<>();
        final FaultInjector injector = injector("reorder@5,restart@6", sent);
        for (long i = 0; i < 6; i++)
        {
            final boolean restart = injector.restartBeforeFrame();
            assertEquals(i == 5, restart);
            injector.send(frame(i), 0, LENGTH, 8, 64);
        }
        // Frame 4 was held; the restart before frame 5 flushed it in order, so no reorder took place.
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), sent);
        assertEquals(0, injector.injected(FaultKind.REORDER));
        assertEquals(1, injector.injected(FaultKind.RESTART));
    }

    @Test
    void shouldCorruptOnlyTheGivenRegionAndTruncateByAtLeastOneByte()
    {
        final List<DirectBuffer> frames = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        final FaultInjector injector = new FaultInjector(FaultPlan.parse("corrupt@2,truncate@3"), 1, 64,
            (buffer, offset, length) ->
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, buffer, offset, length);
                frames.add(copy);
                lengths.add(length);
                return true;
            });
        final UnsafeBuffer original = frame(7);
        for (int i = 0; i < 3; i++)
        {
            injector.send(frame(7), 0, LENGTH, 16, 64);
        }
        assertEquals(LENGTH, lengths.get(1));
        for (int b = 0; b < LENGTH; b++)
        {
            if (b < 16 || b >= 24)
            {
                assertEquals(original.getByte(b), frames.get(1).getByte(b), "byte " + b + " outside the region");
            }
        }
        assertNotEquals(original.getLong(16), frames.get(1).getLong(16));
        assertTrue(lengths.get(2) < LENGTH && lengths.get(2) >= LENGTH - 8);
    }

    @Test
    void shouldInjectAtTheConfiguredRateWithinStatistics()
    {
        final List<Long> sent = new ArrayList<>();
        final FaultInjector injector = injector("drop=0.01,duplicate=0.02", sent);
        final int frames = 200_000;
        sendFrames(injector, frames);
        assertWithin(0.01 * frames, injector.injected(FaultKind.DROP));
        assertWithin(0.02 * frames, injector.injected(FaultKind.DUPLICATE));
        assertEquals(frames - injector.injected(FaultKind.DROP) + injector.injected(FaultKind.DUPLICATE), sent.size());
    }

    @Test
    void shouldRunBurstsOfTheConfiguredLength()
    {
        final FaultInjector injector = injector("burst@100:5:10", new ArrayList<>());
        int burstBlocks = 0;
        for (long block = 0; block < 1000; block++)
        {
            final boolean burst = injector.burstBlock(block);
            burstBlocks += burst ? 1 : 0;
            if (block == 99 || block == 103)
            {
                assertTrue(burst, "block " + block);
            }
        }
        // Bursts start at blocks 99, 199, ..., 999; the last has only one block left before the end.
        assertEquals(10, injector.injected(FaultKind.BURST));
        assertEquals(9 * 5 + 1, burstBlocks);
    }

    @Test
    void shouldAskForStallsOnSchedule()
    {
        final FaultInjector injector = injector("stall@4:2ms", new ArrayList<>());
        long stalled = 0;
        for (long i = 0; i < 12; i++)
        {
            stalled += injector.stallBeforeFrameNs();
            injector.send(frame(i), 0, LENGTH, 8, 64);
        }
        assertEquals(3 * 2_000_000L, stalled);
        assertEquals(3, injector.injected(FaultKind.STALL));
    }

    private static void assertWithin(final double expected, final long actual)
    {
        final double sigma = Math.sqrt(expected);
        assertTrue(Math.abs(actual - expected) < 4 * sigma, "expected " + expected + " +- " + 4 * sigma + ": " + actual);
    }

    private static FaultInjector injector(final String plan, final List<Long> sent)
    {
        return new FaultInjector(FaultPlan.parse(plan), 42, 64, (buffer, offset, length) ->
        {
            sent.add(buffer.getLong(offset));
            return true;
        });
    }

    private static void sendFrames(final FaultInjector injector, final int count)
    {
        for (long i = 0; i < count; i++)
        {
            injector.send(frame(i), 0, LENGTH, 8, 64);
        }
    }

    private static UnsafeBuffer frame(final long sequence)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[LENGTH]);
        frame.putLong(0, sequence);
        frame.putLong(8, ~sequence);
        frame.putLong(16, sequence * 31);
        return frame;
    }
}
