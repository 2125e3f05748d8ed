package io.qecnode.io.frame;

import io.qecnode.io.codec.Basis;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path, writer to validator to view, allocates nothing once warm: valid frames, rejected frames, the atomic
 * counters and logical state frames included.
 */
class FrameAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_FRAMES = 300_000;
    private static final int MEASURED_FRAMES = 100_000;
    private static final int REJECT_EVERY = 16;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer stateBuffer = new UnsafeBuffer(new byte[128]);
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final SyndromeRoundView view = new SyndromeRoundView();
    private final LogicalStateWriter stateWriter = new LogicalStateWriter();
    private final LogicalStateView stateView = new LogicalStateView();
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));
    private final AtomicFrameCounters counters = AtomicFrameCounters.allocate(countersManager);
    private final FrameValidator validator =
        new FrameValidator(TestFrames.LAYOUT, 1, counters, (check, sequence, detail) -> {});
    private final long[] words = new long[1];
    private final long[] decoded = new long[1];
    private final int[] fired = new int[TestFrames.BULK_DETECTORS];
    private long sequence;
    private long sink;

    @Test
    void shouldEncodeValidateAndDecodeWithoutAllocating()
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        final Runnable measured = () -> run(MEASURED_FRAMES);
        run(WARM_UP_FRAMES);

        // A real per-frame allocation shows in every window; a one-off while the JIT settles shows in one. So the
        // best of three windows must be exactly zero.
        long bytes = Long.MAX_VALUE;
        int windows = 0;
        while (windows < 3 && bytes != 0)
        {
            bytes = Math.min(bytes, bytesAllocatedBy(measured));
            windows++;
        }

        assertEquals(0, bytes, "bytes allocated by " + MEASURED_FRAMES + " frames");
        final long frames = WARM_UP_FRAMES + (long)windows * MEASURED_FRAMES;
        assertEquals(frames, counters.counter(FrameCounter.ACCEPTED).get());
        assertEquals(frames / REJECT_EVERY, counters.counter(FrameCounter.BAD_CHECKSUM).get());
        assertTrue(sink != 0);
    }

    private void run(final int frames)
    {
        for (int i = 0; i < frames; i++)
        {
            final long sequence = this.sequence++;
            final int roundIndex = (int)(sequence % TestFrames.ROUNDS);
            final int detectorCount = TestFrames.DETECTOR_COUNTS[roundIndex];
            words[0] = sequence * 0x9E37_79B9_7F4A_7C15L;
            final int length = writer.encode(buffer, 0, TestFrames.SOURCE, TestFrames.LOGICAL_QUBIT, sequence,
                sequence / TestFrames.ROUNDS, roundIndex, roundIndex == TestFrames.ROUNDS - 1, TestFrames.DISTANCE,
                Basis.Z, sequence, words, detectorCount);

            if (i % REJECT_EVERY == 0)
            {
                buffer.putByte(length - 1, (byte)(buffer.getByte(length - 1) ^ 1));
                expect(FrameCheck.BAD_CHECKSUM, validator.validate(buffer, 0, length));
                buffer.putByte(length - 1, (byte)(buffer.getByte(length - 1) ^ 1));
            }
            expect(FrameCheck.OK, validator.validate(buffer, 0, length));

            view.wrap(buffer, 0);
            sink += view.sourceNode() + view.logicalQubit() + view.sequence() + view.blockIndex() + view.roundIndex() +
                view.distance() + view.basis().value() + view.emitTimestampNs() + view.detectorCount() +
                view.firedDetectors(fired) + view.copyDetectorsTo(decoded) + decoded[0] + (view.detector(0) ? 1 : 0);

            if (view.endOfBlock())
            {
                final int stateLength = stateWriter.encode(stateBuffer, 0, 1, view.logicalQubit(), view.blockIndex(),
                    sink & 3, TestFrames.ROUNDS, view.emitTimestampNs(), 100, LogicalStateFlags.CLEAN_BLOCK,
                    view.blockIndex(), 1, 2, 1, 9, sink & 3, ChainFlags.EPOCH_INCOMPLETE);
                sink += stateView.wrapAndVerify(stateBuffer, 0, stateLength) ? 1 : 0;
                sink += stateView.frameBits() + stateView.blockSequence() + stateView.epoch() +
                    stateView.sourceNode() + stateView.destinationNode() + stateView.hopCount() + stateView.pathId() +
                    stateView.chainCorrection() + stateView.chainFlags() + (stateView.epochFailed() ? 1 : 0);
                stateWriter.encode(stateBuffer, 0, 1, view.logicalQubit(), view.blockIndex(), sink & 3,
                    TestFrames.ROUNDS, view.emitTimestampNs(), 100, LogicalStateFlags.CLEAN_BLOCK);
                sink += stateView.wrap(stateBuffer, 0).epoch() + (stateView.isChecksumValid() ? 1 : 0);
            }
        }
    }

    private static void expect(final FrameCheck expected, final FrameCheck actual)
    {
        if (expected != actual)
        {
            throw new AssertionError("expected=" + expected + ", actual=" + actual);
        }
    }

    /**
     * Bytes the section allocated on this thread; reading the counter allocates a little itself, so the cheapest of a
     * few back-to-back reads is subtracted.
     */
    static long bytesAllocatedBy(final Runnable section)
    {
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++)
        {
            final long first = THREADS.getCurrentThreadAllocatedBytes();
            overhead = Math.min(overhead, THREADS.getCurrentThreadAllocatedBytes() - first);
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        section.run();

        return THREADS.getCurrentThreadAllocatedBytes() - before - overhead;
    }
}
