package io.qecnode.decoder.window;

import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over long runs the windowed logical error rate stays within statistical error of batch decoding the same blocks.
 * <p>
 * Bound: {@code windowed <= 1.2 * batch + 4 sigma}, sigma the combined binomial standard deviation of the two rates,
 * {@code sqrt(w(1-w)/n + b(1-b)/n)}, each count floored at 1. Both decode the same blocks, so their errors are
 * correlated and the true spread of the difference is smaller: the bound does not fail on noise. The 1.2 allows for
 * the seams between windows: measured at d = 11, 6 rounds of lookahead gave 1.00 times batch phenomenological and
 * 1.06-1.12 times circuit-level. What the bound catches is a window that loses distance outright: 2 to 3 rounds of
 * lookahead gave 2.6-3.5 times batch here (d = 11, p = 0.015); a 30% loss (3 rounds) would pass at these counts.
 */
class StreamingLogicalErrorRateTest
{
    private static final double RATIO_BOUND = 1.2;
    private static final double SIGMAS = 4.0;

    @ParameterizedTest
    @CsvSource({
        "7, 0.01, 6, 2, 128, 30000",
        "11, 0.005, 11, 5, 128, 20000",
        "11, 0.015, 11, 5, 2147483647, 20000"})
    void shouldStayWithinStatisticalErrorOfBatchDecoding(
        final int distance, final double p, final int windowRounds, final int commitRounds, final int maxDefects,
        final int blockCount)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(distance, distance, p);
        final RoundStructure rounds = RoundStructure.of(model);
        final WindowConfig config = WindowConfig.of(windowRounds, commitRounds).maxDefectsPerWindow(maxDefects);
        final StreamingDecoder streaming = new StreamingDecoder(model.graph(), rounds, config);
        final UnionFindDecoder batch = new UnionFindDecoder(model.graph(), config.growth());
        final DecodeResult result = new DecodeResult(model.graph());
        final BlockFeeder feeder = new BlockFeeder(rounds);
        final Blocks blocks = Blocks.sample(model.graph(), 1000L * distance + windowRounds, blockCount);

        int windowedErrors = 0;
        int batchErrors = 0;
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] defects = blocks.defects[b];
            windowedErrors += feeder.decodeBlock(streaming, defects, defects.length) != blocks.truth[b] ? 1 : 0;
            batchErrors += batch.decode(defects, defects.length, result) != blocks.truth[b] ? 1 : 0;
        }

        final double n = blocks.count();
        final double windowed = windowedErrors / n;
        final double batched = batchErrors / n;
        // A count of 0 is known only to about one in n: floor each count at 1 so that no error at all is no licence.
        final double windowedFloor = Math.max(windowedErrors, 1) / n;
        final double batchFloor = Math.max(batchErrors, 1) / n;
        final double sigma = Math.sqrt(windowedFloor * (1 - windowedFloor) / n + batchFloor * (1 - batchFloor) / n);
        final double bound = RATIO_BOUND * batched + SIGMAS * sigma;
        System.out.printf("logical error rate: d=%d p=%s %s blocks=%d windowed=%.3e (%d) batch=%.3e (%d) " +
            "bound=%.3e%n", distance, p, config, blocks.count(), windowed, windowedErrors, batched, batchErrors, bound);

        assertTrue(streaming.windowsPerBlock() > 1, "the run must exercise real windows");
        assertEquals(0, streaming.fallbackWindows(), "the cap must not decide the comparison");
        assertTrue(windowed <= bound, () -> String.format(
            "windowed rate beyond batch: windowed=%.3e, batch=%.3e, bound=%.3e", windowed, batched, bound));
    }
}
