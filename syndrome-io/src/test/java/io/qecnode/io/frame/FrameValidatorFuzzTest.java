package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds a million random and damaged frames to the validator: nothing may escape as an exception, every frame is
 * counted exactly once, every accepted frame decodes, and every outcome shows up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameValidatorFuzzTest
{
    private static final int FRAMES = 1_000_000;
    private static final long[] SOURCES = { 1, 2, 3 };
    private static final int MAX_SOURCES = SOURCES.length + 1;
    private static final int MUTATIONS = 13;
    private static final int[] HEADER_FIELD_OFFSETS = { 0, 2, 4, 6 };
    private static final int[] CONTENT_FIELD_OFFSETS = { 40, 42, 44, 46, 47 };

    private final SplittableRandom random = new SplittableRandom(0x5143_F022L);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[70_000]);
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final SyndromeRoundView view = new SyndromeRoundView();
    private final LongArrayFrameCounters counters = new LongArrayFrameCounters();
    private final int[] reports = new int[FrameCheck.values().length];
    private final FrameValidator validator = new FrameValidator(TestFrames.LAYOUT, MAX_SOURCES, counters,
        (check, sequence, detail) -> reports[check.ordinal()]++);
    private final long[] nextSequence = { 0, 1_000, 1L << 40 };
    private final long[] words = new long[1];
    private final int[] fired = new int[TestFrames.BULK_DETECTORS];
    private final long[] tallies = new long[FrameCheck.values().length];

    @Test
    void shouldClassifyAndCountEveryFrameWithoutThrowing()
    {
        for (int i = 0; i < FRAMES; i++)
        {
            final int offset = random.nextInt(8);
            final int length = nextFrame(offset, random.nextInt(MUTATIONS));
            final FrameCheck check = validator.validate(buffer, offset, length);
            tallies[check.ordinal()]++;
            if (check.isAccepted())
            {
                assertDecodes(offset, length);
            }
        }

        assertEquals(FRAMES, counters.value(FrameCounter.ACCEPTED) + counters.rejectedTotal(),
            "accepted + rejected = fed");
        assertEquals(tally(FrameCheck.OK) + tally(FrameCheck.GAP) + tally(FrameCheck.RESTART),
            counters.value(FrameCounter.ACCEPTED));
        for (final FrameCheck check : FrameCheck.values())
        {
            assertTrue(tally(check) > 0, "never produced: " + check);
            if (null != check.counter())
            {
                assertEquals(tally(check), counters.value(check.counter()), check.name());
                assertEquals(1, reports[check.ordinal()], "reported once: " + check);
            }
        }
        assertTrue(counters.value(FrameCounter.MISSING) >= tally(FrameCheck.GAP));
    }

    private long tally(final FrameCheck check)
    {
        return tallies[check.ordinal()];
    }

    private void assertDecodes(final int offset, final int length)
    {
        view.wrap(buffer, offset);
        assertEquals(length, view.frameLength());
        assertTrue(view.isChecksumValid());
        assertEquals(TestFrames.DISTANCE, view.distance());
        assertEquals(TestFrames.DETECTOR_COUNTS[view.roundIndex()], view.detectorCount());
        assertTrue(view.basis() == Basis.Z || view.basis() == Basis.X);
        assertTrue(view.firedDetectors(fired) <= view.detectorCount());
    }

    private int nextFrame(final int offset, final int mutation)
    {
        switch (mutation)
        {
            case 0:
                return randomBytes(offset, random.nextInt(128));

            case 1:
                return validFrame(offset, random.nextInt(SOURCES.length), 0);

            case 2:
                return validFrame(offset, random.nextInt(SOURCES.length), random.nextInt(-2_000, 2_000));

            case 3:
                return writeRound(offset, SOURCES[random.nextInt(SOURCES.length)], random.nextLong());

            case 4:
                return random.nextInt(validFrame(offset, random.nextInt(SOURCES.length), 0));

            case 5:
                return validFrame(offset, random.nextInt(SOURCES.length), 0) + 1 + random.nextInt(8);

            case 6:
                return flipBits(offset, validFrame(offset, random.nextInt(SOURCES.length), 0), 1 + random.nextInt(3));

            case 7:
            {
                final int length = validFrame(offset, random.nextInt(SOURCES.length), 0);
                buffer.putShort(offset + HEADER_FIELD_OFFSETS[random.nextInt(4)], (short)random.nextInt(1 << 16));
                return length;
            }

            case 8:
            {
                final int length = validFrame(offset, random.nextInt(SOURCES.length), 0);
                buffer.putShort(offset + 52, (short)random.nextInt(8));
                return length;
            }

            case 9:
                return validFrame(offset, random.nextInt(SOURCES.length), -1);

            case 10:
                return writeRound(offset, random.nextInt(), random.nextInt(10));

            case 11:
            {
                // Right header and lengths, random content: exercises the checks past the header.
                final int length = validFrame(offset, random.nextInt(SOURCES.length), 0);
                randomBytes(offset + 8, 44);
                buffer.putShort(offset + 42, (short)(random.nextBoolean() ? TestFrames.DISTANCE : random.nextInt()));
                return length;
            }

            default:
            {
                // A content field damaged by the sender, with a checksum that matches the damage.
                final int length = validFrame(offset, random.nextInt(SOURCES.length), 0);
                buffer.putByte(offset + CONTENT_FIELD_OFFSETS[random.nextInt(CONTENT_FIELD_OFFSETS.length)],
                    (byte)random.nextInt(4));
                buffer.putInt(offset + 48, FrameChecksum.compute(buffer, offset, length, offset + 48));
                return length;
            }
        }
    }

    private int validFrame(final int offset, final int sourceIndex, final long sequenceDelta)
    {
        final long sequence = Math.max(0, nextSequence[sourceIndex] + sequenceDelta);
        nextSequence[sourceIndex] = sequence + 1;
        return writeRound(offset, SOURCES[sourceIndex], sequence);
    }

    private int writeRound(final int offset, final long source, final long sequence)
    {
        return TestFrames.writeRound(writer, buffer, offset, source, sequence, words, random);
    }

    private int randomBytes(final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)random.nextInt());
        }
        return length;
    }

    private int flipBits(final int offset, final int length, final int flips)
    {
        for (int i = 0; i < flips; i++)
        {
            final int bit = random.nextInt(length * 8);
            final int index = offset + bit / 8;
            buffer.putByte(index, (byte)(buffer.getByte(index) ^ (1 << (bit % 8))));
        }
        return length;
    }
}
