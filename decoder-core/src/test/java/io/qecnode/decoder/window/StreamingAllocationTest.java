package io.qecnode.decoder.window;

import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingAllocationTest
{
    private static final int ROUNDS_MEASURED = 100_000;

    @ParameterizedTest
    @CsvSource({"4, 2, 128", "3, 1, 3", "11, 5, 128"})
    void shouldAllocateNothingOverAHundredThousandRoundsAfterWarmUp(
        final int windowRounds, final int commitRounds, final int maxDefects)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(7, 11, 0.01);
        final RoundStructure rounds = RoundStructure.of(model);
        final StreamingDecoder decoder = new StreamingDecoder(
            model.graph(), rounds, WindowConfig.of(windowRounds, commitRounds).maxDefectsPerWindow(maxDefects));
        final BlockFeeder feeder = new BlockFeeder(rounds);
        final Blocks blocks = Blocks.sample(model.graph(), 21, 1000);
        final int blocksMeasured = ROUNDS_MEASURED / rounds.roundCount();
        final long[] sink = new long[1];

        final Runnable section = () ->
        {
            for (int i = 0; i < blocksMeasured; i++)
            {
                final int[] defects = blocks.defects[i % blocks.count()];
                int position = 0;
                for (int round = 0; round < rounds.roundCount(); round++)
                {
                    position = feeder.feedRound(decoder, round, defects, defects.length, position);
                }
                sink[0] ^= decoder.finishBlock();
            }
        };
        section.run();
        section.run();

        final long windowsBefore = decoder.windowsDecoded();
        final long bytes = AllocationMeter.leastBytesAllocatedBy(section, 3);
        assertEquals(0, bytes, "bytes allocated over " + ROUNDS_MEASURED + " rounds");
        assertTrue(decoder.windowsDecoded() > windowsBefore);
        assertTrue(decoder.incrementalFinishes() > 0 && decoder.localRedos() > 0,
            "the final window must have been built up, redone locally too");
        if (maxDefects < 10)
        {
            assertTrue(decoder.fallbackWindows() > 0, "the fallback path must have run too");
        }
    }
}
