package io.qecnode.decoder.shots;

import io.qecnode.decoder.experiment.AllocationMeter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import static io.qecnode.decoder.shots.ShotTestSupport.randomShots;
import static io.qecnode.decoder.shots.ShotTestSupport.toSparse;
import static io.qecnode.decoder.shots.ShotTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reading and writing allocate nothing per shot once warmed up: 100,000 shots are streamed from an in-memory stream
 * that replays one block of shots (or written, as shots and as prediction masks, to a stream that discards them), and
 * the thread's allocation counter must not move by a single byte.
 * <p>
 * Up to {@value #WINDOWS} windows of 100,000 shots are measured and one must read exactly 0 bytes: a real per-shot
 * allocation shows in every window (100,000 shots of at least 16 bytes each), while a one-off JIT event such as a
 * deoptimisation back into the interpreter can touch one window only.
 */
class ShotAllocationTest
{
    private static final int MEASURED_SHOTS = 100_000;
    private static final int WARM_UP_SHOTS = 200_000;
    // A multiple of 64, as ptb64 needs.
    private static final int BLOCK_SHOTS = 512;
    private static final int WINDOWS = 3;

    @Test
    void shouldReadB8ShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.B8, ShotLayout.detectors(4896));
    }

    @Test
    void shouldReadB8ShotsWithAppendedObservablesWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.B8, ShotLayout.detectorsWithObservables(120, 3));
    }

    @Test
    void shouldReadB8MasksWithoutAllocating() throws IOException
    {
        assertReadsMasksWithoutAllocating(ShotFormat.B8, ShotLayout.observables(1));
    }

    @Test
    void shouldRead01ShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.TEXT_01, ShotLayout.detectorsWithObservables(120, 1));
    }

    @Test
    void shouldReadR8ShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.R8, ShotLayout.detectorsWithObservables(600, 2));
    }

    @Test
    void shouldReadR8MasksWithoutAllocating() throws IOException
    {
        assertReadsMasksWithoutAllocating(ShotFormat.R8, ShotLayout.observables(1));
    }

    @Test
    void shouldReadHitsShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.HITS, ShotLayout.detectorsWithObservables(336, 2));
    }

    @Test
    void shouldReadPtb64ShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.PTB64, ShotLayout.detectorsWithObservables(600, 2));
    }

    @Test
    void shouldReadPtb64MasksWithoutAllocating() throws IOException
    {
        assertReadsMasksWithoutAllocating(ShotFormat.PTB64, ShotLayout.observables(1));
    }

    @Test
    void shouldReadDetsShotsWithoutAllocating() throws IOException
    {
        assertReadsWithoutAllocating(ShotFormat.DETS, ShotLayout.detectorsWithObservables(336, 1));
    }

    @Test
    void shouldWriteEveryFormatWithoutAllocating() throws IOException
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            assertWritesWithoutAllocating(format, ShotLayout.detectorsWithObservables(600, 2));
        }
    }

    @Test
    void shouldWriteEveryFormatsMasksWithoutAllocating() throws IOException
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            assertWritesMasksWithoutAllocating(format, ShotLayout.observables(2));
        }
    }

    private static void assertReadsWithoutAllocating(final ShotFormat format, final ShotLayout layout)
        throws IOException
    {
        final byte[] block = write(format, layout, randomShots(layout.bitCount(), BLOCK_SHOTS, 99));
        final SparseShot shot = SparseShot.forLayout(layout);
        final long[] events = new long[1];
        try (ShotReader reader = ShotReader.open(format, new RepeatingInputStream(block, totalLength(block)), layout))
        {
            readShots(reader, shot, WARM_UP_SHOTS);
            assertNoAllocationInSomeWindow(format + " " + layout,
                () -> events[0] += readShots(reader, shot, MEASURED_SHOTS));
            assertTrue(events[0] > 0);
        }
    }

    private static void assertReadsMasksWithoutAllocating(final ShotFormat format, final ShotLayout layout)
        throws IOException
    {
        final byte[] block = write(format, layout, randomShots(layout.bitCount(), BLOCK_SHOTS, 98));
        final long[] ones = new long[1];
        try (ShotReader reader = ShotReader.open(format, new RepeatingInputStream(block, totalLength(block)), layout))
        {
            readMasks(reader, WARM_UP_SHOTS);
            assertNoAllocationInSomeWindow(format + " " + layout + " masks",
                () -> ones[0] += readMasks(reader, MEASURED_SHOTS));
            assertTrue(ones[0] > 0);
        }
    }

    private static void assertWritesWithoutAllocating(final ShotFormat format, final ShotLayout layout)
        throws IOException
    {
        final SparseShot[] shots = new SparseShot[BLOCK_SHOTS];
        final List<boolean[]> bits = randomShots(layout.bitCount(), BLOCK_SHOTS, 97);
        for (int s = 0; s < BLOCK_SHOTS; s++)
        {
            shots[s] = toSparse(bits.get(s), layout, SparseShot.forLayout(layout));
        }
        try (ShotWriter writer = ShotWriter.create(format, OutputStream.nullOutputStream(), layout))
        {
            writeShots(writer, shots, WARM_UP_SHOTS);
            assertNoAllocationInSomeWindow(format + " " + layout + " writes",
                () -> writeShots(writer, shots, MEASURED_SHOTS));
            // ptb64 closes on whole blocks of 64 shots only.
            writeShots(writer, shots, (int)(-writer.shotsWritten() & 63));
        }
    }

    private static void assertWritesMasksWithoutAllocating(final ShotFormat format, final ShotLayout layout)
        throws IOException
    {
        try (ShotWriter writer = ShotWriter.create(format, OutputStream.nullOutputStream(), layout))
        {
            writeMasks(writer, WARM_UP_SHOTS);
            assertNoAllocationInSomeWindow(format + " " + layout + " mask writes",
                () -> writeMasks(writer, MEASURED_SHOTS));
            writeMasks(writer, (int)(-writer.shotsWritten() & 63));
        }
    }

    private static void assertNoAllocationInSomeWindow(final String what, final Runnable readWindow)
    {
        final long[] allocated = new long[WINDOWS];
        for (int w = 0; w < WINDOWS; w++)
        {
            allocated[w] = AllocationMeter.bytesAllocatedBy(readWindow);
            if (allocated[w] == 0)
            {
                return;
            }
        }
        fail(what + ": bytes allocated per window of " + MEASURED_SHOTS + " shots=" + Arrays.toString(allocated));
    }

    // Enough whole blocks for the warm-up and every window.
    private static long totalLength(final byte[] block)
    {
        return (long)block.length * ((WARM_UP_SHOTS + (long)WINDOWS * MEASURED_SHOTS) / BLOCK_SHOTS);
    }

    private static long readShots(final ShotReader reader, final SparseShot shot, final int count)
    {
        try
        {
            long events = 0;
            for (int s = 0; s < count; s++)
            {
                if (!reader.read(shot))
                {
                    throw new IllegalStateException("stream ended early: shot=" + s);
                }
                events += shot.defectCount() + Long.bitCount(shot.observableFlips());
            }
            return events;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long readMasks(final ShotReader reader, final int count)
    {
        try
        {
            long ones = 0;
            for (int s = 0; s < count; s++)
            {
                ones += Long.bitCount(reader.readMask());
            }
            return ones;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writeShots(final ShotWriter writer, final SparseShot[] shots, final int count)
    {
        try
        {
            for (int s = 0; s < count; s++)
            {
                writer.write(shots[s % shots.length]);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writeMasks(final ShotWriter writer, final int count)
    {
        try
        {
            for (int s = 0; s < count; s++)
            {
                // Every mask of two observables in turn.
                writer.writeMask(s & 3);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
