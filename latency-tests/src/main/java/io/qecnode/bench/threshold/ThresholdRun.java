package io.qecnode.bench.threshold;

import io.qecnode.decoder.experiment.MemoryExperiment;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SurfaceCodeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a memory experiment at every (distance, p) pair and collects the points.
 * <p>
 * Each point gets its own seed derived from the base seed, the distance and the index of p, so a point can be
 * rerun alone and gives the same result.
 */
public final class ThresholdRun
{
    private static final long CHUNK_SHOTS = 1_000;

    private final NoiseModel noise;
    private final int[] distances;
    private final double[] probabilities;
    private final int rounds;
    private final long shots;
    private final long seed;

    /**
     * @param noise         noise model.
     * @param distances     code distances.
     * @param probabilities physical error probabilities.
     * @param rounds        noisy rounds per shot for phenomenological noise; 0 means d rounds.
     * @param shots         shots per point.
     * @param seed          base seed.
     */
    public ThresholdRun(
        final NoiseModel noise,
        final int[] distances,
        final double[] probabilities,
        final int rounds,
        final long shots,
        final long seed)
    {
        this.noise = noise;
        this.distances = distances.clone();
        this.probabilities = probabilities.clone();
        this.rounds = rounds;
        this.shots = shots;
        this.seed = seed;
    }

    /**
     * @param distance code distance.
     * @return noisy rounds per shot at this distance.
     */
    public int roundsAt(final int distance)
    {
        if (noise == NoiseModel.CODE_CAPACITY)
        {
            return 1;
        }
        return rounds > 0 ? rounds : distance;
    }

    /**
     * @param distance code distance.
     * @param pIndex   index of p in the run's list.
     * @return the seed of that point.
     */
    public long seedOf(final int distance, final int pIndex)
    {
        return seedFor(seed, distance * 1_000L + pIndex + 1);
    }

    /**
     * @param base the run's seed.
     * @param key  what tells the point apart within the run.
     * @return a point's seed: SplitMix64's finish of the base plus the key times the golden gamma, so neighbouring
     * keys give unrelated streams.
     */
    static long seedFor(final long base, final long key)
    {
        long z = base + 0x9E3779B97F4A7C15L * key;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param onPoint  called with each finished point, in order.
     * @param progress called with a progress message now and then during long points.
     * @return every point, distances outer and p inner.
     */
    public List<ThresholdPoint> run(final Consumer<ThresholdPoint> onPoint, final Consumer<String> progress)
    {
        final List<ThresholdPoint> points = new ArrayList<>();
        final int total = distances.length * probabilities.length;
        int index = 0;
        for (final int d : distances)
        {
            for (int pi = 0; pi < probabilities.length; pi++)
            {
                index++;
                final double p = probabilities[pi];
                final int pointRounds = roundsAt(d);
                final long pointSeed = seedOf(d, pi);
                final MemoryExperiment experiment =
                    new MemoryExperiment(SurfaceCodeModel.of(noise, d, pointRounds, p).graph(), pointSeed);
                long lastReportNs = System.nanoTime();
                while (experiment.shots() < shots)
                {
                    experiment.run(Math.min(CHUNK_SHOTS, shots - experiment.shots()));
                    final long nowNs = System.nanoTime();
                    if (nowNs - lastReportNs > 2_000_000_000L)
                    {
                        lastReportNs = nowNs;
                        progress.accept(String.format("point %d/%d d=%d p=%s: %d/%d shots, %d logical errors",
                            index, total, d, p, experiment.shots(), shots, experiment.logicalErrors()));
                    }
                }
                final ThresholdPoint point = new ThresholdPoint(noise, d, pointRounds, p, pointSeed,
                    experiment.shots(), experiment.logicalErrors(), experiment.decodeNs(), experiment.meanDefects());
                points.add(point);
                onPoint.accept(point);
            }
        }
        return points;
    }
}
