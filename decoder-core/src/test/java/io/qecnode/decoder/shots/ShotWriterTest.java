package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.qecnode.decoder.shots.ShotTestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShotWriterTest
{
    private static final ShotLayout LAYOUT = ShotLayout.detectorsWithObservables(10, 2);

    @Test
    void shouldRefuseShotsThatDoNotFitTheLayoutAndWriteNothingForThem() throws IOException
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ShotWriter writer = ShotWriter.create(format, out, LAYOUT))
            {
                assertMessage("defect is not a detector of the layout: position=1, defect=10, detectorCount=10",
                    () -> writer.write(new int[]{ 3, 10 }, 2, 0));
                assertMessage("defect is not a detector of the layout: position=0, defect=-1, detectorCount=10",
                    () -> writer.write(new int[]{ -1 }, 1, 0));
                assertMessage("defects must be strictly increasing: position=2, defect=4, previous=4",
                    () -> writer.write(new int[]{ 1, 4, 4 }, 3, 0));
                assertMessage("defects must be strictly increasing: position=1, defect=2, previous=4",
                    () -> writer.write(new int[]{ 4, 2 }, 2, 0));
                assertMessage("defectCount outside the array: defectCount=3, length=2",
                    () -> writer.write(new int[]{ 1, 2 }, 3, 0));
                assertMessage("observable mask names an observable >= observableCount: mask=0x4, observableCount=2",
                    () -> writer.write(new int[0], 0, 0b100));
                assertMessage("mask has bits past the shot's last bit: mask=0x1000, bitCount=12",
                    () -> writer.writeMask(1L << 12));
                assertEquals(0, writer.shotsWritten());
            }
            assertEquals(0, out.size(), format.stimName());
        }
    }

    @Test
    void shouldRefuseAMaskForAShotWiderThan64Bits() throws IOException
    {
        final ShotLayout wide = ShotLayout.detectors(65);
        try (ShotWriter writer = ShotWriter.create(ShotFormat.B8, new ByteArrayOutputStream(), wide))
        {
            assertEquals("layout too wide for a mask: bitCount=65, maximum=64",
                assertThrows(IllegalStateException.class, () -> writer.writeMask(1)).getMessage());
        }
    }

    @Test
    void shouldRefuseB8ShotsOfZeroBits()
    {
        assertThrows(IllegalArgumentException.class,
            () -> ShotWriter.create(ShotFormat.B8, new ByteArrayOutputStream(), ShotLayout.detectors(0)));
    }

    @Test
    void shouldHoldShotsUntilFlushedAndCloseTheStreamOnce() throws IOException
    {
        final CountingOutputStream out = new CountingOutputStream();
        final ShotWriter writer = ShotWriter.create(ShotFormat.B8, out, ShotLayout.observables(1));
        writer.writeMask(1);
        writer.writeMask(0);
        assertEquals(0, out.bytes.size());
        writer.flush();
        assertArrayEquals(bytes(1, 0), out.bytes.toByteArray());
        writer.writeMask(1);
        writer.close();
        writer.close();
        assertArrayEquals(bytes(1, 0, 1), out.bytes.toByteArray());
        assertEquals(1, out.closeCount);
        assertEquals(3, writer.shotsWritten());
        assertEquals("shot writer is closed: shotsWritten=3",
            assertThrows(IllegalStateException.class, () -> writer.writeMask(0)).getMessage());
    }

    @Test
    void shouldWriteLinesLongerThanItsBuffer(@TempDir final Path dir) throws IOException
    {
        final int width = 200_000;
        final ShotLayout layout = ShotLayout.detectorsWithObservables(width, 1);
        final Path file = dir.resolve("wide.01");
        try (ShotWriter writer = ShotWriter.create(ShotFormat.TEXT_01, file, layout))
        {
            writer.write(new int[]{ 0, 100_000, width - 1 }, 3, 1);
            writer.write(new int[0], 0, 0);
        }
        assertEquals(2L * (width + 2), Files.size(file));
        try (ShotReader reader = ShotReader.open(ShotFormat.TEXT_01, file, layout))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            assertTrue(reader.read(shot));
            assertEquals(3, shot.defectCount());
            assertEquals(100_000, shot.defect(1));
            assertEquals(width - 1, shot.defect(2));
            assertEquals(1, shot.observableFlips());
            assertTrue(reader.read(shot));
            assertEquals(0, shot.defectCount());
            reader.expectEnd();
        }
    }

    private static void assertMessage(final String expected, final Executable call)
    {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static final class CountingOutputStream extends OutputStream
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int closeCount;

        public void write(final int b)
        {
            bytes.write(b);
        }

        public void write(final byte[] b, final int off, final int len)
        {
            bytes.write(b, off, len);
        }

        public void close()
        {
            closeCount++;
        }
    }
}
