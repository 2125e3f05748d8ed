package io.qecnode.io.frame;

import io.qecnode.io.codec.StateFlagsEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogicalStateCodecTest
{
    private static final int OFFSET = 5;

    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final LogicalStateView view = new LogicalStateView();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + 128]);

    @Test
    void shouldRoundTripEveryField()
    {
        final int length = writer.encode(buffer, OFFSET, 0xFFFF_FFFEL, 0x8000_0000L, -3L, 0b10L, 0xFFFF_FFFFL,
            Long.MIN_VALUE, Long.MAX_VALUE, LogicalStateFlags.FALLBACK | LogicalStateFlags.CLEAN_BLOCK);

        assertEquals(57, length);
        assertEquals(LogicalStateWriter.FRAME_LENGTH, length);
        view.wrap(buffer, OFFSET);
        assertEquals(length, view.frameLength());
        assertEquals(0xFFFF_FFFEL, view.nodeId());
        assertEquals(0x8000_0000L, view.logicalQubit());
        assertEquals(-3L, view.blockSequence());
        assertEquals(0b10L, view.frameBits());
        assertEquals(0xFFFF_FFFFL, view.roundsDecoded());
        assertEquals(Long.MIN_VALUE, view.originTimestampNs());
        assertEquals(Long.MAX_VALUE, view.decodeTimeNs());
        assertTrue(view.fallback());
        assertFalse(view.incomplete());
        assertTrue(view.cleanBlock());
        assertEquals(LogicalStateFlags.FALLBACK | LogicalStateFlags.CLEAN_BLOCK, view.flags());
        assertTrue(view.isChecksumValid());
    }

    @Test
    void shouldRoundTripEveryFlagCombinationAndDropReservedBits()
    {
        for (int flags = 0; flags < 16; flags++)
        {
            writer.encode(buffer, OFFSET, 1, 2, flags, 3, 4, 5, 6, flags | 0xF0);

            view.wrap(buffer, OFFSET);
            assertEquals(flags & LogicalStateFlags.ALL, view.flags(), "flags=" + flags);
            assertEquals((flags & LogicalStateFlags.FALLBACK) != 0, view.fallback());
            assertEquals((flags & LogicalStateFlags.INCOMPLETE) != 0, view.incomplete());
            assertEquals((flags & LogicalStateFlags.CLEAN_BLOCK) != 0, view.cleanBlock());
            assertTrue(view.isChecksumValid());
        }
    }

    @Test
    void shouldNumberFlagsAsTheSchemaDoes()
    {
        assertEquals(LogicalStateFlags.FALLBACK, StateFlagsEncoder.fallback((byte)0, true));
        assertEquals(LogicalStateFlags.INCOMPLETE, StateFlagsEncoder.incomplete((byte)0, true));
        assertEquals(LogicalStateFlags.CLEAN_BLOCK, StateFlagsEncoder.cleanBlock((byte)0, true));
    }

    @Test
    void shouldDetectEverySingleFlippedBitInTheFrame()
    {
        final int length = writer.encode(
            buffer, OFFSET, 11, 12, 13, 0b01L, 14, 15, 16, LogicalStateFlags.INCOMPLETE);
        final int checksumOffset = OFFSET + 52;

        for (int bit = 0; bit < length * 8; bit++)
        {
            final int index = OFFSET + bit / 8;
            final byte original = buffer.getByte(index);
            buffer.putByte(index, (byte)(original ^ (1 << (bit % 8))));

            assertNotEquals(buffer.getInt(checksumOffset),
                FrameChecksum.compute(buffer, OFFSET, length, checksumOffset), "bit=" + bit);
            if (bit >= 16)
            {
                // Flips in the header's block length change the view's frame length: compared above instead.
                assertFalse(view.wrap(buffer, OFFSET).isChecksumValid(), "bit=" + bit);
            }

            buffer.putByte(index, original);
        }

        assertTrue(view.wrap(buffer, OFFSET).isChecksumValid());
    }
}
