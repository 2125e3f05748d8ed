package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;

import static io.qecnode.decoder.shots.ShotTestSupport.bytes;
import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad shot data is refused with a {@link ShotFormatException} that names the shot and gives the facts.
 */
class ShotReaderErrorTest
{
    private static final ShotLayout FIVE = ShotLayout.detectors(5);
    private static final ShotLayout FIVE_AND_ONE = ShotLayout.detectorsWithObservables(5, 1);

    @Test
    void shouldRefuseAB8SizeThatIsNotAWholeNumberOfShots()
    {
        // 120 detectors: 15 bytes per shot; 46 bytes = 3 shots and 1 byte over.
        final ShotFormatException ex = assertThrows(ShotFormatException.class,
            () -> B8Files.shotCount(46, ShotLayout.detectors(120)));
        assertEquals("b8 size is not a whole number of shots: shot=3, byteCount=46, bytesPerShot=15, wholeShots=3, " +
            "leftoverBytes=1", ex.getMessage());
        assertEquals(3, ex.shotIndex());
    }

    @Test
    void shouldCountAndCheckTheShotsOfAB8FileFromItsSize(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("dets.b8");
        Files.write(file, new byte[45]);
        assertEquals(3, B8Files.shotCount(file, ShotLayout.detectors(120)));
        B8Files.checkShotCount(file, ShotLayout.detectors(120), 3);

        final ShotFormatException wrongCount = assertThrows(ShotFormatException.class,
            () -> B8Files.checkShotCount(file, ShotLayout.detectors(120), 4));
        assertContains(wrongCount, "b8 file holds the wrong number of shots: shot=3, shots=3, expectedShots=4");

        Files.write(file, new byte[47]);
        final ShotFormatException ragged = assertThrows(ShotFormatException.class,
            () -> B8Files.shotCount(file, ShotLayout.detectors(120)));
        assertContains(ragged, "leftoverBytes=2");
        assertContains(ragged, "file=" + file);
    }

