package io.qecnode.io.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins version 2 of the wire format: ids, block lengths and field offsets must not move, or nodes built from
 * different versions of the schema stop understanding each other. Version 1's fields keep their version 1 places,
 * pinned here against the generated version 1 codecs as well.
 */
class WireSchemaTest
{
    @Test
    void shouldKeepTheSchemaIdentity()
    {
        assertEquals(20803, SyndromeRoundDecoder.SCHEMA_ID);
        assertEquals(2, SyndromeRoundDecoder.SCHEMA_VERSION);
        assertEquals(1, io.qecnode.io.codec.v1.SyndromeRoundDecoder.SCHEMA_VERSION);
        assertEquals(20803, io.qecnode.io.codec.v1.SyndromeRoundDecoder.SCHEMA_ID);
        assertEquals(java.nio.ByteOrder.LITTLE_ENDIAN, SyndromeRoundDecoder.BYTE_ORDER);
        assertEquals(8, MessageHeaderDecoder.ENCODED_LENGTH);
        assertEquals(1, SyndromeRoundDecoder.TEMPLATE_ID);
        assertEquals(2, LogicalStateDecoder.TEMPLATE_ID);
        assertEquals(3, HelloDecoder.TEMPLATE_ID);
        assertEquals(4, BellMeasurementDecoder.TEMPLATE_ID);
        assertEquals(5, QHelloDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldKeepTheSyndromeRoundLayout()
    {
        assertEquals(44, SyndromeRoundDecoder.BLOCK_LENGTH);
        assertEquals(io.qecnode.io.codec.v1.SyndromeRoundDecoder.BLOCK_LENGTH, SyndromeRoundDecoder.BLOCK_LENGTH);
        assertField(1, 0, SyndromeRoundDecoder.sourceNodeId(), SyndromeRoundDecoder.sourceNodeEncodingOffset());
        assertField(2, 4, SyndromeRoundDecoder.logicalQubitId(), SyndromeRoundDecoder.logicalQubitEncodingOffset());
        assertField(3, 8, SyndromeRoundDecoder.sequenceId(), SyndromeRoundDecoder.sequenceEncodingOffset());
        assertField(4, 16, SyndromeRoundDecoder.blockIndexId(), SyndromeRoundDecoder.blockIndexEncodingOffset());
        assertField(5, 24, SyndromeRoundDecoder.emitTimestampNsId(),
            SyndromeRoundDecoder.emitTimestampNsEncodingOffset());
        assertField(6, 32, SyndromeRoundDecoder.roundIndexId(), SyndromeRoundDecoder.roundIndexEncodingOffset());
        assertField(7, 34, SyndromeRoundDecoder.distanceId(), SyndromeRoundDecoder.distanceEncodingOffset());
        assertField(8, 36, SyndromeRoundDecoder.detectorCountId(), SyndromeRoundDecoder.detectorCountEncodingOffset());
        assertField(9, 38, SyndromeRoundDecoder.flagsId(), SyndromeRoundDecoder.flagsEncodingOffset());
        assertField(10, 39, SyndromeRoundDecoder.basisId(), SyndromeRoundDecoder.basisEncodingOffset());
        assertField(11, 40, SyndromeRoundDecoder.checksumId(), SyndromeRoundDecoder.checksumEncodingOffset());
        assertEquals(12, SyndromeRoundDecoder.detectorsId());
        assertEquals(2, SyndromeRoundDecoder.detectorsHeaderLength());
        assertEquals(0, Basis.Z.value());
        assertEquals(1, Basis.X.value());
        assertEquals(1, RoundFlagsEncoder.endOfBlock((byte)0, true));
    }

    @Test
    void shouldKeepTheLogicalStateLayout()
    {
        assertEquals(80, LogicalStateDecoder.BLOCK_LENGTH);
        assertEquals(49, io.qecnode.io.codec.v1.LogicalStateDecoder.BLOCK_LENGTH);
        assertField(1, 0, LogicalStateDecoder.nodeIdId(), LogicalStateDecoder.nodeIdEncodingOffset());
        assertField(2, 4, LogicalStateDecoder.logicalQubitId(), LogicalStateDecoder.logicalQubitEncodingOffset());
        assertField(3, 8, LogicalStateDecoder.blockSequenceId(), LogicalStateDecoder.blockSequenceEncodingOffset());
        assertField(4, 16, LogicalStateDecoder.frameBitsId(), LogicalStateDecoder.frameBitsEncodingOffset());
        assertField(5, 24, LogicalStateDecoder.originTimestampNsId(),
            LogicalStateDecoder.originTimestampNsEncodingOffset());
        assertField(6, 32, LogicalStateDecoder.decodeTimeNsId(), LogicalStateDecoder.decodeTimeNsEncodingOffset());
        assertField(7, 40, LogicalStateDecoder.roundsDecodedId(), LogicalStateDecoder.roundsDecodedEncodingOffset());
        assertField(8, 44, LogicalStateDecoder.checksumId(), LogicalStateDecoder.checksumEncodingOffset());
        assertField(9, 48, LogicalStateDecoder.flagsId(), LogicalStateDecoder.flagsEncodingOffset());
        assertEquals(48, io.qecnode.io.codec.v1.LogicalStateDecoder.flagsEncodingOffset());
        assertEquals(44, io.qecnode.io.codec.v1.LogicalStateDecoder.checksumEncodingOffset());
    }

    @Test
    void shouldAppendTheChainFieldsAlignedSinceVersionTwo()
    {
        assertField(10, 49, LogicalStateDecoder.chainFlagsId(), LogicalStateDecoder.chainFlagsEncodingOffset());
        assertField(11, 50, LogicalStateDecoder.hopCountId(), LogicalStateDecoder.hopCountEncodingOffset());
        assertField(12, 52, LogicalStateDecoder.sourceNodeId(), LogicalStateDecoder.sourceNodeEncodingOffset());
        assertField(13, 56, LogicalStateDecoder.epochId(), LogicalStateDecoder.epochEncodingOffset());
        assertField(14, 64, LogicalStateDecoder.destinationNodeId(),
            LogicalStateDecoder.destinationNodeEncodingOffset());
        assertField(15, 68, LogicalStateDecoder.pathIdId(), LogicalStateDecoder.pathIdEncodingOffset());
        assertField(16, 72, LogicalStateDecoder.chainCorrectionId(),
            LogicalStateDecoder.chainCorrectionEncodingOffset());
        assertEquals(2, LogicalStateDecoder.chainFlagsSinceVersion());
        assertEquals(2, LogicalStateDecoder.hopCountSinceVersion());
        assertEquals(2, LogicalStateDecoder.sourceNodeSinceVersion());
        assertEquals(2, LogicalStateDecoder.epochSinceVersion());
        assertEquals(2, LogicalStateDecoder.destinationNodeSinceVersion());
        assertEquals(2, LogicalStateDecoder.pathIdSinceVersion());
        assertEquals(2, LogicalStateDecoder.chainCorrectionSinceVersion());
        assertEquals(1, ChainFlagsEncoder.epochIncomplete((byte)0, true));
        assertEquals(2, ChainFlagsEncoder.epochFailed((byte)0, true));
    }

    @Test
    void shouldKeepTheHelloLayout()
    {
        assertEquals(20, HelloDecoder.BLOCK_LENGTH);
        assertEquals(io.qecnode.io.codec.v1.HelloDecoder.BLOCK_LENGTH, HelloDecoder.BLOCK_LENGTH);
        assertField(1, 0, HelloDecoder.timestampNsId(), HelloDecoder.timestampNsEncodingOffset());
        assertField(2, 8, HelloDecoder.linkFidelityId(), HelloDecoder.linkFidelityEncodingOffset());
        assertField(3, 16, HelloDecoder.nodeIdId(), HelloDecoder.nodeIdEncodingOffset());
        assertEquals(4, HelloDecoder.signatureId());
    }

    @Test
    void shouldKeepTheQHelloLayout()
    {
        assertEquals(5, QHelloDecoder.TEMPLATE_ID);
        assertEquals(76, QHelloDecoder.BLOCK_LENGTH);
        assertField(1, 0, QHelloDecoder.sequenceId(), QHelloDecoder.sequenceEncodingOffset());
        assertField(2, 8, QHelloDecoder.timestampNsId(), QHelloDecoder.timestampNsEncodingOffset());
        assertField(3, 16, QHelloDecoder.echoTimestampNsId(), QHelloDecoder.echoTimestampNsEncodingOffset());
        assertField(4, 24, QHelloDecoder.echoHoldNsId(), QHelloDecoder.echoHoldNsEncodingOffset());
        assertField(5, 32, QHelloDecoder.pathIdId(), QHelloDecoder.pathIdEncodingOffset());
        assertField(6, 40, QHelloDecoder.linkFidelityId(), QHelloDecoder.linkFidelityEncodingOffset());
        assertField(7, 48, QHelloDecoder.latencyNsId(), QHelloDecoder.latencyNsEncodingOffset());
        assertField(8, 56, QHelloDecoder.nodeIdId(), QHelloDecoder.nodeIdEncodingOffset());
        assertField(9, 60, QHelloDecoder.neighbourIdId(), QHelloDecoder.neighbourIdEncodingOffset());
        assertField(10, 64, QHelloDecoder.kemKindId(), QHelloDecoder.kemKindEncodingOffset());
        assertField(11, 68, QHelloDecoder.kemGenerationId(), QHelloDecoder.kemGenerationEncodingOffset());
        assertField(12, 72, QHelloDecoder.installedGenerationId(),
            QHelloDecoder.installedGenerationEncodingOffset());
        assertEquals(13, QHelloDecoder.kemId());
        assertEquals(14, QHelloDecoder.signatureId());
        assertEquals(2, QHelloDecoder.kemHeaderLength());
        assertEquals(2, QHelloDecoder.signatureHeaderLength());
    }

    private static void assertField(final int id, final int offset, final int actualId, final int actualOffset)
    {
        assertEquals(id, actualId, "field id");
        assertEquals(offset, actualOffset, "offset of field id=" + id);
    }
}
