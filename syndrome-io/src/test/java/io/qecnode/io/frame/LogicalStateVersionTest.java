package io.qecnode.io.frame;

import io.qecnode.io.codec.v1.LogicalStateDecoder;
import io.qecnode.io.codec.v1.LogicalStateEncoder;
import io.qecnode.io.codec.v1.MessageHeaderDecoder;
import io.qecnode.io.codec.v1.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions meet on the wire: the codecs of version 1 of the schema (generated for the tests only, from the copy in
 * src/test/resources/sbe) read what this build writes, and this build reads what version 1 wrote.
 */
class LogicalStateVersionTest
{
    private static final int OFFSET = 3;
    private static final int CHECKSUM_OFFSET_IN_FRAME = 52;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + 256]);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final LogicalStateView view = new LogicalStateView();
    private final MessageHeaderDecoder v1Header = new MessageHeaderDecoder();
    private final LogicalStateDecoder v1Decoder = new LogicalStateDecoder();

    @Test
    void shouldBeReadByAVersionOneReaderFieldByField()
    {
        final int length = writer.encode(buffer, OFFSET, 0xFFFF_FFFEL, 0x8000_0000L, -3L, 0b10L, 0xFFFF_FFFFL,
            Long.MIN_VALUE, Long.MAX_VALUE, LogicalStateFlags.FALLBACK | LogicalStateFlags.CLEAN_BLOCK,
            77, 1, 2, 1, 5, 0b11L, ChainFlags.EPOCH_INCOMPLETE | ChainFlags.EPOCH_FAILED);

        // What a version 1 node does: honour the header's block length and version, read its own fields.
        v1Header.wrap(buffer, OFFSET);
        assertEquals(LogicalStateDecoder.SCHEMA_ID, v1Header.schemaId());
        assertEquals(LogicalStateDecoder.TEMPLATE_ID, v1Header.templateId());
        assertEquals(2, v1Header.version());
        assertEquals(length - MessageHeaderDecoder.ENCODED_LENGTH, v1Header.blockLength());
        v1Decoder.wrap(buffer, OFFSET + MessageHeaderDecoder.ENCODED_LENGTH, v1Header.blockLength(),
            v1Header.version());

        assertEquals(0xFFFF_FFFEL, v1Decoder.nodeId());
        assertEquals(0x8000_0000L, v1Decoder.logicalQubit());
        assertEquals(-3L, v1Decoder.blockSequence());
        assertEquals(0b10L, v1Decoder.frameBits());
        assertEquals(Long.MIN_VALUE, v1Decoder.originTimestampNs());
        assertEquals(Long.MAX_VALUE, v1Decoder.decodeTimeNs());
        assertEquals(0xFFFF_FFFFL, v1Decoder.roundsDecoded());
        assertTrue(v1Decoder.flags().fallback());
        assertFalse(v1Decoder.flags().incomplete());
        assertTrue(v1Decoder.flags().cleanBlock());
        assertEquals(LogicalStateFlags.FALLBACK | LogicalStateFlags.CLEAN_BLOCK, v1Decoder.flags().getRaw());
        // Version 1's checksum rule, whole frame as declared minus the checksum field, holds over the longer frame.
        final int declaredLength = MessageHeaderDecoder.ENCODED_LENGTH + v1Header.blockLength();
        final int checksumOffset =
            OFFSET + MessageHeaderDecoder.ENCODED_LENGTH + LogicalStateDecoder.checksumEncodingOffset();
        assertEquals((int)v1Decoder.checksum(), FrameChecksum.compute(buffer, OFFSET, declaredLength, checksumOffset));
    }

    @Test
    void shouldLetAVersionOneReaderStepOverTheAppendedFieldsToTheNextFrame()
    {
        final int first = writer.encode(buffer, OFFSET, 1, 2, 10, 0b01L, 4, 5, 6, 0, 7, 1, 2, 1, 9, 0b10L, 0);
        writer.encode(buffer, OFFSET + first, 1, 2, 11, 0b11L, 4, 5, 6, 0, 8, 1, 2, 1, 9, 0b01L, 0);

        v1Header.wrap(buffer, OFFSET);
        final int next = OFFSET + MessageHeaderDecoder.ENCODED_LENGTH + v1Header.blockLength();
        v1Header.wrap(buffer, next);
        v1Decoder.wrap(buffer, next + MessageHeaderDecoder.ENCODED_LENGTH, v1Header.blockLength(),
            v1Header.version());

        assertEquals(11, v1Decoder.blockSequence());
        assertEquals(0b11L, v1Decoder.frameBits());
    }

    @Test
    void shouldReadAVersionOneFrameWithTheChainFieldsAtNone()
    {
        final int length = writeVersionOne(0xFFFF_FFFEL, 0x8000_0000L, -3L, 0b11L, 0xFFFF_FFFFL, Long.MIN_VALUE,
            Long.MAX_VALUE);

        assertEquals(LogicalStateWriter.V1_FRAME_LENGTH, length);
        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
        assertEquals(1, view.version());
        assertFalse(view.hasChainFields());
        assertEquals(length, view.frameLength());
        assertEquals(0xFFFF_FFFEL, view.nodeId());
        assertEquals(0x8000_0000L, view.logicalQubit());
        assertEquals(-3L, view.blockSequence());
        assertEquals(0b11L, view.frameBits());
        assertEquals(0xFFFF_FFFFL, view.roundsDecoded());
        assertEquals(Long.MIN_VALUE, view.originTimestampNs());
        assertEquals(Long.MAX_VALUE, view.decodeTimeNs());
        assertEquals(LogicalStateFlags.INCOMPLETE, view.flags());
        assertEquals(LogicalStateWriter.NO_EPOCH, view.epoch());
        assertEquals(LogicalStateWriter.NO_NODE, view.sourceNode());
        assertEquals(LogicalStateWriter.NO_NODE, view.destinationNode());
        assertEquals(LogicalStateWriter.NO_PATH, view.pathId());
        assertEquals(0, view.hopCount());
        assertEquals(0L, view.chainCorrection());
        assertEquals(0, view.chainFlags());
        assertFalse(view.epochIncomplete());
        assertFalse(view.epochFailed());
    }

    @Test
    void shouldReadAVersionOneFrameWithoutLookingPastIt()
    {
        // Bytes after a version 1 frame (the next frame, a term's padding) are not part of it.
        buffer.setMemory(OFFSET, 128, (byte)0x5A);
        final int length = writeVersionOne(1, 2, 3, 0b01L, 4, 5, 6);

        assertTrue(view.wrapAndVerify(buffer, OFFSET, length));
        assertEquals(LogicalStateWriter.NO_EPOCH, view.epoch());
        assertEquals(0L, view.chainCorrection());
        assertEquals(0, view.chainFlags());
    }

    @Test
    void shouldRejectAVersionOneFrameWithAFlippedByte()
    {
        final int length = writeVersionOne(1, 2, 3, 0b01L, 4, 5, 6);
        buffer.putByte(OFFSET + 30, (byte)(buffer.getByte(OFFSET + 30) ^ 1));

        assertFalse(view.wrapAndVerify(buffer, OFFSET, length));
    }

    /** What a version 1 node sends: its own generated encoder, its own checksum rule. */
    private int writeVersionOne(
        final long nodeId,
        final long logicalQubit,
        final long blockSequence,
        final long frameBits,
        final long roundsDecoded,
        final long originTimestampNs,
        final long decodeTimeNs)
    {
        final LogicalStateEncoder encoder = new LogicalStateEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .nodeId(nodeId)
            .logicalQubit(logicalQubit)
            .blockSequence(blockSequence)
            .frameBits(frameBits)
            .originTimestampNs(originTimestampNs)
            .decodeTimeNs(decodeTimeNs)
            .roundsDecoded(roundsDecoded);
        encoder.flags().clear().incomplete(true);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final int checksumOffset = OFFSET + CHECKSUM_OFFSET_IN_FRAME;
        encoder.checksum(FrameChecksum.compute(buffer, OFFSET, length, checksumOffset) & 0xFFFF_FFFFL);

        return length;
    }
}
