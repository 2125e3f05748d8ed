package io.qecnode.node.trust;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkFidelityTest
{
    private static final double EPS = 1e-12;

    @Test
    void flaggedShareIsIncompleteAndFailedOverClosed()
    {
        assertEquals(0.0, LinkFidelity.flaggedShare(0, 0, 0));
        assertEquals(0.05, LinkFidelity.flaggedShare(200, 6, 4), EPS);
        assertEquals(1.0, LinkFidelity.flaggedShare(10, 10, 10), "both flags on every epoch: capped");
    }

    @Test
    void logicalErrorRateFollowsTheScalingLawAndIsClamped()
    {
        // p = 0.001, d = 5: 0.1 * 0.1^3.
        assertEquals(1e-4, LinkFidelity.logicalErrorRate(0.001, 5), 1e-16);
        // p = 0.001, d = 3: 0.1 * 0.1^2.
        assertEquals(1e-3, LinkFidelity.logicalErrorRate(0.001, 3), 1e-15);
        // At threshold the prefactor, above it clamped to a coin.
        assertEquals(0.1, LinkFidelity.logicalErrorRate(0.01, 7), EPS);
        assertEquals(0.5, LinkFidelity.logicalErrorRate(0.05, 5));
        assertEquals(0.0, LinkFidelity.logicalErrorRate(0, 5));
    }

    @Test
    void defectDensityIsPerDetectorPerRound()
    {
        // 24 detectors a round (d = 5), 1000 rounds, 48 defects: 0.002.
        assertEquals(0.002, LinkFidelity.defectDensity(48, 24, 1000), EPS);
        assertEquals(0.0, LinkFidelity.defectDensity(48, 24, 0));
    }

    @Test
    void fidelityCombinesFlaggedEpochsAndLogicalErrors()
    {
        // 5 % flagged, p = 0.002 at d = 5: p_L = 0.1 * 0.2^3 = 0.0008.
        assertEquals(0.95 * (1 - 0.0008), LinkFidelity.fidelity(200, 6, 4, 0.002, 5), EPS);
        assertEquals(1.0, LinkFidelity.fidelity(100, 0, 0, 0, 5));
    }

    @Test
    void samplesWorkOnTheDeltasOfCumulativeCounters()
    {
        final LinkFidelity estimate = new LinkFidelity(5, 24);
        assertEquals(0.0, estimate.fidelity(), "nothing measured yet");

        // First window: 100 epochs, 10 flagged, 1000 rounds with 48 defects (p = 0.002).
        assertEquals(0.9 * (1 - 0.0008), estimate.sample(100, 4, 6, 1000, 48), EPS);
        // Second window: 100 more epochs, none flagged, 1000 rounds with 24 defects (p = 0.001).
        assertEquals(1 - 1e-4, estimate.sample(200, 4, 6, 2000, 72), EPS);
        // An idle window keeps the last estimate.
        assertEquals(1 - 1e-4, estimate.sample(200, 4, 6, 2000, 72), EPS);
        assertEquals(1 - 1e-4, estimate.fidelity(), EPS);
    }

    @Test
    void aPatchNeedsADistanceAndDetectors()
    {
        assertThrows(IllegalArgumentException.class, () -> new LinkFidelity(0, 24));
        assertThrows(IllegalArgumentException.class, () -> new LinkFidelity(5, 0));
    }
}
