package io.qecnode.decoder.window;

import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rounds must arrive in order, each once, and name detectors of their own round; everything else is refused with
 * the facts in the message, and the decoder stays usable.
 */
class StreamingRoundOrderTest
{
    private static final int[] NONE = new int[0];

    // d = 3: 8 detectors per round, 4 rounds.
    private final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(3, 3, 0.01);
    private final StreamingDecoder decoder =
        new StreamingDecoder(model.graph(), RoundStructure.of(model), WindowConfig.of(2, 1));

    @Test
    void shouldRefuseARoundBeforeItsTurn()
    {
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> decoder.addRound(1, NONE, 0));
        assertMessage(error, "round out of order", "round=1", "expectedRound=0", "roundsPerBlock=4");
    }

    @Test
    void shouldRefuseAGapInTheRounds()
    {
        decoder.addEmptyRound(0);
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> decoder.addRound(2, new int[]{1}, 1));
        assertMessage(error, "round=2", "expectedRound=1");
        assertThrows(IllegalStateException.class, () -> decoder.addEmptyRound(0), "a repeated round is refused too");

        decoder.addRound(1, NONE, 0);
        assertEquals(2, decoder.nextRound());
    }

    @Test
    void shouldRefuseANewBlockBeforeTheLastIsFinished()
    {
        feedEmptyBlock();
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> decoder.addEmptyRound(0));
        assertMessage(error, "block complete", "round=0", "expectedRound=4");
        assertMessage(assertThrows(IllegalStateException.class, () -> decoder.addRound(4, NONE, 0)),
            "block complete", "round=4", "expectedRound=4");
        assertEquals(0L, decoder.finishBlock());
        decoder.addEmptyRound(0);
    }

    @Test
    void shouldRefuseToFinishAnIncompleteBlock()
    {
        decoder.addEmptyRound(0);
        decoder.addEmptyRound(1);
        final IllegalStateException error = assertThrows(IllegalStateException.class, decoder::finishBlock);
        assertMessage(error, "block incomplete", "roundsTaken=2", "roundsPerBlock=4");
    }

    @Test
    void shouldRefuseADetectorOutsideItsRoundAndTakeNothingIn()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> decoder.addRound(0, new int[]{3, 8}, 2));
        assertMessage(error, "round=0", "detector=8", "index=1", "detectorCount=8");
        assertThrows(IllegalArgumentException.class, () -> decoder.addRound(0, new int[]{-1}, 1));
        assertThrows(IllegalArgumentException.class, () -> decoder.addRound(0, new int[]{1}, 2));

        // Nothing of the refused calls was taken in: a clean block decodes to no flip and no residual.
        feedEmptyBlock();
        assertEquals(0L, decoder.finishBlock());
        assertEquals(0, decoder.residualDefects());
        assertEquals(0, decoder.committedEdgeCount());
    }

    @Test
    void shouldDropABlockInProgressOnReset()
    {
        decoder.addRound(0, new int[]{0, 5}, 2);
        decoder.addRound(1, new int[]{2}, 1);
        decoder.resetBlock();
        assertEquals(0, decoder.nextRound());
        assertEquals(0, decoder.residualDefects());

        feedEmptyBlock();
        assertEquals(0L, decoder.finishBlock());
        assertFalse(decoder.blockUsedFallback());
    }

    @Test
    void shouldRefuseRoundsThatDoNotCoverTheGraph()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new StreamingDecoder(model.graph(), RoundStructure.uniform(3, 8),
                WindowConfig.of(11, 5)));
        assertMessage(error, "roundDetectors=24", "graphDetectors=32");
    }

    @Test
    void shouldRefuseAWindowThatLeavesADetectorNoWayToTheBoundary()
    {
        // The closing perfect round of a phenomenological block only has edges down into the round before it, so a
        // final window holding it alone could not match its defects.
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new StreamingDecoder(model.graph(), RoundStructure.of(model), WindowConfig.of(1, 1)));
        assertMessage(error, "no way to the boundary", "round=3", "windowFirstRound=3", "windowRounds=1");
    }

    @Test
    void shouldDecodeEmptyRoundsAsNothingHappened()
    {
        final long windowsBefore = decoder.windowsDecoded();
        feedEmptyBlock();
        assertEquals(0L, decoder.finishBlock());
        assertEquals(windowsBefore + decoder.windowsPerBlock(), decoder.windowsDecoded());
        assertEquals(3, decoder.windowsPerBlock());
        assertEquals(4, decoder.roundsPerBlock());
        assertEquals(0, decoder.unmatchedDefects());
    }

    private void feedEmptyBlock()
    {
        for (int round = 0; round < decoder.roundsPerBlock(); round++)
        {
            decoder.addEmptyRound(round);
        }
    }

    private static void assertMessage(final RuntimeException error, final String... facts)
    {
        for (final String fact : facts)
        {
            assertTrue(error.getMessage().contains(fact), () -> "missing " + fact + " in: " + error.getMessage());
        }
    }
}
