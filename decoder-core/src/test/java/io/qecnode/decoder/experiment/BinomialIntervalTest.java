package io.qecnode.decoder.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinomialIntervalTest
{
    @Test
    void shouldMatchPublishedWilsonIntervals()
    {
        // 81 of 263 at 95%: 0.2553 .. 0.3662 (Wilson 1927, as tabulated by Newcombe 1998).
        assertEquals(0.2553, BinomialInterval.lower(81, 263, BinomialInterval.Z_95), 5e-4);
        assertEquals(0.3662, BinomialInterval.upper(81, 263, BinomialInterval.Z_95), 5e-4);
    }

    @Test
    void shouldGiveAPositiveUpperBoundWhenNothingWasSeen()
    {
        assertEquals(0.0, BinomialInterval.lower(0, 1000, BinomialInterval.Z_95), 1e-12);
        final double upper = BinomialInterval.upper(0, 1000, BinomialInterval.Z_95);
        assertTrue(upper > 0.003 && upper < 0.004, "upper=" + upper);
    }
}
