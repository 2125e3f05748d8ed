package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws shots from a noise model: each {@link ErrorMechanisms mechanism} fires independently with its probability,
 * flipping its detectors and observables; a decoding graph is read as one mechanism per edge. Deterministic for a
 * seed; allocation-free per shot.
 * <p>
 * Mechanisms with the same probability form a group sampled by geometric skipping: the gap to the next firing
 * mechanism is drawn directly, so a shot costs one random number per fired mechanism plus one per group, not one per
 * mechanism.
 * <p>
 * <b>Note:</b> not thread-safe; use one sampler per thread.
 */
public final class ErrorSampler
{
    private final DecodingGraph graph;
    private final ErrorMechanisms mechanisms;
    private final SplittableRandom random;
    // Mechanisms sorted by probability; group g covers groupedMechanisms[groupStart[g] .. groupStart[g + 1]).
    private final int[] groupedMechanisms;
    private final int[] groupStart;
    // ln(1 - p) of each group, the denominator of the geometric gap.
    private final double[] groupLogMiss;
    private final boolean[] groupAlwaysFires;
    // Flips of each detector in the shot being drawn; non-zero exactly for the detectors listed in litDetectors.
    private final int[] detectorParity;
    private final int[] litDetectors;

    /**
     * @param graph the error model, one independent mechanism per edge.
     * @param seed  seed of the random stream.
     */
    public ErrorSampler(final DecodingGraph graph, final long seed)
    {
        this(graph, ErrorMechanisms.of(graph), seed);
    }

    /**
     * @param mechanisms the error model.
     * @param seed       seed of the random stream.
     */
    public ErrorSampler(final ErrorMechanisms mechanisms, final long seed)
    {
        this(null, mechanisms, seed);
    }

    private ErrorSampler(final DecodingGraph graph, final ErrorMechanisms mechanisms, final long seed)
    {
        this.graph = graph;
        this.mechanisms = mechanisms;
        this.random = new SplittableRandom(seed);

        final int mechanismCount = mechanisms.mechanismCount();
        final Integer[] order = new Integer[mechanismCount];
        for (int m = 0; m < mechanismCount; m++)
        {
            order[m] = m;
        }
        // A stable sort keeps mechanism order within a group, so a seed draws the same shots as it always has.
        Arrays.sort(order, (a, b) -> Double.compare(mechanisms.probability(a), mechanisms.probability(b)));
        groupedMechanisms = new int[mechanismCount];
        final int[] starts = new int[mechanismCount + 1];
        int groups = 0;
        for (int i = 0; i < mechanismCount; i++)
        {
            groupedMechanisms[i] = order[i];
            if (i == 0 || mechanisms.probability(order[i]) != mechanisms.probability(order[i - 1]))
            {
                starts[groups++] = i;
            }
        }
        starts[groups] = mechanismCount;
        groupStart = Arrays.copyOf(starts, groups + 1);
        groupLogMiss = new double[groups];
        groupAlwaysFires = new boolean[groups];
        for (int g = 0; g < groups; g++)
        {
            final double p = mechanisms.probability(groupedMechanisms[groupStart[g]]);
            groupLogMiss[g] = Math.log1p(-p);
            groupAlwaysFires[g] = p >= 1.0;
        }
        detectorParity = new int[mechanisms.detectorCount()];
        litDetectors = new int[mechanisms.detectorCount()];
    }

    /** @return the graph sampled from, or null when the sampler was built from {@link ErrorMechanisms}. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /** @return the mechanisms sampled from; for a graph, one per edge with the edge's index. */
    public ErrorMechanisms mechanisms()
    {
        return mechanisms;
    }

    /**
     * Draw one shot.
     *
     * @param shot receives the fired mechanisms (as {@link SampledShot#firedEdges()}), the defects (in order of first
     *             flip) and the observable flips; sized for this sampler's model.
     * @throws IllegalArgumentException when the shot's buffers are too small for the model.
     */
    public void sample(final SampledShot shot)
    {
        checkCapacity(shot);
        final int[] fired = shot.firedEdges;
        int firedCount = 0;
        for (int g = 0, groups = groupLogMiss.length; g < groups; g++)
        {
            final int start = groupStart[g];
            final int end = groupStart[g + 1];
            if (groupAlwaysFires[g])
            {
                for (int i = start; i < end; i++)
                {
                    fired[firedCount++] = groupedMechanisms[i];
                }
                continue;
            }
            final double logMiss = groupLogMiss[g];
            double position = start - 1;
            while (true)
            {
                // Gap before the next firing mechanism is geometric: floor(ln(U) / ln(1-p)), U uniform in (0, 1].
                position += 1.0 + Math.floor(Math.log(1.0 - random.nextDouble()) / logMiss);
                if (position >= end)
                {
                    break;
                }
                fired[firedCount++] = groupedMechanisms[(int)position];
            }
        }
        shot.firedEdgeCount = firedCount;
        applyFired(shot);
    }

    /**
     * Fill a shot from a given set of fired mechanisms instead of sampling, e.g. to enumerate errors exhaustively.
     *
     * @param edges     the mechanisms (for a graph: the edges) that fire.
     * @param edgeCount number of entries to take from the array.
     * @param shot      receives the defects and observable flips.
     */
    public void fromEdges(final int[] edges, final int edgeCount, final SampledShot shot)
    {
        checkCapacity(shot);
        System.arraycopy(edges, 0, shot.firedEdges, 0, edgeCount);
        shot.firedEdgeCount = edgeCount;
        applyFired(shot);
    }

    private void checkCapacity(final SampledShot shot)
    {
        if (shot.firedEdges.length < groupedMechanisms.length || shot.defects.length < detectorParity.length)
        {
            throw new IllegalArgumentException("shot buffers too small for the model: firedCapacity=" +
                shot.firedEdges.length + ", mechanisms=" + groupedMechanisms.length + ", defectCapacity=" +
                shot.defects.length + ", detectors=" + detectorParity.length);
        }
    }

    private void applyFired(final SampledShot shot)
    {
        final ErrorMechanisms mechanisms = this.mechanisms;
        final int[] parity = detectorParity;
        final int[] lit = litDetectors;
        int litCount = 0;
        long observables = 0;
        for (int i = 0, n = shot.firedEdgeCount; i < n; i++)
        {
            final int mechanism = shot.firedEdges[i];
            observables ^= mechanisms.observables(mechanism);
            for (int k = mechanisms.detectorStart(mechanism), end = mechanisms.detectorEnd(mechanism); k < end; k++)
            {
                final int detector = mechanisms.detectorAt(k);
                if (parity[detector]++ == 0)
                {
                    lit[litCount++] = detector;
                }
            }
        }
        int defectCount = 0;
        for (int i = 0; i < litCount; i++)
        {
            final int detector = lit[i];
            if ((parity[detector] & 1) != 0)
            {
                shot.defects[defectCount++] = detector;
            }
            parity[detector] = 0;
        }
        shot.defectCount = defectCount;
        shot.observableFlips = observables;
    }
}
