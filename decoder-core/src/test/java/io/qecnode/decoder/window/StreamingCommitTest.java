package io.qecnode.decoder.window;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the windows commit, over a whole block, must light exactly the block's syndrome, whatever the window and
 * commit length; and nothing may build up from block to block.
 */
class StreamingCommitTest
{
    @ParameterizedTest
    @CsvSource({
        "2, 1, WEIGHTED",
        "2, 2, UNWEIGHTED",
        "3, 1, UNWEIGHTED",
        "3, 2, WEIGHTED",
        "3, 3, WEIGHTED",
        "4, 2, UNWEIGHTED",
        "5, 3, WEIGHTED",
        "6, 3, WEIGHTED",
        "11, 5, WEIGHTED"})
    void shouldCommitCorrectionsThatReproduceEachBlockSyndromeOnPhenomenologicalNoise(
        final int windowRounds, final int commitRounds, final DecoderMode growth)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 11, 0.02);
        assertCommitsReproduceSyndromes(model.graph(), RoundStructure.of(model),
            Blocks.sample(model.graph(), windowRounds * 31L + commitRounds, 1500),
            new WindowConfig(windowRounds, commitRounds, Integer.MAX_VALUE, growth));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "5, 5"})
    void shouldCommitCorrectionsThatReproduceEachBlockSyndromeOnAGoldenCircuitModel(
        final int windowRounds, final int commitRounds) throws IOException
    {
        final DetectorErrorModel model = WindowTestSupport.goldenModel("circuit_d05_r05_p0.005");
        assertCommitsReproduceSyndromes(model.graph(), RoundStructure.of(model), Blocks.sample(model, 17, 1500),
            WindowConfig.of(windowRounds, commitRounds));
    }

    @Test
    void shouldKeepItsStateFixedAndGiveTheSameAnswersAfterManyBlocks()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(5, 5, 0.03);
        final RoundStructure rounds = RoundStructure.of(model);
        final StreamingDecoder decoder = new StreamingDecoder(model.graph(), rounds, WindowConfig.of(3, 1));
        final BlockFeeder feeder = new BlockFeeder(rounds);
        final Blocks probe = Blocks.sample(model.graph(), 1, 200);
        final Blocks traffic = Blocks.sample(model.graph(), 2, 2000);
        final int footprint = decoder.blockStateFootprint();

        final long[] firstFlips = new long[probe.count()];
        final int[][] firstEdges = new int[probe.count()][];
        for (int b = 0; b < probe.count(); b++)
        {
            firstFlips[b] = feeder.decodeBlock(decoder, probe.defects[b], probe.defects[b].length);
            firstEdges[b] = WindowTestSupport.committedEdges(decoder);
        }
        final int passes = 10;
        for (int pass = 0; pass < passes; pass++)
        {
            for (int b = 0; b < traffic.count(); b++)
            {
                feeder.decodeBlock(decoder, traffic.defects[b], traffic.defects[b].length);
            }
        }
        for (int b = 0; b < probe.count(); b++)
        {
            final int block = b;
            assertEquals(firstFlips[b], feeder.decodeBlock(decoder, probe.defects[b], probe.defects[b].length),
                () -> "flips changed after many blocks: block=" + block);
            assertArrayEquals(firstEdges[b], WindowTestSupport.committedEdges(decoder),
                () -> "correction changed after many blocks: block=" + block);
        }

        final long blocks = 2L * probe.count() + (long)passes * traffic.count();
        assertEquals(footprint, decoder.blockStateFootprint(), "per-block state must not grow");
        assertEquals(blocks * decoder.windowsPerBlock(), decoder.windowsDecoded(), "windows per block are fixed");
        assertEquals(4, decoder.windowsPerBlock(), "R=6, W=3, C=1: windows start at rounds 0, 1, 2, 3");
    }

    private static void assertCommitsReproduceSyndromes(
        final DecodingGraph graph, final RoundStructure rounds, final Blocks blocks, final WindowConfig config)
    {
        final StreamingDecoder decoder = new StreamingDecoder(graph, rounds, config);
        final BlockFeeder feeder = new BlockFeeder(rounds);
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] defects = blocks.defects[b];
            final long flips = feeder.decodeBlock(decoder, defects, defects.length);
            WindowTestSupport.assertCommitsReproduceSyndrome(decoder, defects, flips, "block=" + b + ", " + config);
            assertEquals(0, decoder.unmatchedDefects(), () -> "unmatched defects: " + config);
            assertEquals(0, decoder.residualDefects(), () -> "residual left lit: " + config);
        }
        assertEquals((long)blocks.count() * decoder.windowsPerBlock(), decoder.windowsDecoded());
        assertEquals(0, decoder.fallbackWindows());
        System.out.printf("commits reproduce syndromes: %s %s windowsPerBlock=%d blocks=%d defectsDecoded=%d%n",
            rounds, config, decoder.windowsPerBlock(), blocks.count(), decoder.defectsDecoded());
    }
}
