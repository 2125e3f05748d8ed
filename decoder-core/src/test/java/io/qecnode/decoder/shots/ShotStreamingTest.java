package io.qecnode.decoder.shots;

import io.qecnode.decoder.experiment.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes about 200 MB of d=17-sized b8 shots to disk and streams them back, checking every defect through a running
 * checksum; the read side allocates next to nothing, which shows the file is never held in memory.
 */
class ShotStreamingTest
{
    private static final int DETECTORS = 4896;
    private static final ShotLayout LAYOUT = ShotLayout.detectors(DETECTORS);
    private static final long TARGET_BYTES = 200L * 1024 * 1024;
    private static final long SHOTS = TARGET_BYTES / LAYOUT.b8BytesPerShot();
    private static final long MAX_READ_ALLOCATION_BYTES = 1024 * 1024;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldStreamTwoHundredMegabytesOfB8ThroughAFile(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("dets.b8");
        final SparseShot shot = SparseShot.forLayout(LAYOUT);
        long written = 0;
        try (ShotWriter writer = ShotWriter.create(ShotFormat.B8, file, LAYOUT))
        {
            long state = 0x9E3779B97F4A7C15L;
            for (long s = 0; s < SHOTS; s++)
            {
                state = fill(shot, state);
                written = mix(written, shot);
                writer.write(shot);
            }
        }
        assertEquals(SHOTS * LAYOUT.b8BytesPerShot(), Files.size(file));
        assertEquals(SHOTS, B8Files.shotCount(file, LAYOUT));

        final long[] read = new long[2];
        final long allocated = AllocationMeter.bytesAllocatedBy(() -> read(file, shot, read));
        assertEquals(SHOTS, read[0]);
        assertEquals(written, read[1], "checksum of every defect read back");
        assertTrue(allocated < MAX_READ_ALLOCATION_BYTES, "reading allocated " + allocated + " bytes");
    }

    private static void read(final Path file, final SparseShot shot, final long[] result)
    {
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, file, LAYOUT))
        {
            long checksum = 0;
            while (reader.read(shot))
            {
                checksum = mix(checksum, shot);
            }
            result[0] = reader.shotsRead();
            result[1] = checksum;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    // Roughly 0.5 % of detectors lit, as at circuit-level p = 0.001 to 0.005; gaps drawn from a xorshift generator.
    private static long fill(final SparseShot shot, final long seed)
    {
        long state = seed;
        shot.clear();
        int detector = -1;
        while (true)
        {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            detector += 1 + (int)((state >>> 33) % 400);
            if (detector >= DETECTORS)
            {
                return state;
            }
            shot.addDefect(detector);
        }
    }

    private static long mix(final long checksum, final SparseShot shot)
    {
        long h = checksum * 31 + shot.defectCount();
        for (int i = 0; i < shot.defectCount(); i++)
        {
            h = h * 1_000_003 + shot.defects()[i];
        }
        return h;
    }
}
