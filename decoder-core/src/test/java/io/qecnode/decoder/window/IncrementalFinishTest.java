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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The final window built up round by round must commit exactly what the same windows decoded from scratch commit:
 * the same flips, the same block edges, block for block, over random syndromes on phenomenological and circuit-level
 * graphs. Both the incremental finish and the decode from scratch it falls back to must have run.
 */
class IncrementalFinishTest
{
    @ParameterizedTest
    @CsvSource({
        "3, 0.001, 3, 1",
        "3, 0.02, 3, 1",
        "5, 0.001, 5, 2",
        "5, 0.005, 5, 2",
        "5, 0.02, 4, 2",
        "5, 0.005, 6, 6",
        "7, 0.01, 7, 3",
        "7, 0.01, 5, 3",
        "7, 0.02, 4, 4",
        "7, 0.02, 3, 1",
        "9, 0.005, 9, 4",
        "11, 0.001, 11, 5",
        "11, 0.005, 11, 5",
        "11, 0.01, 7, 2",
        "11, 0.02, 12, 12"})
    void shouldCommitWhatTheWindowsDecodedFromScratchCommitOnPhenomenologicalNoise(
        final int distance, final double p, final int windowRounds, final int commitRounds)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(distance, distance, p);
        final int blockCount = distance <= 5 ? 20_000 : 4_000;
        assertSameCommits(model.graph(), RoundStructure.of(model), Blocks.sample(model.graph(), 31L * distance,
            blockCount), WindowConfig.of(windowRounds, commitRounds), "phenomenological d=" + distance + " p=" + p);
    }

    @ParameterizedTest
    @CsvSource({
        "circuit_d03_r03_p0.005, 3, 1, WEIGHTED",
        "circuit_d05_r05_p0.001, 5, 2, WEIGHTED",
        "circuit_d05_r05_p0.005, 5, 2, WEIGHTED",
        "circuit_d05_r05_p0.005, 6, 6, WEIGHTED",
        "circuit_d07_r07_p0.005, 7, 3, WEIGHTED",
        "circuit_d09_r09_p0.001, 9, 4, WEIGHTED",
        "circuit_d11_r11_p0.001, 11, 5, WEIGHTED",
        "circuit_d11_r11_p0.005, 11, 5, WEIGHTED",
        "circuit_d11_r11_p0.005, 6, 2, WEIGHTED",
        // Exact matching reads only a cluster's own defects and inner edges, so pieces still decode independently.
        "circuit_d05_r05_p0.005, 5, 2, EXACT_SMALL",
        "circuit_d07_r07_p0.005, 7, 3, EXACT_SMALL",
        "circuit_d11_r11_p0.005, 11, 5, EXACT_SMALL"})
    void shouldCommitWhatTheWindowsDecodedFromScratchCommitOnGoldenCircuitModels(
        final String caseName, final int windowRounds, final int commitRounds, final DecoderMode mode)
        throws IOException
    {
        final DetectorErrorModel model = WindowTestSupport.goldenModel(caseName);
        assertSameCommits(model.graph(), RoundStructure.of(model), Blocks.sample(model, 7, 3_000),
            WindowConfig.of(windowRounds, commitRounds).growth(mode), caseName);
    }

    @Test
    void shouldFinishFromScratchExactlyWhenTheStateCannotBeKept()
    {
        // Dense syndromes over a whole block built up round by round: some rounds reach too far to redo locally.
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(11, 11, 0.02);
        final StreamingDecoder decoder = assertSameCommits(model.graph(), RoundStructure.of(model),
            Blocks.sample(model.graph(), 5, 4_000), WindowConfig.of(12, 12), "dense batch");
        assertTrue(decoder.fullFinishes() > 0, "no block finished from scratch");
        assertTrue(decoder.rebuilds() > 0, "no stale state rebuilt");
    }

    @Test
    void shouldLeaveAWindowOverItsCapToTheFallbackAsBefore()
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(7, 7, 0.01);
        final StreamingDecoder decoder = assertSameCommits(model.graph(), RoundStructure.of(model),
            Blocks.sample(model.graph(), 9, 4_000), WindowConfig.of(5, 3).maxDefectsPerWindow(6), "capped");
        assertTrue(decoder.fallbackWindows() > 0, "no window reached the cap");
        assertTrue(decoder.fullFinishes() > 0, "no final window over its cap");
    }

    private static StreamingDecoder assertSameCommits(
        final DecodingGraph graph, final RoundStructure rounds, final Blocks blocks, final WindowConfig config,
        final String description)
    {
        final StreamingDecoder incremental = new StreamingDecoder(graph, rounds, config.incremental(true));
        final StreamingDecoder scratch = new StreamingDecoder(graph, rounds, config.incremental(false));
        final BlockFeeder feeder = new BlockFeeder(rounds);
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] defects = blocks.defects[b];
            final long expected = feeder.decodeBlock(scratch, defects, defects.length);
            final long actual = feeder.decodeBlock(incremental, defects, defects.length);
            final String block = description + " " + config + " block=" + b;
            assertEquals(expected, actual, () -> "flips differ: " + block);
            assertArrayEquals(WindowTestSupport.committedEdges(scratch), WindowTestSupport.committedEdges(incremental),
                () -> "committed edges differ: " + block);
            assertEquals(scratch.unmatchedDefects(), incremental.unmatchedDefects(), block);
            assertEquals(scratch.blockUsedFallback(), incremental.blockUsedFallback(), block);
            assertEquals(0, incremental.residualDefects(), block);
        }
        assertEquals(blocks.count(), incremental.incrementalFinishes() + incremental.fullFinishes());
        assertEquals(scratch.windowsDecoded(), incremental.windowsDecoded());
        assertEquals(scratch.defectsDecoded(), incremental.defectsDecoded());
        assertEquals(0, scratch.incrementalFinishes() + scratch.fullFinishes() + scratch.rebuilds());
        assertTrue(incremental.incrementalFinishes() > 0, "no block finished incrementally: " + description);
        System.out.printf("incremental finish: %s %s blocks=%d incremental=%d full=%d rebuilds=%d localRedos=%d%n",
            description, config, blocks.count(), incremental.incrementalFinishes(), incremental.fullFinishes(),
            incremental.rebuilds(), incremental.localRedos());
        return incremental;
    }
}
