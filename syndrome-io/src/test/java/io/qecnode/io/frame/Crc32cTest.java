package io.qecnode.io.frame;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc32cTest
{
    @Test
    void shouldMatchRfc3720TestVectors()
    {
        final byte[] zeros = new byte[32];
        final byte[] ones = new byte[32];
        final byte[] incrementing = new byte[32];
        final byte[] decrementing = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            ones[i] = (byte)0xFF;
            incrementing[i] = (byte)i;
            decrementing[i] = (byte)(31 - i);
        }

        assertEquals(0x8A9136AA, crcOf(zeros));
        assertEquals(0x62A8AB43, crcOf(ones));
        assertEquals(0x46DD794E, crcOf(incrementing));
        assertEquals(0x113FDB5C, crcOf(decrementing));
    }

    @Test
    void shouldMatchTheCheckValue()
    {
        assertEquals(0xE3069283, crcOf("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldGiveZeroForAnEmptyRange()
    {
        assertEquals(0, Crc32c.compute(new UnsafeBuffer(new byte[8]), 3, 0));
    }

    @Test
    void shouldAgreeWithTheJdkOnRandomRangesAtEveryAlignment()
    {
        final SplittableRandom random = new SplittableRandom(3720);
        final byte[] bytes = new byte[4096];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final CRC32C jdk = new CRC32C();

        for (int trial = 0; trial < 2_000; trial++)
        {
            random.nextBytes(bytes);
            final int offset = random.nextInt(64);
            final int length = random.nextInt(bytes.length - offset);
            jdk.reset();
            jdk.update(bytes, offset, length);

            assertEquals((int)jdk.getValue(), Crc32c.compute(buffer, offset, length),
                "offset=" + offset + ", length=" + length);
        }
    }

    @Test
    void shouldContinueAcrossRangesAsIfTheyWereOne()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int whole = Crc32c.compute(buffer, 0, bytes.length);

        for (int split = 0; split <= bytes.length; split++)
        {
            final int first = Crc32c.compute(buffer, 0, split);
            assertEquals(whole, Crc32c.update(first, buffer, split, bytes.length - split), "split=" + split);
        }
    }

    private static int crcOf(final byte[] bytes)
    {
        return Crc32c.compute(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
