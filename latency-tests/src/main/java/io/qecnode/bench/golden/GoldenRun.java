package io.qecnode.bench.golden;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Decodes every shot of a case and measures the decoder the way the reference figures were measured: shots in
 * memory, the whole loop timed in thread CPU time, repeated, the median taken.
 *
 * @param mistakes       shots whose predicted mask differed from the truth.
 * @param agreements     shots whose predicted mask equalled PyMatching's.
 * @param usPerRound     median decode time per round, microseconds.
 * @param usPerShot      median decode time per shot, microseconds.
 * @param repeatUsPerShot every repeat's decode time per shot, microseconds, in run order.
 */
public record GoldenRun(long mistakes, long agreements, double usPerRound, double usPerShot, double[] repeatUsPerShot)
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * @param graph   the case's decoding graph.
     * @param growth  how the decoder grows clusters.
     * @param shots   the case's shots.
     * @param rounds  syndrome rounds per shot.
     * @param warmups untimed passes first, so that the timed ones measure compiled code.
     * @param repeats timed passes over all shots, at least 1.
     * @return the mistakes (every pass decodes identically) and the median timings.
     */
    public static GoldenRun decode(
        final DecodingGraph graph,
        final DecoderMode growth,
        final GoldenShots shots,
        final int rounds,
        final int warmups,
        final int repeats)
    {
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final DecodeResult result = new DecodeResult(graph);
        final int[][] defects = shots.defects();
        final long[] truth = shots.truth();
        final long[] pymatching = shots.pymatching();
        long mistakes = 0;
        long agreements = 0;
        final double[] usPerShot = new double[repeats];
        for (int pass = 0; pass < warmups; pass++)
        {
            for (final int[] shot : defects)
            {
                decoder.decode(shot, shot.length, result);
            }
        }
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            long repeatMistakes = 0;
            long repeatAgreements = 0;
            final long startNs = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < defects.length; i++)
            {
                final long predicted = decoder.decode(defects[i], defects[i].length, result);
                repeatMistakes += predicted != truth[i] ? 1 : 0;
                repeatAgreements += predicted == pymatching[i] ? 1 : 0;
            }
            usPerShot[repeat] = (THREADS.getCurrentThreadCpuTime() - startNs) / 1000.0 / defects.length;
            mistakes = repeatMistakes;
            agreements = repeatAgreements;
        }
        final double median = median(usPerShot);
        return new GoldenRun(mistakes, agreements, median / rounds, median, usPerShot);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
