package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.qecnode.decoder.shots.ShotTestSupport.bytes;
import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worked examples of Stim's doc/result_formats.md, byte for byte: the circuit "X 1, M 0 0 0 0 1 1 1 1 0 0 1 1 0 1"
 * sampled 10 times, and a detector sampler whose one shot has D1 lit and L5 flipped with --append_observables.
 */
class StimExamplesTest
{
    // Measurement results 00001111001101: bits 4, 5, 6, 7, 10, 11 and 13 set.
    private static final int[] EXAMPLE_BITS = { 4, 5, 6, 7, 10, 11, 13 };
    private static final ShotLayout EXAMPLE_LAYOUT = ShotLayout.detectors(14);
    private static final int EXAMPLE_SHOTS = 10;

    @Test
    void shouldWriteTheDocumented01Example() throws IOException
    {
        final String expected = "00001111001101\n".repeat(EXAMPLE_SHOTS);
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), writeExample(ShotFormat.TEXT_01));
        assertReadsExample(ShotFormat.TEXT_01, expected.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldWriteTheDocumentedB8Example() throws IOException
    {
        final byte[] expected = new byte[2 * EXAMPLE_SHOTS];
        for (int s = 0; s < EXAMPLE_SHOTS; s++)
        {
            expected[2 * s] = (byte)0xf0;
            expected[2 * s + 1] = (byte)0x2c;
        }
        assertArrayEquals(expected, writeExample(ShotFormat.B8));
        assertReadsExample(ShotFormat.B8, expected);
    }

    @Test
    void shouldWriteTheDocumentedR8Example() throws IOException
    {
        // Runs before bits 4, 5, 6, 7, 10, 11, 13, then the run of 0 to one past bit 13.
        final byte[] shot = bytes(4, 0, 0, 0, 2, 0, 1, 0);
        final byte[] expected = new byte[shot.length * EXAMPLE_SHOTS];
        for (int s = 0; s < EXAMPLE_SHOTS; s++)
        {
            System.arraycopy(shot, 0, expected, s * shot.length, shot.length);
        }
        assertArrayEquals(expected, writeExample(ShotFormat.R8));
        assertReadsExample(ShotFormat.R8, expected);
    }

    @Test
    void shouldWriteTheExampleAsDetsWithDetectorPrefixes() throws IOException
    {
        final String expected = "shot D4 D5 D6 D7 D10 D11 D13\n".repeat(EXAMPLE_SHOTS);
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), writeExample(ShotFormat.DETS));
        assertReadsExample(ShotFormat.DETS, expected.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldWriteTheDocumentedDetsExampleWithAppendedObservables() throws IOException
    {
        // OBSERVABLE_INCLUDE(5) makes six observables; three detectors; D1 lit and L5 flipped in both shots.
        final ShotLayout layout = ShotLayout.detectorsWithObservables(3, 6);
        final SparseShot shot = new SparseShot(3).addDefect(1).observableFlips(1L << 5);

        assertArrayEquals("shot D1 L5\nshot D1 L5\n".getBytes(StandardCharsets.US_ASCII),
            writeTwice(ShotFormat.DETS, layout, shot));
        // Appended as bits: D0 D1 D2 L0..L5 = 010000001, so bit 1 and bit 8.
        assertArrayEquals("010000001\n010000001\n".getBytes(StandardCharsets.US_ASCII),
            writeTwice(ShotFormat.TEXT_01, layout, shot));
        assertArrayEquals(bytes(0x02, 0x01, 0x02, 0x01), writeTwice(ShotFormat.B8, layout, shot));

        for (final ShotFormat format : ShotFormat.values())
        {
            if (format == ShotFormat.PTB64)
            {
                continue; // Two shots are not a block of 64; Ptb64ShotsTest reads appended observables.
            }
            try (ShotReader reader = reader(format, layout, writeTwice(format, layout, shot)))
            {
                final SparseShot read = new SparseShot(3);
                for (int s = 0; s < 2; s++)
                {
                    assertTrue(reader.read(read));
                    assertEquals(1, read.defectCount());
                    assertEquals(1, read.defect(0));
                    assertEquals(1L << 5, read.observableFlips());
                }
                assertFalse(reader.read(read));
            }
        }
    }

    @Test
    void shouldWriteAnEmptyDetsShotAsTheBareWordShot() throws IOException
    {
        final ShotLayout layout = ShotLayout.detectorsWithObservables(5, 1);
        assertArrayEquals("shot\nshot\n".getBytes(StandardCharsets.US_ASCII),
            writeTwice(ShotFormat.DETS, layout, new SparseShot(5)));
    }

    @Test
    void shouldReadAnObservablesFileOfOneBitPerShotAsOneBytePerShot() throws IOException
    {
        // obs.b8 of stim sample_dem with one observable: 0x00 or 0x01 per shot.
        try (ShotReader reader = reader(ShotFormat.B8, ShotLayout.observables(1), bytes(0, 1, 1, 0)))
        {
            assertEquals(0, reader.readMask());
            assertEquals(1, reader.readMask());
            assertEquals(1, reader.readMask());
            assertEquals(0, reader.readMask());
            reader.expectEnd();
        }
    }

    private static byte[] writeExample(final ShotFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShotWriter writer = ShotWriter.create(format, out, EXAMPLE_LAYOUT))
        {
            for (int s = 0; s < EXAMPLE_SHOTS; s++)
            {
                writer.write(EXAMPLE_BITS, EXAMPLE_BITS.length, 0);
            }
        }
        return out.toByteArray();
    }

    private static void assertReadsExample(final ShotFormat format, final byte[] data) throws IOException
    {
        try (ShotReader reader = reader(format, EXAMPLE_LAYOUT, data))
        {
            final SparseShot shot = SparseShot.forLayout(EXAMPLE_LAYOUT);
            for (int s = 0; s < EXAMPLE_SHOTS; s++)
            {
                assertTrue(reader.read(shot));
                assertArrayEquals(EXAMPLE_BITS, Arrays.copyOf(shot.defects(), shot.defectCount()));
                assertEquals(0, shot.observableFlips());
            }
            assertFalse(reader.read(shot));
            assertEquals(EXAMPLE_SHOTS, reader.shotsRead());
        }
    }

    private static byte[] writeTwice(final ShotFormat format, final ShotLayout layout, final SparseShot shot)
        throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShotWriter writer = ShotWriter.create(format, out, layout))
        {
            writer.write(shot);
            writer.write(shot);
        }
        return out.toByteArray();
    }
}
