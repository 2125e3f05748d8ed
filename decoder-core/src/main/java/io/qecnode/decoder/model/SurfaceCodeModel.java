package io.qecnode.decoder.model;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;

/**
 * A rotated surface code memory under a {@link NoiseModel}, as one decoding graph holding both error types.
 * <p>
 * Detectors are numbered layer by layer; layer t holds {@code detectorsPerLayer()} detectors: first the Z-type
 * stabilizers (they see X errors), then the X-type stabilizers (they see Z errors). Detector (t, s) compares the
 * outcome of stabilizer s in round t with round t-1 (round -1 is the clean initial state). The Z-type and X-type
 * detectors form two disconnected sub-graphs, so one decode returns both logical bits:
 * <pre>
 *   observable bit 0 ({@link #LOGICAL_X_FLIP}): the X errors flipped the logical qubit (seen by logical Z)
 *   observable bit 1 ({@link #LOGICAL_Z_FLIP}): the Z errors flipped the logical qubit (seen by logical X)
 * </pre>
 * Every edge is an independent mechanism, so {@link ErrorSampler} on {@link #graph()} samples the model exactly.
 */
public final class SurfaceCodeModel
{
    /** Observable mask bit of a logical X flip. */
    public static final long LOGICAL_X_FLIP = 1L;

    /** Observable mask bit of a logical Z flip. */
    public static final long LOGICAL_Z_FLIP = 2L;

    private final RotatedSurfaceCode code;
    private final NoiseModel noise;
    private final double p;
    private final int noisyRounds;
    private final DecodingGraph graph;

    private SurfaceCodeModel(
        final RotatedSurfaceCode code, final NoiseModel noise, final double p, final int noisyRounds)
    {
        this.code = code;
        this.noise = noise;
        this.p = p;
        this.noisyRounds = noisyRounds;
        this.graph = buildGraph();
    }

    /**
     * @param distance odd code distance, 3..51.
     * @param p        flip probability of each data qubit, for X and for Z independently.
     * @return the code-capacity model: one perfectly measured round.
     */
    public static SurfaceCodeModel codeCapacity(final int distance, final double p)
    {
        checkProbability(p);
        return new SurfaceCodeModel(new RotatedSurfaceCode(distance), NoiseModel.CODE_CAPACITY, p, 1);
    }

    /**
     * @param distance odd code distance, 3..51.
     * @param rounds   number of noisy rounds R, at least 1; a perfect round R follows them.
     * @param p        data flip probability per round (X and Z independently) and measurement flip probability.
     * @return the phenomenological model with R + 1 detector layers.
     */
    public static SurfaceCodeModel phenomenological(final int distance, final int rounds, final double p)
    {
        checkProbability(p);
        if (rounds < 1)
        {
            throw new IllegalArgumentException("rounds must be >= 1: rounds=" + rounds);
        }
        return new SurfaceCodeModel(new RotatedSurfaceCode(distance), NoiseModel.PHENOMENOLOGICAL, p, rounds);
    }

    /**
     * @param noise    the noise model.
     * @param distance odd code distance.
     * @param rounds   noisy rounds (ignored for code capacity, which has one).
     * @param p        physical error probability.
     * @return the model.
     */
    public static SurfaceCodeModel of(final NoiseModel noise, final int distance, final int rounds, final double p)
    {
        return noise == NoiseModel.CODE_CAPACITY ? codeCapacity(distance, p) : phenomenological(distance, rounds, p);
    }

    /** @return the code layout. */
    public RotatedSurfaceCode code()
    {
        return code;
    }

    /** @return the noise model. */
    public NoiseModel noise()
    {
        return noise;
    }

    /** @return the physical error probability. */
    public double p()
    {
        return p;
    }

    /** @return number of rounds with noise: 1 for code capacity, R for phenomenological. */
    public int noisyRounds()
    {
        return noisyRounds;
    }

    /** @return number of detector layers: 1 for code capacity, R + 1 for phenomenological. */
    public int layers()
    {
        return noise == NoiseModel.CODE_CAPACITY ? 1 : noisyRounds + 1;
    }

    /** @return detectors per layer: every stabilizer of both types. */
    public int detectorsPerLayer()
    {
        return 2 * code.stabilizersPerType();
    }

    /**
     * @param layer      detector layer (round).
     * @param stabilizer index of the stabilizer of that type.
     * @return detector index of a Z-type stabilizer in a layer.
     */
    public int zDetector(final int layer, final int stabilizer)
    {
        return layer * detectorsPerLayer() + stabilizer;
    }

    /**
     * @param layer      detector layer (round).
     * @param stabilizer index of the stabilizer of that type.
     * @return detector index of an X-type stabilizer in a layer.
     */
    public int xDetector(final int layer, final int stabilizer)
    {
        return layer * detectorsPerLayer() + code.stabilizersPerType() + stabilizer;
    }

    /** @return the decoding graph holding both error types. */
    public DecodingGraph graph()
    {
        return graph;
    }

    public String toString()
    {
        return noise + " d=" + code.distance() + " rounds=" + noisyRounds + " p=" + p;
    }

    private DecodingGraph buildGraph()
    {
        final int layers = layers();
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(layers * detectorsPerLayer(), 2);
        final int boundary = builder.boundaryVertex();
        final int measuredLayers = noise == NoiseModel.CODE_CAPACITY ? 1 : noisyRounds;
        for (int t = 0; t < measuredLayers; t++)
        {
            for (int q = 0; q < code.dataQubitCount(); q++)
            {
                final int[] zStabs = code.zStabilizersOf(q);
                final int[] xStabs = code.xStabilizersOf(q);
                builder.addEdge(
                    zDetector(t, zStabs[0]),
                    zStabs.length == 2 ? zDetector(t, zStabs[1]) : boundary,
                    p,
                    code.inLogicalZ(q) ? LOGICAL_X_FLIP : 0L);
                builder.addEdge(
                    xDetector(t, xStabs[0]),
                    xStabs.length == 2 ? xDetector(t, xStabs[1]) : boundary,
                    p,
                    code.inLogicalX(q) ? LOGICAL_Z_FLIP : 0L);
            }
        }
        if (noise == NoiseModel.PHENOMENOLOGICAL)
        {
            for (int t = 0; t < noisyRounds; t++)
            {
                for (int s = 0; s < code.stabilizersPerType(); s++)
                {
                    builder.addEdge(zDetector(t, s), zDetector(t + 1, s), p, 0L);
                    builder.addEdge(xDetector(t, s), xDetector(t + 1, s), p, 0L);
                }
            }
        }
        return builder.build();
    }

    private static void checkProbability(final double p)
    {
        if (!(p > 0.0 && p < 0.5))
        {
            throw new IllegalArgumentException("p must be in (0, 0.5): p=" + p);
        }
    }
}
