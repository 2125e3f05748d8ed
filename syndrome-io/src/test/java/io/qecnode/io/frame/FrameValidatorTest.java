package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.codec.HelloEncoder;
import io.qecnode.io.codec.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameValidatorTest
{
    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int VERSION_OFFSET = 6;
    private static final int DETECTOR_COUNT_OFFSET = 44;
    private static final int BASIS_OFFSET = 47;
    private static final int CHECKSUM_OFFSET = 48;
    private static final int DATA_LENGTH_OFFSET = 52;
    private static final int DATA_OFFSET = 54;
    private static final int MAX_SOURCES = 2;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final LongArrayFrameCounters counters = new LongArrayFrameCounters();
    private final List<String> reports = new ArrayList<>();
    private final FrameValidator validator = new FrameValidator(TestFrames.LAYOUT, MAX_SOURCES, counters,
        (check, sequence, detail) -> reports.add(check + " sequence=" + sequence + " " + detail));
    private final long[] words = new long[1];

    @Test
    void shouldAcceptAValidFrame()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);

        assertEquals(FrameCheck.OK, validator.validate(buffer, 0, length));
        assertEquals(1, counters.value(FrameCounter.ACCEPTED));
        assertEquals(0, counters.rejectedTotal());
        assertTrue(reports.isEmpty(), "plain OK frames are not reported");
    }

    @Test
    void shouldRejectFramesShorterThanTheHeader()
    {
        writeRound(TestFrames.SOURCE, 0);

        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, 0));
        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, 7));
        assertEquals(2, counters.value(FrameCounter.TOO_SHORT));
        assertEquals(List.of("TOO_SHORT sequence=-1 length=0, headerLength=8"), reports, "reported once");
    }

    @Test
    void shouldRejectFramesWithoutRoomForTheRootBlockAndLengthField()
    {
        writeRound(TestFrames.SOURCE, 0);

        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, DATA_OFFSET - 1));
        assertEquals(List.of("TOO_SHORT sequence=-1 length=53, required=54"), reports);
    }

    @Test
    void shouldRejectFramesShorterThanTheirDeclaredVarData()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);

        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, length - 1));
        assertEquals(List.of("TOO_SHORT sequence=-1 length=55, declared=56"), reports);
    }

    @Test
    void shouldRejectBytesBeyondTheDeclaredContent()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);

        assertEquals(FrameCheck.TOO_LONG, validator.validate(buffer, 0, length + 1));
        assertEquals(List.of("TOO_LONG sequence=-1 length=57, declared=56"), reports);
    }

    @Test
    void shouldRejectAnUnknownSchema()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);
        buffer.putShort(SCHEMA_ID_OFFSET, (short)1);

        assertEquals(FrameCheck.UNKNOWN_SCHEMA, validator.validate(buffer, 0, length));
        assertEquals(List.of("UNKNOWN_SCHEMA sequence=-1 schemaId=1, expected=20803"), reports);
    }

    @Test
    void shouldRejectVersionsOutsideOneToTheGeneratedVersion()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);

        buffer.putShort(VERSION_OFFSET, (short)0);
        assertEquals(FrameCheck.UNSUPPORTED_VERSION, validator.validate(buffer, 0, length));
        buffer.putShort(VERSION_OFFSET, (short)3);
        assertEquals(FrameCheck.UNSUPPORTED_VERSION, validator.validate(buffer, 0, length));
        assertEquals(2, counters.value(FrameCounter.UNSUPPORTED_VERSION));
        assertEquals(List.of("UNSUPPORTED_VERSION sequence=-1 version=0, supported=2"), reports);
    }

    @Test
    void shouldAcceptARoundFromAVersionOneSender()
    {
        // SyndromeRound did not change in version 2: a version 1 hardware bus stays a valid source.
        final int length = writeRound(TestFrames.SOURCE, 0);
        assertEquals(2, buffer.getShort(VERSION_OFFSET));
        buffer.putShort(VERSION_OFFSET, (short)1);
        buffer.putInt(CHECKSUM_OFFSET, FrameChecksum.compute(buffer, 0, length, CHECKSUM_OFFSET));

        assertEquals(FrameCheck.OK, validator.validate(buffer, 0, length));
        assertEquals(List.of(), reports);
    }

    @Test
    void shouldRejectAnotherTemplateOfTheSameShape()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);
        buffer.putShort(TEMPLATE_ID_OFFSET, (short)2);

        assertEquals(FrameCheck.UNKNOWN_TEMPLATE, validator.validate(buffer, 0, length));
        assertEquals(List.of("UNKNOWN_TEMPLATE sequence=-1 templateId=2, expected=1"), reports);
    }

    @Test
    void shouldRejectAHelloAsUnknownTemplateAndALogicalStateAtTheLengthChecks()
    {
        final HelloEncoder hello = new HelloEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .nodeId(1).linkFidelity(0.9).timestampNs(2).putSignature(new byte[16], 0, 16);
        final int helloLength = MessageHeaderEncoder.ENCODED_LENGTH + hello.encodedLength();
        assertEquals(FrameCheck.UNKNOWN_TEMPLATE, validator.validate(buffer, 0, helloLength));

        final int stateLength = new LogicalStateWriter().encode(buffer, 0, 1, 2, 3, 0, 4, 5, 6, 0);
        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, stateLength));
    }

    @Test
    void shouldRejectARootBlockShorterThanSyndromeRounds()
    {
        buffer.setMemory(0, 64, (byte)0);
        buffer.putShort(BLOCK_LENGTH_OFFSET, (short)40);
        buffer.putShort(TEMPLATE_ID_OFFSET, (short)1);
        buffer.putShort(SCHEMA_ID_OFFSET, (short)20803);
        buffer.putShort(VERSION_OFFSET, (short)1);

        assertEquals(FrameCheck.TOO_SHORT, validator.validate(buffer, 0, 8 + 40 + 2));
        assertEquals(List.of("TOO_SHORT sequence=-1 blockLength=40, required=44"), reports);
    }

    @Test
    void shouldAcceptALongerRootBlockAndReadPastIt()
    {
        final int length = writeRound(TestFrames.SOURCE, 1);
        final int extension = 4;
        buffer.putBytes(DATA_LENGTH_OFFSET + extension, buffer, DATA_LENGTH_OFFSET, length - DATA_LENGTH_OFFSET);
        buffer.putInt(DATA_LENGTH_OFFSET, 0xCAFE_BABE);
        buffer.putShort(BLOCK_LENGTH_OFFSET, (short)(44 + extension));
        fixChecksum(length + extension);

        assertEquals(FrameCheck.OK, validator.validate(buffer, 0, length + extension));
        final SyndromeRoundView view = new SyndromeRoundView().wrap(buffer, 0);
        assertEquals(length + extension, view.frameLength());
        assertEquals(TestFrames.BULK_DETECTORS, view.detectorCount());
        final long[] decoded = new long[1];
        view.copyDetectorsTo(decoded);
        assertEquals(TestFrames.lowBits(words[0], TestFrames.BULK_DETECTORS), decoded[0]);
    }

    @Test
    void shouldRejectAnotherCodeDistance()
    {
        final int length = writer.encode(buffer, 0, TestFrames.SOURCE, 1, 40, 0, 0, false, 3, Basis.Z, 0, words,
            TestFrames.BOUNDARY_DETECTORS);

        assertEquals(FrameCheck.WRONG_DISTANCE, validator.validate(buffer, 0, length));
        assertEquals(List.of("WRONG_DISTANCE sequence=40 sourceNode=7, distance=3, expected=5"), reports);
    }

    @Test
    void shouldRejectARoundIndexOutsideTheBlock()
    {
        final int length = writer.encode(buffer, 0, TestFrames.SOURCE, 1, 0, 0, TestFrames.ROUNDS, false,
            TestFrames.DISTANCE, Basis.Z, 0, words, TestFrames.BOUNDARY_DETECTORS);

        assertEquals(FrameCheck.WRONG_BIT_COUNT, validator.validate(buffer, 0, length));
        assertEquals(List.of("WRONG_BIT_COUNT sequence=0 sourceNode=7, roundIndex=6, roundsPerBlock=6"), reports);
    }

    @Test
    void shouldRejectADetectorCountOtherThanTheLayoutsForThatRound()
    {
        final int length = writer.encode(buffer, 0, TestFrames.SOURCE, 1, 0, 0, 0, false, TestFrames.DISTANCE,
            Basis.Z, 0, words, TestFrames.BULK_DETECTORS);

        assertEquals(FrameCheck.WRONG_BIT_COUNT, validator.validate(buffer, 0, length));
        assertEquals(List.of("WRONG_BIT_COUNT sequence=0 sourceNode=7, detectorCount=24, expected=12"), reports);
    }

    @Test
    void shouldRejectVarDataLongerThanTheDetectorCountNeeds()
    {
        final int length = writeRound(TestFrames.SOURCE, 1);
        buffer.putShort(DATA_LENGTH_OFFSET, (short)4);
        buffer.putByte(length, (byte)0);
        fixChecksum(length + 1);

        assertEquals(FrameCheck.WRONG_BIT_COUNT, validator.validate(buffer, 0, length + 1));
        assertEquals(List.of("WRONG_BIT_COUNT sequence=1 sourceNode=7, dataLength=4, expected=3"), reports);
    }

    @Test
    void shouldRejectSetPaddingBits()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);
        assertEquals(2, length - DATA_OFFSET, "12 detectors leave 4 padding bits in the second byte");
        buffer.putByte(length - 1, (byte)(buffer.getByte(length - 1) | 0x80));
        fixChecksum(length);

        assertEquals(FrameCheck.WRONG_BIT_COUNT, validator.validate(buffer, 0, length));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).endsWith(", detectorCount=12"), reports.get(0));
    }

    @Test
    void shouldRejectAnUnknownBasis()
    {
        final int length = writeRound(TestFrames.SOURCE, 0);
        buffer.putByte(BASIS_OFFSET, (byte)2);
        fixChecksum(length);

        assertEquals(FrameCheck.UNKNOWN_BASIS, validator.validate(buffer, 0, length));
        assertEquals(List.of("UNKNOWN_BASIS sequence=0 sourceNode=7, basis=2"), reports);
    }

    @Test
    void shouldRejectABadChecksum()
    {
        final int length = writeRound(TestFrames.SOURCE, 9);
        buffer.putByte(DATA_OFFSET, (byte)(buffer.getByte(DATA_OFFSET) ^ 1));

        assertEquals(FrameCheck.BAD_CHECKSUM, validator.validate(buffer, 0, length));
        assertEquals(1, counters.value(FrameCounter.BAD_CHECKSUM));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("BAD_CHECKSUM sequence=9 sourceNode=7, checksum="), reports.get(0));
    }

    @Test
    void shouldCheckInTheDocumentedOrder()
    {
        final int length = writer.encode(buffer, 0, TestFrames.SOURCE, 1, 0, 0, TestFrames.ROUNDS, false, 3,
            Basis.Z, 0, words, 60);
        buffer.putByte(DATA_OFFSET, (byte)(buffer.getByte(DATA_OFFSET) ^ 1));
        assertEquals(FrameCheck.WRONG_DISTANCE, validator.validate(buffer, 0, length), "before bit count, checksum");

        buffer.putShort(VERSION_OFFSET, (short)9);
        buffer.putShort(SCHEMA_ID_OFFSET, (short)9);
        assertEquals(FrameCheck.UNKNOWN_SCHEMA, validator.validate(buffer, 0, length), "schema before version");
        assertEquals(FrameCheck.TOO_LONG, validator.validate(buffer, 0, length + 1), "lengths before schema");
    }

    @Test
    void shouldCountGapsAndTheFramesMissingInThem()
    {
        validate(TestFrames.SOURCE, 10, FrameCheck.OK);
        validate(TestFrames.SOURCE, 11, FrameCheck.OK);
        validate(TestFrames.SOURCE, 15, FrameCheck.GAP);
        assertEquals(3, validator.lastMissingCount());
        validate(TestFrames.SOURCE, 20, FrameCheck.GAP);
        validate(TestFrames.SOURCE, 21, FrameCheck.OK);
        assertEquals(0, validator.lastMissingCount());

        assertEquals(5, counters.value(FrameCounter.ACCEPTED));
        assertEquals(2, counters.value(FrameCounter.GAPS));
        assertEquals(7, counters.value(FrameCounter.MISSING));
        assertEquals(List.of("GAP sequence=15 sourceNode=7, sequence=15, expected=12"), reports);
    }

    @Test
    void shouldRejectALateFrameAfterAGapAsOutOfOrderAndARepeatAsDuplicate()
    {
        validate(TestFrames.SOURCE, 0, FrameCheck.OK);
        validate(TestFrames.SOURCE, 3, FrameCheck.GAP);
        validate(TestFrames.SOURCE, 2, FrameCheck.OUT_OF_ORDER);
        validate(TestFrames.SOURCE, 2, FrameCheck.DUPLICATE);
        validate(TestFrames.SOURCE, 3, FrameCheck.DUPLICATE);
        validate(TestFrames.SOURCE, 4, FrameCheck.OK);

        assertEquals(3, counters.value(FrameCounter.ACCEPTED));
        assertEquals(1, counters.value(FrameCounter.OUT_OF_ORDER));
        assertEquals(2, counters.value(FrameCounter.DUPLICATE));
        assertEquals(List.of(
            "GAP sequence=3 sourceNode=7, sequence=3, expected=1",
            "OUT_OF_ORDER sequence=2 sourceNode=7, sequence=2, expected=4",
            "DUPLICATE sequence=2 sourceNode=7, sequence=2, expected=4"), reports);
    }

    @Test
    void shouldAcceptARestartAndResynchronise()
    {
        validate(TestFrames.SOURCE, 5_000, FrameCheck.OK);
        validate(TestFrames.SOURCE, 5_001, FrameCheck.OK);
        validate(TestFrames.SOURCE, 0, FrameCheck.RESTART);
        validate(TestFrames.SOURCE, 1, FrameCheck.OK);
        validate(TestFrames.SOURCE, 9_000, FrameCheck.GAP);
        validate(TestFrames.SOURCE, 9_000 - SequenceTracker.WINDOW - 1, FrameCheck.RESTART);

        assertEquals(6, counters.value(FrameCounter.ACCEPTED));
        assertEquals(2, counters.value(FrameCounter.RESTARTS));
        assertEquals(0, counters.rejectedTotal());
    }

    @Test
    void shouldTrackEachSourceSeparatelyAndRejectSourcesBeyondTheTable()
    {
        validate(1, 100, FrameCheck.OK);
        validate(2, 0, FrameCheck.OK);
        validate(1, 101, FrameCheck.OK);
        validate(2, 1, FrameCheck.OK);
        validate(3, 0, FrameCheck.TOO_MANY_SOURCES);
        validate(2, 2, FrameCheck.OK);

        assertEquals(1, counters.value(FrameCounter.TOO_MANY_SOURCES));
        assertEquals(List.of("TOO_MANY_SOURCES sequence=0 sourceNode=3, sources=2, maxSources=2"), reports);
    }

    @Test
    void shouldReportEachKindOnceAndCountEveryFrame()
    {
        for (int i = 0; i < 3; i++)
        {
            validator.validate(buffer, 0, 3);
            validate(TestFrames.SOURCE, 0, i == 0 ? FrameCheck.OK : FrameCheck.DUPLICATE);
        }

        assertEquals(2, reports.size(), reports.toString());
        assertEquals(1, counters.value(FrameCounter.ACCEPTED));
        assertEquals(3, counters.value(FrameCounter.TOO_SHORT));
        assertEquals(2, counters.value(FrameCounter.DUPLICATE));
        assertEquals(6, counters.value(FrameCounter.ACCEPTED) + counters.rejectedTotal());
    }

    private void validate(final long source, final long sequence, final FrameCheck expected)
    {
        final int length = writeRound(source, sequence);
        assertEquals(expected, validator.validate(buffer, 0, length), "source=" + source + ", sequence=" + sequence);
    }

    private int writeRound(final long source, final long sequence)
    {
        return TestFrames.writeRound(writer, buffer, 0, source, sequence, words, new SplittableRandom(sequence));
    }

    private void fixChecksum(final int length)
    {
        buffer.putInt(CHECKSUM_OFFSET, FrameChecksum.compute(buffer, 0, length, CHECKSUM_OFFSET));
    }
}
