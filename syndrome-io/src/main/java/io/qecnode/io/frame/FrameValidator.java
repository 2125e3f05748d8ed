package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.codec.MessageHeaderDecoder;
import io.qecnode.io.codec.SyndromeRoundDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Validates every inbound {@code SyndromeRound} frame before anything reads it, counts the outcome, and reports the
 * first occurrence of each kind of fault once. Bad frames come back as a {@link FrameCheck}, never as an exception.
 * <p>
 * Checks, in order; the first that fails decides the result:
 * <ol>
 *     <li>{@link FrameCheck#TOO_SHORT}: shorter than the message header, than header + block length + var data
 *     length field, or than the declared var data;</li>
 *     <li>{@link FrameCheck#TOO_LONG}: bytes beyond the declared content;</li>
 *     <li>{@link FrameCheck#UNKNOWN_SCHEMA}, {@link FrameCheck#UNSUPPORTED_VERSION} (1 up to the generated
 *     codecs' version), {@link FrameCheck#UNKNOWN_TEMPLATE};</li>
 *     <li>{@link FrameCheck#TOO_SHORT} again if the root block is shorter than {@code SyndromeRound}'s, which is
 *     only known once the template is;</li>
 *     <li>{@link FrameCheck#WRONG_DISTANCE}, {@link FrameCheck#WRONG_BIT_COUNT} against the {@link FrameLayout},
 *     {@link FrameCheck#UNKNOWN_BASIS};</li>
 *     <li>{@link FrameCheck#BAD_CHECKSUM};</li>
 *     <li>per source: {@link FrameCheck#TOO_MANY_SOURCES} for a source beyond the table, then the
 *     {@link SequenceTracker}'s verdict.</li>
 * </ol>
 * The length checks read the frame as the shape of a {@code SyndromeRound} (header, root block, one var data field),
 * which is the only message this validator accepts: a frame of another shape fails there first.
 * <p>
 * <b>Note:</b> single-threaded, and allocation-free except for the first report of each kind. The caller guarantees
 * that {@code [offset, offset + length)} lies within the buffer, as Aeron's fragment handlers do.
 */
public final class FrameValidator
{
    /**
     * Sequence reported for a frame that failed before its fields were readable.
     */
    public static final long UNKNOWN_SEQUENCE = -1L;

    private static final int HEADER_LENGTH = Frames.HEADER_LENGTH;
    private static final int VAR_LENGTH_FIELD_LENGTH = Frames.VAR_LENGTH_FIELD_LENGTH;
    private static final int MIN_VERSION = 1;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SyndromeRoundDecoder decoder = new SyndromeRoundDecoder();
    private final FrameLayout layout;
    private final FrameCounters counters;
    private final RejectionLog rejectionLog;
    private final SourceTable sources;
    private final boolean[] reported = new boolean[FrameCheck.values().length];
    private long lastMissingCount;

    // Facts about the current frame, kept for the once-per-kind report; only references to constants are stored.
    private boolean fieldsReadable;
    private long sequence;
    private long sourceNode;
    private String firstFactName;
    private long firstFact;
    private String secondFactName;
    private long secondFact;

    /**
     * @param layout       what valid frames of the configured code look like.
     * @param maxSources   number of sources whose sequences are tracked; frames from further sources are rejected.
     * @param counters     where outcomes are counted.
     * @param rejectionLog told about the first occurrence of each non-{@link FrameCheck#OK} outcome.
     */
    public FrameValidator(
        final FrameLayout layout, final int maxSources, final FrameCounters counters, final RejectionLog rejectionLog)
    {
        if (maxSources < 1)
        {
            throw new IllegalArgumentException("maxSources must be positive: maxSources=" + maxSources);
        }

        this.layout = layout;
        this.counters = counters;
        this.rejectionLog = rejectionLog;
        sources = new SourceTable(maxSources);
    }

    /**
     * Validate one frame, count the outcome, and report it if it is the first of its kind.
     *
     * @param buffer containing the frame.
     * @param offset at which the frame (its message header) begins.
     * @param length of the frame in bytes, as received.
     * @return the outcome; use the frame only if {@link FrameCheck#isAccepted()}.
     */
    public FrameCheck validate(final DirectBuffer buffer, final int offset, final int length)
    {
        final FrameCheck check = check(buffer, offset, length);
        record(check);

        return check;
    }

    /**
     * @return how many sequence numbers the last validated frame's gap skipped, 0 unless it was a
     *         {@link FrameCheck#GAP}.
     */
    public long lastMissingCount()
    {
        return lastMissingCount;
    }

    private FrameCheck check(final DirectBuffer buffer, final int offset, final int length)
    {
        fieldsReadable = false;
        lastMissingCount = 0;

        if (length < HEADER_LENGTH)
        {
            return fail(FrameCheck.TOO_SHORT, "length", length, "headerLength", HEADER_LENGTH);
        }

        final MessageHeaderDecoder headerDecoder = this.headerDecoder;
        headerDecoder.wrap(buffer, offset);
        final int blockLength = headerDecoder.blockLength();
        final int lengthFieldOffset = HEADER_LENGTH + blockLength;
        final int dataOffset = lengthFieldOffset + VAR_LENGTH_FIELD_LENGTH;
        if (length < dataOffset)
        {
            return fail(FrameCheck.TOO_SHORT, "length", length, "required", dataOffset);
        }

        final int dataLength = buffer.getShort(offset + lengthFieldOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int declaredLength = dataOffset + dataLength;
        if (length < declaredLength)
        {
            return fail(FrameCheck.TOO_SHORT, "length", length, "declared", declaredLength);
        }
        if (length > declaredLength)
        {
            return fail(FrameCheck.TOO_LONG, "length", length, "declared", declaredLength);
        }

        final int schemaId = headerDecoder.schemaId();
        if (schemaId != SyndromeRoundDecoder.SCHEMA_ID)
        {
            return fail(FrameCheck.UNKNOWN_SCHEMA, "schemaId", schemaId, "expected", SyndromeRoundDecoder.SCHEMA_ID);
        }

        final int version = headerDecoder.version();
        if (version < MIN_VERSION || version > SyndromeRoundDecoder.SCHEMA_VERSION)
        {
            return fail(FrameCheck.UNSUPPORTED_VERSION, "version", version, "supported",
                SyndromeRoundDecoder.SCHEMA_VERSION);
        }

        final int templateId = headerDecoder.templateId();
        if (templateId != SyndromeRoundDecoder.TEMPLATE_ID)
        {
            return fail(FrameCheck.UNKNOWN_TEMPLATE, "templateId", templateId, "expected",
                SyndromeRoundDecoder.TEMPLATE_ID);
        }

        if (blockLength < SyndromeRoundDecoder.BLOCK_LENGTH)
        {
            return fail(FrameCheck.TOO_SHORT, "blockLength", blockLength, "required",
                SyndromeRoundDecoder.BLOCK_LENGTH);
        }

        final SyndromeRoundDecoder decoder = this.decoder;
        decoder.wrap(buffer, offset + HEADER_LENGTH, blockLength, version);
        sequence = decoder.sequence();
        sourceNode = decoder.sourceNode();
        fieldsReadable = true;

        final FrameCheck contentCheck = checkContent(buffer, offset + dataOffset, dataLength);
        if (null != contentCheck)
        {
            return contentCheck;
        }

        final int checksum = (int)decoder.checksum();
        final int computed = FrameChecksum.compute(buffer, offset, length, offset + Frames.ROUND_CHECKSUM_OFFSET);
        if (checksum != computed)
        {
            return fail(FrameCheck.BAD_CHECKSUM, "checksum", checksum & 0xFFFF_FFFFL, "computed",
                computed & 0xFFFF_FFFFL);
        }

        return checkSequence();
    }

    private FrameCheck checkContent(final DirectBuffer buffer, final int dataOffset, final int dataLength)
    {
        final SyndromeRoundDecoder decoder = this.decoder;
        final FrameLayout layout = this.layout;

        final int distance = decoder.distance();
        if (distance != layout.distance())
        {
            return fail(FrameCheck.WRONG_DISTANCE, "distance", distance, "expected", layout.distance());
        }

        final int roundIndex = decoder.roundIndex();
        if (roundIndex >= layout.roundsPerBlock())
        {
            return fail(FrameCheck.WRONG_BIT_COUNT, "roundIndex", roundIndex, "roundsPerBlock",
                layout.roundsPerBlock());
        }

        final int detectorCount = decoder.detectorCount();
        final int expectedCount = layout.detectorCount(roundIndex);
        if (detectorCount != expectedCount)
        {
            return fail(FrameCheck.WRONG_BIT_COUNT, "detectorCount", detectorCount, "expected", expectedCount);
        }

        final int expectedDataLength = DetectorBits.byteLength(detectorCount);
        if (dataLength != expectedDataLength)
        {
            return fail(FrameCheck.WRONG_BIT_COUNT, "dataLength", dataLength, "expected", expectedDataLength);
        }

        if (!DetectorBits.isPaddingClear(buffer, dataOffset, detectorCount))
        {
            return fail(FrameCheck.WRONG_BIT_COUNT, "lastByte", buffer.getByte(dataOffset + dataLength - 1) & 0xFF,
                "detectorCount", detectorCount);
        }

        final short basis = decoder.basisRaw();
        if (basis != Basis.Z.value() && basis != Basis.X.value())
        {
            return fail(FrameCheck.UNKNOWN_BASIS, "basis", basis, null, 0);
        }

        return null;
    }

    private FrameCheck checkSequence()
    {
        final SequenceTracker tracker = sources.trackerFor(sourceNode);
        if (null == tracker)
        {
            return fail(FrameCheck.TOO_MANY_SOURCES, "sources", sources.count(), "maxSources", sources.capacity());
        }

        final long expected = tracker.expected();
        final FrameCheck check = tracker.onSequence(sequence);
        lastMissingCount = tracker.lastMissingCount();

        return check == FrameCheck.OK ? check : fail(check, "sequence", sequence, "expected", expected);
    }

    private FrameCheck fail(
        final FrameCheck check,
        final String firstFactName,
        final long firstFact,
        final String secondFactName,
        final long secondFact)
    {
        this.firstFactName = firstFactName;
        this.firstFact = firstFact;
        this.secondFactName = secondFactName;
        this.secondFact = secondFact;

        return check;
    }

    private void record(final FrameCheck check)
    {
        final FrameCounters counters = this.counters;
        if (check.isAccepted())
        {
            counters.increment(FrameCounter.ACCEPTED);
            if (lastMissingCount > 0)
            {
                counters.add(FrameCounter.MISSING, lastMissingCount);
            }
        }

        final FrameCounter counter = check.counter();
        if (null != counter)
        {
            counters.increment(counter);
            if (!reported[check.ordinal()])
            {
                reportFirst(check);
            }
        }
    }

    private void reportFirst(final FrameCheck check)
    {
        reported[check.ordinal()] = true;

        final StringBuilder detail = new StringBuilder(64);
        if (fieldsReadable)
        {
            detail.append("sourceNode=").append(sourceNode).append(", ");
        }
        detail.append(firstFactName).append('=').append(firstFact);
        if (null != secondFactName)
        {
            detail.append(", ").append(secondFactName).append('=').append(secondFact);
        }

        rejectionLog.onFirst(check, fieldsReadable ? sequence : UNKNOWN_SEQUENCE, detail.toString());
    }
}
