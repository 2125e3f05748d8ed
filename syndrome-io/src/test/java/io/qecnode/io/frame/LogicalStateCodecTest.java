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

        assertEquals(88, length);
        assertEquals(LogicalStateWriter.FRAME_LENGTH, length);
        assertEquals(57, LogicalStateWriter.V1_FRAME_LENGTH);
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
        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
    }

    @Test
    void shouldRoundTripEveryChainField()
    {
        final int length = writer.encode(buffer, OFFSET, 7, 8, 9, 0b01L, 10, 11, 12, LogicalStateFlags.INCOMPLETE,
            0xFFFF_FFFF_FFFF_FFFEL, 0xFFFF_FFFEL, 0x8000_0001L, 0xFFFF, 0x7FFF_FFFFL, 0b11L, ChainFlags.EPOCH_FAILED);

        assertEquals(LogicalStateWriter.FRAME_LENGTH, length);
        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
        assertEquals(2, view.version());
        assertTrue(view.hasChainFields());
        assertEquals(0xFFFF_FFFF_FFFF_FFFEL, view.epoch());
        assertEquals(0xFFFF_FFFEL, view.sourceNode());
        assertEquals(0x8000_0001L, view.destinationNode());
        assertEquals(0xFFFF, view.hopCount());
        assertEquals(0x7FFF_FFFFL, view.pathId());
        assertEquals(0b11L, view.chainCorrection());
        assertEquals(ChainFlags.EPOCH_FAILED, view.chainFlags());
        assertFalse(view.epochIncomplete());
        assertTrue(view.epochFailed());
        // The version 1 fields are untouched by their new neighbours.
        assertEquals(7, view.nodeId());
        assertEquals(8, view.logicalQubit());
        assertEquals(9, view.blockSequence());
        assertEquals(0b01L, view.frameBits());
        assertEquals(10, view.roundsDecoded());
        assertEquals(11, view.originTimestampNs());
        assertEquals(12, view.decodeTimeNs());
        assertEquals(LogicalStateFlags.INCOMPLETE, view.flags());
    }

    @Test
    void shouldRoundTripEveryChainFlagCombinationAndDropReservedBits()
    {
        for (int flags = 0; flags < 8; flags++)
        {
            writer.encode(buffer, OFFSET, 1, 2, 3, 0, 4, 5, 6, 0, flags, 1, 2, 1, 0, 0, flags | 0xF8);

            view.wrap(buffer, OFFSET);
            assertEquals(flags & ChainFlags.ALL, view.chainFlags(), "flags=" + flags);
            assertEquals((flags & ChainFlags.EPOCH_INCOMPLETE) != 0, view.epochIncomplete());
            assertEquals((flags & ChainFlags.EPOCH_FAILED) != 0, view.epochFailed());
            assertEquals(flags, view.epoch());
            assertTrue(view.isChecksumValid());
        }
    }

    @Test
    void shouldWriteNoChainAsNone()
    {
        final int length = writer.encode(buffer, OFFSET, 1, 2, 3, 0b10L, 4, 5, 6, 0);

        assertEquals(LogicalStateWriter.FRAME_LENGTH, length);
        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
        assertEquals(2, view.version());
        assertEquals(-1L, view.epoch());
        assertEquals(LogicalStateWriter.NO_EPOCH, view.epoch());
        assertEquals(0xFFFF_FFFFL, view.sourceNode());
        assertEquals(LogicalStateWriter.NO_NODE, view.sourceNode());
        assertEquals(LogicalStateWriter.NO_NODE, view.destinationNode());
        assertEquals(0xFFFF_FFFFL, view.pathId());
        assertEquals(LogicalStateWriter.NO_PATH, view.pathId());
        assertEquals(0, view.hopCount());
        assertEquals(0L, view.chainCorrection());
        assertEquals(0, view.chainFlags());
    }

    @Test
    void shouldRejectAFlippedByteInEveryAppendedField()
    {
        final int length = writer.encode(buffer, OFFSET, 1, 2, 3, 0b01L, 4, 5, 6, 0,
            42, 1, 2, 2, 9, 0b10L, ChainFlags.EPOCH_INCOMPLETE);

        for (int index = LogicalStateWriter.V1_FRAME_LENGTH; index < length; index++)
        {
            final byte original = buffer.getByte(OFFSET + index);
            buffer.putByte(OFFSET + index, (byte)(original ^ 0x5A));

            assertFalse(view.wrapAndVerify(buffer, OFFSET, length), "byte " + index);

            buffer.putByte(OFFSET + index, original);
        }
        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
    }

    @Test
    void shouldRejectAFrameWhoseLengthDisagreesWithItsHeaderOrVersion()
    {
        final int length = writer.encode(buffer, OFFSET, 1, 2, 3, 0b01L, 4, 5, 6, 0, 42, 1, 2, 2, 9, 0b10L, 0);

        assertFalse(view.wrapAndVerify(buffer, OFFSET, length - 1), "cut short");
        assertFalse(view.wrapAndVerify(buffer, OFFSET, length + 1), "longer than declared");
        assertFalse(view.wrapAndVerify(buffer, OFFSET, LogicalStateWriter.V1_FRAME_LENGTH - 1), "no whole header");

        // A version 2 header over a version 1 block: the chain fields would be read beyond the frame, so it is
        // rejected even with a checksum computed over what is there.
        buffer.putShort(OFFSET, (short)49, java.nio.ByteOrder.LITTLE_ENDIAN);
        final int checksumOffset = OFFSET + 52;
        buffer.putInt(checksumOffset, FrameChecksum.compute(buffer, OFFSET, 57, checksumOffset));
        assertFalse(view.wrapAndVerify(buffer, OFFSET, 57));
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
