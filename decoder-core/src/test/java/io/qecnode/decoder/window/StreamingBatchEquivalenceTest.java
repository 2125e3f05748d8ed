package io.qecnode.decoder.window;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A window at least as long as the block is batch decoding: the streaming decoder must give exactly what
 * {@link UnionFindDecoder} gives on the whole block, correction edge for correction edge.
 */
class StreamingBatchEquivalenceTest
{
    @ParameterizedTest
    @CsvSource({
        "5, 0.02, 12, WEIGHTED",
        "5, 0.02, 6, UNWEIGHTED",
        "7, 0.01, 8, WEIGHTED",
        "7, 0.01, 100, UNWEIGHTED"})
    void shouldMatchBatchDecodingOfTheWholeBlockOnPhenomenologicalNoise(
        final int distance, final double p, final int windowRounds, final DecoderMode growth)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(distance, distance, p);
        assertMatchesBatch(model.graph(), RoundStructure.of(model), Blocks.sample(model.graph(), distance, 5000),
            windowRounds, growth);
    }

    @ParameterizedTest
    @CsvSource({
        "circuit_d05_r05_p0.001, WEIGHTED",
        "circuit_d05_r05_p0.005, WEIGHTED",
        "circuit_d05_r05_p0.005, UNWEIGHTED",
        "circuit_d05_r05_p0.005, CORRELATED",
        "circuit_d07_r07_p0.005, WEIGHTED"})
    void shouldMatchBatchDecodingOfTheWholeBlockOnAGoldenCircuitModel(final String caseName, final DecoderMode growth)
        throws IOException
    {
        final DetectorErrorModel model = WindowTestSupport.goldenModel(caseName);
        final RoundStructure rounds = RoundStructure.of(model);
        assertMatchesBatch(model.graph(), rounds, Blocks.sample(model, 5, 5000), rounds.roundCount(), growth);
    }

    private static void assertMatchesBatch(
        final DecodingGraph graph, final RoundStructure rounds, final Blocks blocks, final int windowRounds,
        final DecoderMode growth)
    {
        final StreamingDecoder streaming =
            new StreamingDecoder(graph, rounds, new WindowConfig(windowRounds, 1, Integer.MAX_VALUE, growth));
        assertEquals(1, streaming.windowsPerBlock());
        assertSame(graph, streaming.window(0).graph, "a single window decodes on the block graph itself");
        final UnionFindDecoder batch = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        final BlockFeeder feeder = new BlockFeeder(rounds);

        int nonTrivial = 0;
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] defects = blocks.defects[b];
            final long expected = batch.decode(defects, defects.length, result);
            final long actual = feeder.decodeBlock(streaming, defects, defects.length);

            final int block = b;
            assertEquals(expected, actual, () -> "flips differ from batch: block=" + block);
            assertArrayEquals(
                GraphTestSupport.sortedPrefix(result.correctionEdges(), result.correctionCount()),
                WindowTestSupport.committedEdges(streaming),
                () -> "correction differs from batch: block=" + block);
            assertEquals(result.unmatchedDefects(), streaming.unmatchedDefects());
            nonTrivial += expected != 0 ? 1 : 0;
        }
        assertEquals(blocks.count(), streaming.windowsDecoded());
        assertEquals(0, streaming.fallbackWindows());
        System.out.printf("batch equivalence: %s growth=%s blocks=%d blocksWithFlips=%d%n",
            rounds, growth, blocks.count(), nonTrivial);
    }
}
