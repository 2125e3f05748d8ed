package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static io.qecnode.decoder.shots.ShotTestSupport.bytes;
import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code r8} by hand: runs of exactly 255 and longer, which take a continuation byte, and every kind of malformed run.
 */
class R8ShotsTest
{
    private static final ShotLayout WIDE = ShotLayout.detectorsWithObservables(600, 1);

    @Test
    void shouldSplitLongRunsInto255sAndTheirRemainder() throws IOException
    {
        // Ones at 255 (a run of exactly 255: 255 then 0), 600 (the observable, run 344: 255 89), end run 0.
        final byte[] expected = bytes(255, 0, 255, 89, 0);
        final SparseShot shot = new SparseShot(600).addDefect(255).observableFlips(1);
        assertArrayEquals(expected, write(WIDE, shot));

        try (ShotReader reader = reader(ShotFormat.R8, WIDE, expected))
        {
            final SparseShot read = SparseShot.forLayout(WIDE);
            assertTrue(reader.read(read));
            assertEquals(1, read.defectCount());
            assertEquals(255, read.defect(0));
            assertEquals(1, read.observableFlips());
            assertFalse(reader.read(read));
        }
    }

    @Test
    void shouldWriteAnEmptyShotAsOneRunToTheEnd() throws IOException
    {
        // 600 + 1 bits, no ones: 601 = 255 + 255 + 91.
        assertArrayEquals(bytes(255, 255, 91), write(WIDE, new SparseShot(600)));
        // No bits at all: the run past the end is 0.
        assertArrayEquals(bytes(0), write(ShotLayout.detectors(0), new SparseShot(0)));
    }

    @Test
    void shouldRefuseARunThatPassesTheShotsEnd() throws IOException
    {
        // 5 bits: a run of 6 lands one past the run that ends the shot.
        try (ShotReader reader = reader(ShotFormat.R8, ShotLayout.detectors(5), bytes(5, 6)))
        {
            final SparseShot shot = new SparseShot(5);
            assertTrue(reader.read(shot));
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () -> reader.read(shot));
            assertEquals("r8 run passes the shot's end: shot=1, run=6, bit=6, bitCount=5, offset=1", ex.getMessage());
        }
        try (ShotReader reader = reader(ShotFormat.R8, ShotLayout.detectors(5), bytes(255)))
        {
            final ShotFormatException ex = assertThrows(ShotFormatException.class,
                () -> reader.read(new SparseShot(5)));
            assertEquals("r8 run passes the shot's end: shot=0, run=255, bit=255, bitCount=5, offset=0",
                ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAShotTruncatedBeforeItsLastRun() throws IOException
    {
        // 10 bits: a one at 2, then the data ends before the run to bit 10.
        try (ShotReader reader = reader(ShotFormat.R8, ShotLayout.detectors(10), bytes(2)))
        {
            final ShotFormatException ex = assertThrows(ShotFormatException.class,
                () -> reader.read(new SparseShot(10)));
            assertEquals("r8 record truncated: data ended before the run past the shot's last bit: shot=0, " +
                "bitsRead=3, bitCount=10", ex.getMessage());
        }
    }

    @Test
    void shouldReadMasks() throws IOException
    {
        // Observables only, 3 bits: shots 101, 000, 011.
        try (ShotReader reader = reader(ShotFormat.R8, ShotLayout.observables(3), bytes(0, 1, 0, 3, 1, 0, 0)))
        {
            assertEquals(0b101, reader.readMask());
            assertEquals(0, reader.readMask());
            assertEquals(0b110, reader.readMask());
            reader.expectEnd();
        }
    }

    private static byte[] write(final ShotLayout layout, final SparseShot shot) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShotWriter writer = ShotWriter.create(ShotFormat.R8, out, layout))
        {
            writer.write(shot);
        }
        return out.toByteArray();
    }
}
