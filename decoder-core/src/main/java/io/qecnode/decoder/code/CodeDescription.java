package io.qecnode.decoder.code;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A code under noise as both ends of the bus see it: the graph a node decodes on, the rounds of a block, the code
 * distance carried in every frame, and the error model (built-in or a Stim DEM) a simulator samples.
 */
public final class CodeDescription
{
    private final String description;
    private final int distance;
    private final DecodingGraph graph;
    private final RoundStructure rounds;
    private final SurfaceCodeModel model;
    private final DetectorErrorModel dem;

    private CodeDescription(
        final String description,
        final int distance,
        final DecodingGraph graph,
        final RoundStructure rounds,
        final SurfaceCodeModel model,
        final DetectorErrorModel dem)
    {
        this.description = description;
        this.distance = distance;
        this.graph = graph;
        this.rounds = rounds;
        this.model = model;
        this.dem = dem;
    }

    /**
     * @param noise    a built-in noise model.
     * @param distance odd code distance.
     * @param rounds   noisy rounds per block (phenomenological); a perfect closing round follows.
     * @param p        physical error probability.
     * @return the code.
     */
    public static CodeDescription builtIn(final NoiseModel noise, final int distance, final int rounds, final double p)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.of(noise, distance, rounds, p);
        return new CodeDescription(model.toString(), distance, model.graph(), RoundStructure.of(model), model, null);
    }

    /**
     * @param file     a Stim detector error model with detector time coordinates.
     * @param distance the code distance, or 0 to infer it from the first round (rotated memory experiments have
     *                 (d²-1)/2 detectors there).
     * @return the code.
     * @throws IOException if the file cannot be read.
     * @throws IllegalArgumentException if the distance cannot be inferred, or the DEM is malformed.
     */
    public static CodeDescription fromDem(final Path file, final int distance) throws IOException
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(file);
        final RoundStructure rounds = RoundStructure.of(dem);
        final int d = distance > 0 ? distance : inferDistance(rounds, file);
        return new CodeDescription("dem " + file.getFileName() + " d=" + d + " rounds=" + rounds.roundCount(), d,
            dem.graph(), rounds, null, dem);
    }

    /** @return what the code is, for logs. */
    public String description()
    {
        return description;
    }

    /** @return the code distance. */
    public int distance()
    {
        return distance;
    }

    /** @return the graph to decode on. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /** @return the rounds of a block. */
    public RoundStructure rounds()
    {
        return rounds;
    }

    /**
     * @return the detectors of each round of a block, in round order: what a receiver expects in each frame.
     */
    public int[] detectorCounts()
    {
        return rounds.detectorCounts();
    }

    /** @return the built-in model, or null when the code comes from a DEM. */
    public SurfaceCodeModel model()
    {
        return model;
    }

    /** @return the DEM, or null for a built-in model. */
    public DetectorErrorModel dem()
    {
        return dem;
    }

    @Override
    public String toString()
    {
        return description;
    }

    private static int inferDistance(final RoundStructure rounds, final Path file)
    {
        final int firstRound = rounds.detectorCount(0);
        final int d = (int)Math.round(Math.sqrt(2.0 * firstRound + 1));
        if (d * d != 2 * firstRound + 1 || (d & 1) == 0)
        {
            throw new IllegalArgumentException("cannot infer the code distance from the first round: dem=" + file +
                ", firstRoundDetectors=" + firstRound + " (give --distance)");
        }
        return d;
    }
}
