package io.qecnode.decoder.shots;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