    @Test
    void shouldRefuseATruncatedFinalB8Record() throws IOException
    {
        final ShotLayout layout = ShotLayout.detectors(120);
        try (ShotReader reader = reader(ShotFormat.B8, layout, new byte[15 * 2 + 3]))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            assertTrue(reader.read(shot));
            assertTrue(reader.read(shot));
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () -> reader.read(shot));
            assertEquals("b8 record truncated at end of data: shot=2, bytesPresent=3, bytesPerShot=15, bitCount=120, " +
                "offset=30", ex.getMessage());
            assertEquals(2, ex.shotIndex());
        }
    }

    @Test
    void shouldRefuseB8PaddingBitsThatAreSet() throws IOException
    {
        // 9 bits in 2 bytes: bit 9 is padding.
        try (ShotReader reader = reader(ShotFormat.B8, ShotLayout.detectors(9), bytes(0x01, 0x01, 0x00, 0x02)))
        {
            final SparseShot shot = new SparseShot(9);
            assertTrue(reader.read(shot));
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () -> reader.read(shot));
            assertContains(ex, "b8 padding bit set past the shot's last bit: shot=1, bit=9, bitCount=9");
        }
        try (ShotReader reader = reader(ShotFormat.B8, ShotLayout.observables(1), bytes(0x01, 0x03)))
        {
            assertEquals(1, reader.readMask());
            assertContains(assertThrows(ShotFormatException.class, reader::readMask), "shot=1, bit=1, bitCount=1");
        }
    }

    @Test
    void shouldRefuseA01LineThatIsTooShort() throws IOException
    {
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\n0101\n", 1, "01 line too short: shot=1, length=4, " +
            "expectedLength=5");
        assertReadFails(ShotFormat.TEXT_01, FIVE, "\n", 0, "01 line too short: shot=0, length=0, expectedLength=5");
    }

    @Test
    void shouldRefuseA01LineThatIsTooLong() throws IOException
    {
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\n01010\n0101011\n", 2, "01 line too long: shot=2, " +
            "length=7, expectedLength=5");
        assertReadFails(ShotFormat.TEXT_01, FIVE_AND_ONE, "010101\n0101011\n", 1, "01 line too long: shot=1, " +
            "length=7, expectedLength=6");
    }

    @Test
    void shouldRefuseA01LineWithOtherCharacters() throws IOException
    {
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\n01210\n", 1, "01 line has a character other than 0 or 1: " +
            "shot=1, column=2, character='2', expectedLength=5");
        assertReadFails(ShotFormat.TEXT_01, FIVE, "0 010\n", 0, "column=1, character=' '");
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\t\n", 0, "column=5, character=0x09");
        assertReadFails(ShotFormat.TEXT_01, FIVE_AND_ONE, "01010x\n", 0, "column=5, character='x'");
    }

    @Test
    void shouldRefuseATruncatedFinal01Record() throws IOException
    {
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\n01", 1, "01 record truncated: data ended mid-line: " +
            "shot=1, length=2, expectedLength=5");
        assertReadFails(ShotFormat.TEXT_01, FIVE, "01010\n01010", 1, "01 record truncated: data ended without " +
            "the line's newline: shot=1");
    }

    @Test
    void shouldAcceptCarriageReturnLineFeedIn01() throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.TEXT_01, FIVE_AND_ONE, "010011\r\n000000\r\n"))
        {
            final SparseShot shot = new SparseShot(5);
            assertTrue(reader.read(shot));
            assertArrayEquals(new int[]{ 1, 4 }, Arrays.copyOf(shot.defects(), shot.defectCount()));
            assertEquals(1, shot.observableFlips());
            assertTrue(reader.read(shot));
            assertEquals(0, shot.defectCount());
            assertFalse(reader.read(shot));
        }
    }

    @Test
    void shouldRefuseADetsLineNotStartingWithShot() throws IOException
    {
        assertReadFails(ShotFormat.DETS, FIVE, "shot D1\nshop D2\n", 1,
            "dets line does not start with 'shot': shot=1, line='shop D2'");
        assertReadFails(ShotFormat.DETS, FIVE, "D1 D2\n", 0, "line='D1 D2'");
        assertReadFails(ShotFormat.DETS, FIVE, "shots D1\n", 0, "line='shots D1'");
        assertReadFails(ShotFormat.DETS, FIVE, "shot\nsho", 1, "line='sho'");
    }

    @Test
    void shouldRefuseAnUnknownDetsPrefix() throws IOException
    {
        assertReadFails(ShotFormat.DETS, FIVE, "shot D1 X3\n", 0,
            "unknown dets prefix: shot=0, prefix='X', accepted=D, L, M");
        assertReadFails(ShotFormat.DETS, FIVE, "shot d1\n", 0, "prefix='d'");
    }

    @Test
    void shouldRefuseADetsIndexOutOfRange() throws IOException
    {
        assertReadFails(ShotFormat.DETS, FIVE, "shot\nshot D4 D5\n", 1,
            "dets detector index out of range: shot=1, target=D5, detectorCount=5");
        assertReadFails(ShotFormat.DETS, FIVE_AND_ONE, "shot L1\n", 0,
            "dets observable index out of range: shot=0, target=L1, observableCount=1");
        assertReadFails(ShotFormat.DETS, FIVE, "shot L0\n", 0, "target=L0, observableCount=0");
        assertReadFails(ShotFormat.DETS, FIVE, "shot D99999999999999999999999\n", 0,
            "target=D(over 2147483647), detectorCount=5");
        assertReadFails(ShotFormat.DETS, FIVE, "shot M4 M5\n", 0,
            "dets measurement targets are not part of a shot layout: shot=0, target=M4");
    }

    @Test
    void shouldRefuseMalformedDetsSpacing() throws IOException
    {
        assertReadFails(ShotFormat.DETS, FIVE, "shot D1 \n", 0, "dets line has a doubled or trailing space: shot=0");
        assertReadFails(ShotFormat.DETS, FIVE, "shot  D1\n", 0, "dets line has a doubled or trailing space: shot=0");
        assertReadFails(ShotFormat.DETS, FIVE, "shot D1,D2\n", 0,
            "dets targets must be separated by single spaces: shot=0, character=','");
        assertReadFails(ShotFormat.DETS, FIVE, "shot D\n", 0, "dets target has no index: shot=0, prefix=D, " +
            "character=0x0a");
        assertReadFails(ShotFormat.DETS, FIVE, "shot D1 L", 0, "prefix=L, character=end of data");
    }

    @Test
    void shouldReadDetsTargetsInAnyOrderAsASortedSet() throws IOException
    {
        final String text = "  \n\tshot D4 D1 D4 L0 L0 D0\r\n\nshot\nshot D3";
        try (ShotReader reader = reader(ShotFormat.DETS, FIVE_AND_ONE, text))
        {
            final SparseShot shot = new SparseShot(5);
            assertTrue(reader.read(shot));
            assertArrayEquals(new int[]{ 0, 1, 4 }, Arrays.copyOf(shot.defects(), shot.defectCount()));
            assertEquals(1, shot.observableFlips());
            assertTrue(reader.read(shot));
            assertEquals(0, shot.defectCount());
            assertEquals(0, shot.observableFlips());
            assertTrue(reader.read(shot));
            assertEquals(1, shot.defectCount());
            assertEquals(3, shot.defect(0));
            assertFalse(reader.read(shot));
            assertEquals(3, reader.shotsRead());
        }
    }

    @Test
    void shouldRefuseToReadAMaskPastTheEnd() throws IOException
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            final int shots = ShotTestSupport.shotCountFor(format, 1);
            final byte[] data = ShotTestSupport.reference(format, Collections.nCopies(shots, new boolean[]{ true }),
                ShotLayout.observables(1));
            try (ShotReader reader = reader(format, ShotLayout.observables(1), data))
            {
                for (int s = 0; s < shots; s++)
                {
                    assertEquals(1, reader.readMask());
                }
                final ShotFormatException ex = assertThrows(ShotFormatException.class, reader::readMask);
                assertEquals("no shot left to read: shot=" + shots + ", format=" + format.stimName(),
                    ex.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseDataPastTheExpectedEnd() throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.B8, ShotLayout.observables(1), bytes(1, 0, 1)))
        {
            assertEquals(1, reader.readMask());
            assertEquals(0, reader.readMask());
            final ShotFormatException ex = assertThrows(ShotFormatException.class, reader::expectEnd);
            assertEquals("data continues past the expected last shot: shot=2, format=b8, offset=2", ex.getMessage());
        }
    }

    @Test
    void shouldRefuseMisuseOfTheReader() throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.B8, ShotLayout.detectors(65), new byte[9]))
        {
            assertEquals("layout too wide for a mask: bitCount=65, maximum=64",
                assertThrows(IllegalStateException.class, reader::readMask).getMessage());
            assertEquals("sparse shot too small for the layout: capacity=64, detectorCount=65",
                assertThrows(IllegalArgumentException.class, () -> reader.read(new SparseShot(64))).getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> reader(ShotFormat.B8, ShotLayout.detectors(0), new byte[0]));
    }

    private static void assertReadFails(
        final ShotFormat format, final ShotLayout layout, final String text, final long shotIndex, final String message)
        throws IOException
    {
        try (ShotReader reader = reader(format, layout, text))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            for (long s = 0; s < shotIndex; s++)
            {
                assertTrue(reader.read(shot), "shot " + s + " should read");
            }
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () -> reader.read(shot));
            assertContains(ex, message);
            assertEquals(shotIndex, ex.shotIndex());
        }
    }

    private static void assertContains(final Exception ex, final String expected)
    {
        final String message = ex.getMessage();
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in '" + message + "'");
    }
}
