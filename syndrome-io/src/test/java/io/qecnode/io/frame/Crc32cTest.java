package io.qecnode.io.frame;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intrinsic {@link Crc32c} against published check values, the JDK's own {@link CRC32C} and, bit for bit, the
 * table version {@link TableCrc32c} it replaced: on array-backed, direct and wrapped buffers, at every offset and length
 * up to 64, on ranges longer than its scratch copy, and chained from any CRC.
 */
class Crc32cTest
{
    private static final int SHORT = 64;
    private static final int[] LONG_LENGTHS = {
        Crc32c.SCRATCH_LENGTH - 1, Crc32c.SCRATCH_LENGTH, Crc32c.SCRATCH_LENGTH + 3, 3 * Crc32c.SCRATCH_LENGTH + 5,
        10_000};
    private static final int CAPACITY = 2 * SHORT + 10_000;

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

    @Test
    void shouldEqualTheTableVersionAtEveryOffsetAndLengthOnEveryKindOfBuffer()
    {
        final SplittableRandom random = new SplittableRandom(88);
        for (final DirectBuffer buffer : randomBuffers(random))
        {
            for (int offset = 0; offset <= SHORT; offset++)
            {
                for (int length = 0; length <= SHORT; length++)
                {
                    assertSameAsTable(buffer, 0, offset, length);
                    assertSameAsTable(buffer, random.nextInt(), offset, length);
                }
            }
            for (final int length : LONG_LENGTHS)
            {
                final int offset = random.nextInt(SHORT);
                assertSameAsTable(buffer, 0, offset, length);
                assertSameAsTable(buffer, random.nextInt(), offset, length);
            }
        }
    }

    @Test
    void shouldChainLikeTheTableVersionOnEveryKindOfBuffer()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (final DirectBuffer buffer : randomBuffers(random))
        {
            for (int trial = 0; trial < 2_000; trial++)
            {
                // A frame's checksum: the bytes before its field, then those after, one CRC.
                final int offset = random.nextInt(SHORT);
                final int first = random.nextInt(SHORT);
                final int skipped = random.nextInt(8);
                final int second = trial % 10 == 0 ? random.nextInt(2 * Crc32c.SCRATCH_LENGTH) : random.nextInt(SHORT);
                final int afterOffset = offset + first + skipped;
                final int expected = TableCrc32c.update(
                    TableCrc32c.compute(buffer, offset, first), buffer, afterOffset, second);

                final int actual = Crc32c.update(Crc32c.compute(buffer, offset, first), buffer, afterOffset, second);

                assertEquals(expected, actual, "offset=" + offset + ", first=" + first + ", second=" + second);
            }
        }
    }

    @Test
    void shouldAllocateNothingOnArrayOrDirectBuffers()
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (final DirectBuffer buffer : randomBuffers(random))
        {
            final int[] sink = new int[1];
            final Runnable frames = () ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    final int offset = i & 31;
                    final int before = Crc32c.compute(buffer, offset, 20);
                    sink[0] += Crc32c.update(before, buffer, offset + 24, 64 + (i & 63));
                }
                sink[0] += Crc32c.compute(buffer, 0, 3 * Crc32c.SCRATCH_LENGTH);
            };
            frames.run();
            frames.run();

            long least = Long.MAX_VALUE;
            for (int window = 0; window < 3 && least != 0; window++)
            {
                least = Math.min(least, FrameAllocationTest.bytesAllocatedBy(frames));
            }

            assertEquals(0, least, "bytes allocated on " + buffer.getClass().getSimpleName() + " array=" +
                (buffer.byteArray() != null));
            assertTrue(sink[0] != 0);
        }
    }

    private static void assertSameAsTable(final DirectBuffer buffer, final int crc, final int offset, final int length)
    {
        assertEquals(TableCrc32c.update(crc, buffer, offset, length), Crc32c.update(crc, buffer, offset, length),
            "crc=" + crc + ", offset=" + offset + ", length=" + length + ", array=" + (buffer.byteArray() != null));
    }

    // The same random bytes behind each way a frame can be held: an array, a direct buffer, a heap ByteBuffer, and
    // windows onto each that start part way in (so the wrapped object's index differs from the buffer's).
    private static List<DirectBuffer> randomBuffers(final SplittableRandom random)
    {
        final byte[] bytes = new byte[CAPACITY + 13];
        random.nextBytes(bytes);
        final ByteBuffer direct = BufferUtil.allocateDirectAligned(bytes.length, 64);
        direct.put(0, bytes, 0, bytes.length);
        final ByteBuffer heap = ByteBuffer.wrap(bytes.clone());
        final UnsafeBuffer arrayWindow = new UnsafeBuffer(bytes, 13, CAPACITY);
        final UnsafeBuffer directWindow = new UnsafeBuffer(direct, 13, CAPACITY);

        return List.of(new UnsafeBuffer(bytes), new UnsafeBuffer(direct), new UnsafeBuffer(heap), arrayWindow,
            directWindow, new UnsafeBuffer(direct.slice(5, CAPACITY)), new UnsafeBuffer(heap.slice(7, CAPACITY)));
    }
}
