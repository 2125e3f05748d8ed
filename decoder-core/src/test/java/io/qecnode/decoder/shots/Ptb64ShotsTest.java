package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ptb64} by hand: one block of 64 shots with appended observables, and the refusal of shot counts that are not a
 * multiple of 64, by the writer at close and by the reader where the data ends.
 */
class Ptb64ShotsTest
{
    // Three detectors and six observables, as Stim's --append_observables example: bits D0 D1 D2 L0..L5.
    private static final ShotLayout LAYOUT = ShotLayout.detectorsWithObservables(3, 6);

    @Test
    void shouldWriteOneWordPerBitWithBitSForShotS() throws IOException
    {
        // D1 in even shots, L5 (bit 8) in every third shot; all other bits zero.
        final ByteBuffer expected = ByteBuffer.allocate(9 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 9; k++)
        {
            expected.putLong(k == 1 ? 0x5555555555555555L : k == 8 ? 0x9249249249249249L : 0);
        }
        final byte[] data = write(64);
        assertArrayEquals(expected.array(), data);

        try (ShotReader reader = reader(ShotFormat.PTB64, LAYOUT, data))
        {
            final SparseShot shot = SparseShot.forLayout(LAYOUT);
            for (int s = 0; s < 64; s++)
            {
                assertTrue(reader.read(shot));
                assertEquals(s % 2 == 0 ? 1 : 0, shot.defectCount(), "shot " + s);
                assertEquals(s % 3 == 0 ? 1L << 5 : 0, shot.observableFlips(), "shot " + s);
            }
            assertFalse(reader.read(shot));
        }
    }

    @Test
    void shouldRefuseAtCloseAShotCountThatIsNotAMultipleOf64() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ShotWriter writer = ShotWriter.create(ShotFormat.PTB64, out, LAYOUT);
        writeShots(writer, 130);
        writer.flush();
        assertEquals(2 * 9 * Long.BYTES, out.size(), "full blocks only reach the stream");

        final ShotFormatException ex = assertThrows(ShotFormatException.class, writer::close);
        assertEquals("ptb64 needs a shot count that is a multiple of 64: shot=128, shots=130, unwrittenShots=2",
            ex.getMessage());
        assertArrayEquals(Arrays.copyOf(write(128), 2 * 9 * Long.BYTES), out.toByteArray());
        writer.close();
    }

    @Test
    void shouldRefuseDataThatEndsInsideABlock() throws IOException
    {
        final byte[] data = Arrays.copyOf(write(64), 9 * Long.BYTES + 5);
        try (ShotReader reader = reader(ShotFormat.PTB64, LAYOUT, data))
        {
            final SparseShot shot = SparseShot.forLayout(LAYOUT);
            for (int s = 0; s < 64; s++)
            {
                assertTrue(reader.read(shot));
            }
            assertTrue(reader.hasMoreShots());
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () -> reader.read(shot));
            assertEquals("ptb64 data ends inside a block of 64 shots: its shot count must be a multiple of 64: " +
                "shot=64, bytesPresent=5, bytesPerBlock=72, bitCount=9, offset=72", ex.getMessage());
        }
    }

    @Test
    void shouldRefuseShotsOfZeroBits()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ShotWriter.create(ShotFormat.PTB64, new ByteArrayOutputStream(), ShotLayout.detectors(0)));
        assertTrue(ex.getMessage().startsWith("ptb64 cannot hold shots of this width"), ex.getMessage());
    }

    private static byte[] write(final int shots) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShotWriter writer = ShotWriter.create(ShotFormat.PTB64, out, LAYOUT))
        {
            writeShots(writer, shots);
        }
        return out.toByteArray();
    }

    private static void writeShots(final ShotWriter writer, final int shots) throws IOException
    {
        final SparseShot shot = SparseShot.forLayout(LAYOUT);
        for (int s = 0; s < shots; s++)
        {
            shot.clear();
            if (s % 2 == 0)
            {
                shot.addDefect(1);
            }
            writer.write(shot.observableFlips(s % 3 == 0 ? 1L << 5 : 0));
        }
    }
}
