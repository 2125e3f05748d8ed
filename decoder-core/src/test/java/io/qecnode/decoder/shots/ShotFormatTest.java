package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShotFormatTest
{
    @Test
    void shouldParseStimNamesInAnyCase()
    {
        assertEquals(ShotFormat.TEXT_01, ShotFormat.fromStimName("01"));
        assertEquals(ShotFormat.B8, ShotFormat.fromStimName("b8"));
        assertEquals(ShotFormat.B8, ShotFormat.fromStimName("B8"));
        assertEquals(ShotFormat.DETS, ShotFormat.fromStimName("dets"));
        assertEquals(ShotFormat.DETS, ShotFormat.fromStimName("DeTs"));
        assertEquals(ShotFormat.R8, ShotFormat.fromStimName("R8"));
        assertEquals(ShotFormat.HITS, ShotFormat.fromStimName("Hits"));
        assertEquals(ShotFormat.PTB64, ShotFormat.fromStimName("PTB64"));
    }

    @Test
    void shouldRoundTripEveryStimName()
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            assertEquals(format, ShotFormat.fromStimName(format.stimName()));
            assertEquals(format.stimName(), format.toString());
        }
    }

    @Test
    void shouldListTheAcceptedNamesForAnUnknownName()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ShotFormat.fromStimName("csv"));
        assertEquals("unknown shot format: name='csv', accepted=01, b8, dets, r8, hits, ptb64", ex.getMessage());
    }

    @Test
    void shouldGuessTheFormatAFileLooksLike()
    {
        assertEquals(ShotFormat.DETS, guess("shot D0 L1\n"));
        assertEquals(ShotFormat.TEXT_01, guess("0101\n1100\n"));
        assertEquals(ShotFormat.HITS, guess("1,3\n\n0,12\n"));
        assertEquals(ShotFormat.HITS, guess("7\n"));
        assertEquals(ShotFormat.B8, ShotFormat.guess(new byte[]{0b1010, 0, 3}, 3));
        assertNull(guess("hello\n"));
        assertNull(ShotFormat.guess(new byte[0], 0));
    }

    @Test
    void shouldCallExactlyB8R8AndPtb64Binary()
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            final boolean binary = format == ShotFormat.B8 || format == ShotFormat.R8 || format == ShotFormat.PTB64;
            assertEquals(binary, format.isBinary(), format.stimName());
        }
    }

    private static ShotFormat guess(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ShotFormat.guess(bytes, bytes.length);
    }
}
