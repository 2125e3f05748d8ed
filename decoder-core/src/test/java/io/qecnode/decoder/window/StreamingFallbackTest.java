package io.qecnode.decoder.window;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window holding more defects than the cap goes to the bounded fallback: counted, the block flagged, and its
 * commits still reproduce the syndrome.
 */
class StreamingFallbackTest
{
    @Test
    void shouldDecodeAnOverfullWindowByTheFallbackAndFlagTheBlock()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 5, 0.01);
        final RoundStructure rounds = RoundStructure.of(model);
        final StreamingDecoder decoder = new StreamingDecoder(
            model.graph(), rounds, WindowConfig.of(3, 1).maxDefectsPerWindow(3));
        final BlockFeeder feeder = new BlockFeeder(rounds);

        // Six defects in round 0: window 0 (rounds 0-2) holds more than three.
        final int[] burst = {0, 2, 5, 9, 13, 20};
        final long flips = feeder.decodeBlock(decoder, burst, burst.length);
        assertTrue(decoder.blockUsedFallback());
        assertTrue(decoder.fallbackWindows() >= 1, "fallbackWindows=" + decoder.fallbackWindows());
        assertEquals(0, decoder.unmatchedDefects());
        assertEquals(0, decoder.residualDefects());
        WindowTestSupport.assertCommitsReproduceSyndrome(decoder, burst, flips, "burst");

        final long fallbackWindows = decoder.fallbackWindows();
        final int[] quiet = {3, 27};
        final long quietFlips = feeder.decodeBlock(decoder, quiet, quiet.length);
        assertFalse(decoder.blockUsedFallback(), "the flag covers one block");
        assertEquals(fallbackWindows, decoder.fallbackWindows());
        WindowTestSupport.assertCommitsReproduceSyndrome(decoder, quiet, quietFlips, "quiet");
    }

    @Test
    void shouldGiveALargeWindowACapThatGrowsWithItsDetectors()
    {
        // d = 25 decoded a block at a time: about 7,800 detectors in one window. 200 scattered defects are well
        // within a healthy block's tail there, but above the old fixed cap of 128.
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(25, 25, 0.001);
        final RoundStructure rounds = RoundStructure.of(model);
        final int blockRounds = rounds.roundCount();
        final WindowConfig grown = WindowConfig.of(blockRounds, blockRounds);
        final int detectors = model.graph().detectorCount();
        assertEquals(detectors / WindowConfig.DETECTORS_PER_DEFECT_DEFAULT, grown.defectCap(detectors));
        final int[] defects = new int[200];
        for (int i = 0; i < defects.length; i++)
        {
            defects[i] = i * (detectors / defects.length);
        }
        final BlockFeeder feeder = new BlockFeeder(rounds);

        final StreamingDecoder decoder = new StreamingDecoder(model.graph(), rounds, grown);
        final long flips = feeder.decodeBlock(decoder, defects, defects.length);
        assertFalse(decoder.blockUsedFallback(), "200 defects in " + detectors + " detectors go to union-find");
        WindowTestSupport.assertCommitsReproduceSyndrome(decoder, defects, flips, "d=25");

        final StreamingDecoder fixed = new StreamingDecoder(model.graph(), rounds,
            grown.maxDefectsPerWindow(WindowConfig.MAX_DEFECTS_PER_WINDOW_DEFAULT));
        feeder.decodeBlock(fixed, defects, defects.length);
        assertTrue(fixed.blockUsedFallback(), "a cap set explicitly stays fixed");
    }

    @ParameterizedTest
    @CsvSource({"2, 1, 0", "3, 1, 6", "4, 2, 10", "12, 12, 45"})
    void shouldReproduceEverySyndromeWhateverMixOfFallbackAndUnionFind(
        final int windowRounds, final int commitRounds, final int maxDefects)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 11, 0.03);
        assertFallbackReproducesSyndromes(model.graph(), RoundStructure.of(model),
            Blocks.sample(model.graph(), 3, 1000),
            WindowConfig.of(windowRounds, commitRounds).maxDefectsPerWindow(maxDefects));
    }

    @Test
    void shouldReproduceEverySyndromeOfAGoldenCircuitModelByTheFallbackAlone() throws IOException
    {
        final DetectorErrorModel model = WindowTestSupport.goldenModel("circuit_d05_r05_p0.005");
        assertFallbackReproducesSyndromes(model.graph(), RoundStructure.of(model), Blocks.sample(model, 9, 1000),
            WindowConfig.of(3, 1).maxDefectsPerWindow(0));
    }

    private static void assertFallbackReproducesSyndromes(
        final DecodingGraph graph, final RoundStructure rounds, final Blocks blocks, final WindowConfig config)
    {
        final StreamingDecoder decoder = new StreamingDecoder(graph, rounds, config);
        final BlockFeeder feeder = new BlockFeeder(rounds);
        int flaggedBlocks = 0;
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] defects = blocks.defects[b];
            final long flips = feeder.decodeBlock(decoder, defects, defects.length);
            WindowTestSupport.assertCommitsReproduceSyndrome(decoder, defects, flips, "block=" + b + ", " + config);
            assertEquals(0, decoder.unmatchedDefects());
            flaggedBlocks += decoder.blockUsedFallback() ? 1 : 0;
        }
        System.out.printf("fallback: %s %s blocks=%d flaggedBlocks=%d fallbackWindows=%d of %d%n", rounds, config,
            blocks.count(), flaggedBlocks, decoder.fallbackWindows(), decoder.windowsDecoded());
        assertTrue(decoder.fallbackWindows() > 0, "the cap must have been reached");
        assertTrue(decoder.fallbackWindows() < decoder.windowsDecoded() || config.maxDefectsPerWindow() == 0);
        assertTrue(flaggedBlocks <= decoder.fallbackWindows());
    }
}
