package io.qecnode.decoder.unionfind;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FillQueueTest
{
    @Test
    void shouldDrainWhatCompactionKeepsInTheOrderItWouldHaveDrainedItWithout()
    {
        final FillQueue compacted = new FillQueue(8, 16);
        final FillQueue plain = new FillQueue(8, 16);
        final boolean[] stale = new boolean[16];
        for (int vertex = 0; vertex < 10; vertex++)
        {
            compacted.push(vertex, 5);
            plain.push(vertex, 5);
            stale[vertex] = vertex % 3 == 0;
        }
        // Stale entries are dropped, the rest stay due at time 5.
        compacted.compact((vertex, bucket, mask) -> !stale[vertex] && (5 & mask) == bucket);

        final int[] out = new int[16];
        assertEquals(5, compacted.nextTime(0));
        final int[] kept = Arrays.copyOf(out, compacted.drain(5, out));
        final int[] all = Arrays.copyOf(out, plain.drain(5, out));
        final int[] expected = Arrays.stream(all).filter(vertex -> !stale[vertex]).toArray();
        assertArrayEquals(expected, kept, "ties between vertices due at once go by queue order, kept through compaction");
    }
}
