package io.qecnode.decoder.window;

import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder times each window where it is decoded, so a block's figures exist even though its final window was
 * decoded inside the last round's {@code addRound}, before {@code finishBlock()} is called.
 */
class StreamingDecodeTimeTest
{
    // d = 5, 10 rounds, windows of 4 committing 2: four windows per block.
    private final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 10, 0.01);
    private final RoundStructure rounds = RoundStructure.of(model);
    private final StreamingDecoder decoder = new StreamingDecoder(model.graph(), rounds, WindowConfig.of(4, 2));
    private final int[] fired = {0, 3};

    @Test
    void shouldReportTheFinalWindowAndTheWholeBlockOfABlockWithDefects()
    {
        assertTrue(decoder.windowsPerBlock() > 1, "several windows: " + decoder.windowsPerBlock());
        for (int round = 0; round < rounds.roundCount(); round++)
        {
            decoder.addRound(round, fired, fired.length);
        }
        decoder.finishBlock();

        final long finalWindowNs = decoder.finalWindowNs();
        final long blockNs = decoder.blockDecodeNs();
        assertTrue(finalWindowNs > 0, "the final window was decoded inside the last addRound: " + finalWindowNs);
        // Every window held defects and took time: the block's sum is more than its final window alone.
        assertTrue(blockNs > finalWindowNs, "block " + blockNs + " ns, final window " + finalWindowNs + " ns");
    }

    @Test
    void shouldKeepTheFinishedBlocksFiguresWhileTheNextBlockArrives()
    {
        for (int round = 0; round < rounds.roundCount(); round++)
        {
            decoder.addRound(round, fired, fired.length);
        }
        decoder.finishBlock();
        final long finalWindowNs = decoder.finalWindowNs();
        final long blockNs = decoder.blockDecodeNs();

        // Half of the next block: two of its windows are decoded, none of it is finished.
        for (int round = 0; round < rounds.roundCount() / 2; round++)
        {
            decoder.addRound(round, fired, fired.length);
        }
        assertEquals(finalWindowNs, decoder.finalWindowNs());
        assertEquals(blockNs, decoder.blockDecodeNs());

        decoder.resetBlock();
        assertEquals(blockNs, decoder.blockDecodeNs(), "an abandoned block reports nothing of its own");
    }
}
