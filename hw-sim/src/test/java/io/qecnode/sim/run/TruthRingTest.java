package io.qecnode.sim.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruthRingTest
{
    @Test
    void shouldRememberRecentBlocksAndForgetOverwrittenOnes()
    {
        final TruthRing ring = new TruthRing(8);
        assertEquals(8, ring.capacity());
        assertEquals(TruthRing.UNKNOWN, ring.truth(0));
        for (long block = 0; block < 20; block++)
        {
            ring.onBlockTruth(block, block % 4);
        }
        assertEquals(19 % 4, ring.truth(19));
        assertEquals(12 % 4, ring.truth(12));
        assertEquals(TruthRing.UNKNOWN, ring.truth(11), "overwritten by block 19");
        assertEquals(TruthRing.UNKNOWN, ring.truth(20), "not simulated yet");
    }

    @Test
    @Timeout(30)
    void shouldNeverHandAReaderTheTruthOfAnotherBlock() throws Exception
    {
        final TruthRing ring = new TruthRing(16);
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong written = new AtomicLong(-1);
        final Thread writer = new Thread(() ->
        {
            for (long block = 0; block < 5_000_000; block++)
            {
                // The truth is a function of the block, so a reader can tell a torn read.
                ring.onBlockTruth(block, block * 7 & 3);
                written.lazySet(block);
            }
            done.set(true);
        });
        writer.start();
        long checked = 0;
        while (!done.get())
        {
            final long block = written.get();
            if (block >= 0)
            {
                for (long b = Math.max(0, block - 20); b <= block; b++)
                {
                    final long truth = ring.truth(b);
                    if (truth != TruthRing.UNKNOWN)
                    {
                        assertEquals(b * 7 & 3, truth, "block " + b);
                        checked++;
                    }
                }
            }
        }
        writer.join();
        assertTrue(checked > 1000, "reads checked: " + checked);
    }
}
