package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyndromeRoundCodecTest
{
    private static final int OFFSET = 13;

    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final SyndromeRoundView view = new SyndromeRoundView();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + 9_000]);

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 7, 8, 9, 63, 64, 65, 120, 288, 65_535 })
    void shouldRoundTripEveryFieldAndDetectorBit(final int detectorCount)
    {
        final SplittableRandom random = new SplittableRandom(detectorCount);
        final long[] words = new long[DetectorBits.wordLength(detectorCount) + 1];
        TestFrames.randomWords(random, words, detectorCount);

        final int length = writer.encode(buffer, OFFSET, 0xFFFF_FFFEL, 0x8000_0001L, -2L, Long.MAX_VALUE, 0xFFFF,
            true, 17, Basis.X, Long.MIN_VALUE, words, detectorCount);

        assertEquals(SyndromeRoundWriter.frameLength(detectorCount), length);
        assertEquals(54 + (detectorCount + 7) / 8, length);
        view.wrap(buffer, OFFSET);
        assertEquals(length, view.frameLength());
        assertEquals(0xFFFF_FFFEL, view.sourceNode());
        assertEquals(0x8000_0001L, view.logicalQubit());
        assertEquals(-2L, view.sequence());
        assertEquals(Long.MAX_VALUE, view.blockIndex());
        assertEquals(0xFFFF, view.roundIndex());
        assertTrue(view.endOfBlock());
        assertEquals(17, view.distance());
        assertEquals(Basis.X, view.basis());
        assertEquals(Long.MIN_VALUE, view.emitTimestampNs());
        assertEquals(detectorCount, view.detectorCount());
        assertTrue(view.isChecksumValid());

        final long[] decoded = new long[words.length];
        assertEquals(DetectorBits.wordLength(detectorCount), view.copyDetectorsTo(decoded));
        final int[] fired = new int[detectorCount];
        final int firedCount = view.firedDetectors(fired);
        int expectedFired = 0;
        for (int k = 0; k < detectorCount; k++)
        {
            final boolean expected = (words[k >>> 6] & (1L << k)) != 0;
            assertEquals(expected, view.detector(k), "detector " + k);
            assertEquals(expected, (decoded[k >>> 6] & (1L << k)) != 0, "copied detector " + k);
            if (expected)
            {
                assertEquals(k, fired[expectedFired++]);
            }
        }
        assertEquals(expectedFired, firedCount);
        if (detectorCount % 64 != 0)
        {
            final int last = detectorCount / 64;
            assertEquals(TestFrames.lowBits(words[last], detectorCount % 64), decoded[last], "bits above the count");
        }
    }

    @Test
    void shouldPackDetectorBitsLittleEndianWithZeroPadding()
    {
        final long[] words = { 0b1000_0000_0101L | (-1L << 12), 0 };

        final int length = writer.encode(buffer, 0, 1, 2, 3, 4, 5, false, 5, Basis.Z, 6, words, 12);

        assertEquals(0b0000_0101, buffer.getByte(length - 2));
        assertEquals(0b0000_1000, buffer.getByte(length - 1), "bit 11 is bit 3 of byte 1; bits 12-15 are padding");
        assertEquals(2, buffer.getShort(length - 4));
        assertFalse(view.wrap(buffer, 0).endOfBlock());
        assertEquals(Basis.Z, view.basis());
    }

    @Test
    void shouldRoundTripAnAllOnesRoundOf288Detectors()
    {
        final long[] words = { -1L, -1L, -1L, -1L, -1L };
        writer.encode(buffer, OFFSET, 1, 1, 1, 1, 1, false, 13, Basis.Z, 1, words, 288);

        final int[] fired = new int[288];
        assertEquals(288, view.wrap(buffer, OFFSET).firedDetectors(fired));
        assertEquals(287, fired[287]);
        final long[] decoded = new long[5];
        assertEquals(5, view.copyDetectorsTo(decoded));
        assertArrayEquals(new long[]{ -1L, -1L, -1L, -1L, 0xFFFF_FFFFL }, decoded);
    }

    @Test
    void shouldDetectEverySingleFlippedBitInTheFrame()
    {
        final long[] words = { 0x0123_4567_89AB_CDEFL, 0x5555_AAAA_5555_AAAAL };
        final int length = writer.encode(buffer, OFFSET, 9, 8, 77, 12, 3, false, 5, Basis.X, 99, words, 120);
        final FrameValidator validator = new FrameValidator(
            FrameLayout.uniform(5, 4, 120), 1, new LongArrayFrameCounters(), RejectionLog.NO_OP);
        final int checksum = view.wrap(buffer, OFFSET).checksum();
        final int checksumOffset = OFFSET + 48;

        for (int bit = 0; bit < length * 8; bit++)
        {
            final int index = OFFSET + bit / 8;
            final byte original = buffer.getByte(index);
            buffer.putByte(index, (byte)(original ^ (1 << (bit % 8))));

            final boolean inChecksumField = index >= checksumOffset && index < checksumOffset + 4;
            final int computed = FrameChecksum.compute(buffer, OFFSET, length, checksumOffset);
            final int carried = buffer.getInt(checksumOffset);
            assertNotEquals(carried, computed, "bit=" + bit);
            assertEquals(inChecksumField, computed == checksum, "bit=" + bit);
            assertFalse(validator.validate(buffer, OFFSET, length).isAccepted(), "bit=" + bit);

            buffer.putByte(index, original);
        }

        assertTrue(validator.validate(buffer, OFFSET, length).isAccepted());
    }

    @Test
    void shouldRefuseADetectorCountTheWireCannotCarry()
    {
        final long[] words = new long[1025];
        assertThrows(IllegalArgumentException.class,
            () -> writer.encode(buffer, 0, 1, 1, 1, 1, 1, false, 5, Basis.Z, 1, words, 65_536));
    }
}
