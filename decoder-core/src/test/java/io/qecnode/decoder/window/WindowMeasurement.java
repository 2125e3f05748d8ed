package io.qecnode.decoder.window;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.window.WindowTestSupport.Blocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Quick single-thread timing of streaming decoding against batch decoding of the whole block (the W = R row), on the
 * same pre-sampled blocks: per-round cost of {@code addRound} (median, mean, p99 over every round), reaction time
 * (the last round's {@code addRound} plus {@code finishBlock}: median, p99) and logical errors, with the blocks that
 * only the windowed or only the batch decode got wrong. Configurations are measured in turn, several passes each after
 * a warm-up pass, and each figure is the median over the passes.
 * <p>
 * Not a test: {@code java -cp target/classes:target/test-classes io.qecnode.decoder.window.WindowMeasurement [blocks]
 * [golden dir] [passes] [circuit p list, e.g. 0.001,0.005] [phenomenological p list] [defect cap]}; for error rates
 * at high p pass a cap of 2147483647, so that the cap does not decide the comparison.
 */
final class WindowMeasurement
{
    private static final int[][] CONFIGS = {{0, 0}, {11, 5}, {11, 4}, {9, 3}, {9, 2}, {6, 3}, {4, 2}, {3, 1}};
    private static final int STATS = 5;

    private WindowMeasurement()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final Path golden = args.length > 1 ? Paths.get(args[1]) : GoldenFiles.folder();
        final int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final String[] circuitPs = (args.length > 3 ? args[3] : "0.001").split(",");
        final String[] phenomPs = (args.length > 4 ? args[4] : "0.001").split(",");
        final int cap = args.length > 5 ? Integer.parseInt(args[5]) : WindowConfig.MAX_DEFECTS_PER_WINDOW_DEFAULT;

        for (final String p : phenomPs)
        {
            final SurfaceCodeModel model = SurfaceCodeModel.phenomenological(11, 11, Double.parseDouble(p));
            run("phenomenological d=11 p=" + p, model.graph(), RoundStructure.of(model),
                Blocks.sample(model.graph(), 11, blocks), passes, cap);
        }
        for (final String p : circuitPs)
        {
            final Path dem = golden.resolve("circuit_d11_r11_p" + p).resolve("model.dem");
            if (!Files.isRegularFile(dem))
            {
                System.out.println("golden model absent, skipped: " + dem);
                continue;
            }
            final DetectorErrorModel model = DetectorErrorModel.parse(dem);
            run("circuit d=11 p=" + p + " (golden DEM)", model.graph(), RoundStructure.of(model),
                Blocks.sample(new ErrorSampler(model.errorMechanisms(), 11),
                    new SampledShot(model.errorMechanisms()), blocks), passes, cap);
        }
    }

    private static void run(
        final String name,
        final DecodingGraph graph,
        final RoundStructure rounds,
        final Blocks blocks,
        final int passes,
        final int cap)
    {
        final int roundCount = rounds.roundCount();
        long defectTotal = 0;
        for (final int[] defects : blocks.defects)
        {
            defectTotal += defects.length;
        }
        System.out.printf("%n%s: %s, %d blocks, %.1f defects/block, median of %d passes%n", name, rounds,
            blocks.count(), (double)defectTotal / blocks.count(), passes);

        final StreamingDecoder[] decoders = new StreamingDecoder[CONFIGS.length];
        for (int i = 0; i < CONFIGS.length; i++)
        {
            final int w = CONFIGS[i][0] == 0 ? roundCount : CONFIGS[i][0];
            final int c = CONFIGS[i][0] == 0 ? roundCount : CONFIGS[i][1];
            decoders[i] = new StreamingDecoder(graph, rounds, WindowConfig.of(w, c).maxDefectsPerWindow(cap));
        }
        final long[][] predictions = new long[CONFIGS.length][blocks.count()];
        final double[][][] stats = new double[CONFIGS.length][STATS][passes];
        final BlockFeeder feeder = new BlockFeeder(rounds);
        final long[] roundNs = new long[blocks.count() * roundCount];
        final long[] reactionNs = new long[blocks.count()];
        for (int pass = -1; pass < passes; pass++)
        {
            for (int i = 0; i < CONFIGS.length; i++)
            {
                timePass(decoders[i], feeder, blocks, roundNs, reactionNs, predictions[i]);
                if (pass >= 0)
                {
                    Arrays.sort(roundNs);
                    Arrays.sort(reactionNs);
                    stats[i][0][pass] = roundNs[roundNs.length / 2];
                    stats[i][1][pass] = Arrays.stream(roundNs).average().orElse(0);
                    stats[i][2][pass] = roundNs[(int)(roundNs.length * 0.99)];
                    stats[i][3][pass] = reactionNs[reactionNs.length / 2];
                    stats[i][4][pass] = reactionNs[(int)(reactionNs.length * 0.99)];
                }
            }
        }

        System.out.printf("  %-7s %4s %9s %9s %9s %10s %10s %7s %7s %7s %8s %8s%n", "W,C", "win", "round p50",
            "mean", "p99", "react p50", "react p99", "errors", "w-only", "b-only", "fallback", "def/win");
        for (int i = 0; i < CONFIGS.length; i++)
        {
            final StreamingDecoder decoder = decoders[i];
            int errors = 0;
            int windowOnly = 0;
            int batchOnly = 0;
            for (int b = 0; b < blocks.count(); b++)
            {
                final boolean wrong = predictions[i][b] != blocks.truth[b];
                final boolean batchWrong = predictions[0][b] != blocks.truth[b];
                errors += wrong ? 1 : 0;
                windowOnly += wrong && !batchWrong ? 1 : 0;
                batchOnly += !wrong && batchWrong ? 1 : 0;
            }
            System.out.printf("  %-7s %4d %9.3f %9.3f %9.3f %10.2f %10.2f %7d %7d %7d %8d %8.1f%n",
                decoder.config().windowRounds() + "," + decoder.config().commitRounds(), decoder.windowsPerBlock(),
                median(stats[i][0]) / 1e3, median(stats[i][1]) / 1e3, median(stats[i][2]) / 1e3,
                median(stats[i][3]) / 1e3, median(stats[i][4]) / 1e3, errors, windowOnly, batchOnly,
                decoder.fallbackWindows(), (double)decoder.defectsDecoded() / decoder.windowsDecoded());
        }
    }

    private static void timePass(
        final StreamingDecoder decoder, final BlockFeeder feeder, final Blocks blocks, final long[] roundNs,
        final long[] reactionNs, final long[] predictions)
    {
        final int roundCount = decoder.roundsPerBlock();
        for (int b = 0; b < blocks.count(); b++)
        {
            final int[] sorted = blocks.defects[b];
            int position = 0;
            for (int r = 0; r < roundCount - 1; r++)
            {
                final long startNs = System.nanoTime();
                position = feeder.feedRound(decoder, r, sorted, sorted.length, position);
                roundNs[b * roundCount + r] = System.nanoTime() - startNs;
            }
            final long startNs = System.nanoTime();
            feeder.feedRound(decoder, roundCount - 1, sorted, sorted.length, position);
            final long lastRoundNs = System.nanoTime();
            predictions[b] = decoder.finishBlock();
            final long endNs = System.nanoTime();
            roundNs[b * roundCount + roundCount - 1] = lastRoundNs - startNs;
            reactionNs[b] = endNs - startNs;
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
