package io.qecnode.node.offline;

import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.shots.ShotFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.DETS_B8;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decode loop allocates nothing per shot: a run of five times as many shots allocates no more than a short one,
 * beyond noise far below one byte per extra shot. Setup (the model, the decoder, the buffers) costs the same in both.
 */
class OfflineDecodeAllocationTest
{
    private static final int SHORT_RUN_SHOTS = 200_000;
    private static final int LONG_RUN_SHOTS = 5 * SHORT_RUN_SHOTS;
    // A real per-shot allocation costs at least 16 bytes a shot: 12.8 MB over the extra shots.
    private static final long NOISE_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldNotAllocatePerShot() throws IOException
    {
        final Path dem = Files.write(dir.resolve("model.dem"), ascii(DEM));
        run(dem, LONG_RUN_SHOTS);

        final long shortRun = AllocationMeter.bytesAllocatedBy(() -> run(dem, SHORT_RUN_SHOTS));
        final long longRun = AllocationMeter.bytesAllocatedBy(() -> run(dem, LONG_RUN_SHOTS));

        assertTrue(longRun - shortRun < NOISE_BYTES, "bytes allocated: shortRun=" + shortRun + ", longRun=" +
            longRun + ", extraShots=" + (LONG_RUN_SHOTS - SHORT_RUN_SHOTS));
    }

    private static void run(final Path dem, final int shots)
    {
        final DecodeSettings settings = new DecodeSettings().dem(dem).shotsInFormat(ShotFormat.B8)
            .predictionsFormat(ShotFormat.B8).shotsIn(DecodeSettings.STANDARD_STREAM)
            .predictionsOut(DecodeSettings.STANDARD_STREAM);
        try
        {
            final DecodeSummary summary = new OfflineDecode(settings, new Replay(DETS_B8, shots),
                OutputStream.nullOutputStream(), System::nanoTime, ProgressListener.NONE).run();
            assertEquals(shots, summary.shots());
        }
        catch (final DecodeFailure ex)
        {
            throw new AssertionError(ex.getMessage(), ex);
        }
    }

    // Standard input that replays the fixture's one-byte shots, allocating nothing as it is read.
    private static final class Replay extends InputStream
    {
        private final byte[] block;
        private long remaining;
        private int position;

        Replay(final byte[] block, final long length)
        {
            this.block = block;
            this.remaining = length;
        }

        @Override
        public int read()
        {
            if (remaining == 0)
            {
                return -1;
            }
            remaining--;
            final int b = block[position] & 0xFF;
            position = (position + 1) % block.length;
            return b;
        }

        @Override
        public int read(final byte[] destination, final int offset, final int length)
        {
            if (remaining == 0)
            {
                return length == 0 ? 0 : -1;
            }
            final int count = (int)Math.min(length, remaining);
            for (int i = 0; i < count; i++)
            {
                destination[offset + i] = block[position];
                position = (position + 1) % block.length;
            }
            remaining -= count;
            return count;
        }
    }
}
