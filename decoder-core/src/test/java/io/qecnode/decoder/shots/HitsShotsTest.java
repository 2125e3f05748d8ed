package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hits} by hand: empty lines are empty shots, indices past the detectors are observables, any order reads as
 * sorted, and every kind of malformed line is refused naming the shot.
 */
class HitsShotsTest
{
    private static final ShotLayout LAYOUT = ShotLayout.detectorsWithObservables(10, 2);

    @Test
    void shouldReadEmptyLinesUnorderedAndRepeatedIndicesAndObservables() throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.HITS, LAYOUT, "\n7,2,7\r\n11,0\n"))
        {
            final SparseShot shot = SparseShot.forLayout(LAYOUT);
            assertTrue(reader.read(shot));
            assertEquals(0, shot.defectCount());
            assertEquals(0, shot.observableFlips());

            assertTrue(reader.read(shot));
            assertEquals(2, shot.defectCount());
            assertEquals(2, shot.defect(0));
            assertEquals(7, shot.defect(1));
            assertEquals(0, shot.observableFlips());

            assertTrue(reader.read(shot));
            assertEquals(1, shot.defectCount());
            assertEquals(0, shot.defect(0));
            assertEquals(0b10, shot.observableFlips());
            assertFalse(reader.read(shot));
        }
    }

    @Test
    void shouldReadMasks() throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.HITS, ShotLayout.observables(3), "0,2\n\n1\n"))
        {
            assertEquals(0b101, reader.readMask());
            assertEquals(0, reader.readMask());
            assertEquals(0b010, reader.readMask());
            reader.expectEnd();
        }
    }

    @Test
    void shouldRefuseMalformedLines() throws IOException
    {
        assertRefused("1\n12\n", "hits index past the shot's last bit: shot=1, index=12, bitCount=12");
        assertRefused("99999999999999999\n", "hits index past the shot's last bit: shot=0, index=(over " +
            Integer.MAX_VALUE + "), bitCount=12");
        assertRefused("1,,2\n", "hits field is not an index: shot=0, character=',', offset=2");
        assertRefused("1,\n", "hits field is not an index: shot=0, character=0x0a, offset=2");
        assertRefused("1 2\n", "hits indices must be separated by commas: shot=0, character=' ', offset=1");
        assertRefused("D1\n", "hits field is not an index: shot=0, character='D', offset=0");
        assertRefused("\n3,4", "hits record truncated: data ended without the line's newline: shot=1, offset=4");
        assertRefused("3\rx", "hits line has a '\\r' not followed by '\\n': shot=0, character='x'");
    }

    private static void assertRefused(final String data, final String message) throws IOException
    {
        try (ShotReader reader = reader(ShotFormat.HITS, LAYOUT, data))
        {
            final SparseShot shot = SparseShot.forLayout(LAYOUT);
            final ShotFormatException ex = assertThrows(ShotFormatException.class, () ->
            {
                while (reader.read(shot))
                {
                    // Read until the bad line.
                }
            });
            assertEquals(message, ex.getMessage(), data);
        }
    }
}
