package io.qecnode.sim.run;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.io.frame.FrameLayout;
import io.qecnode.sim.source.SyndromeSource;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A code under noise as both ends of the bus see it: the error model the simulator samples, the graph a node
 * decodes on, the rounds of a block, and the code distance carried in every frame.
 */
public final class SimulatedCode
{
    private final String description;
    private final int distance;
    private final DecodingGraph graph;
    private final RoundStructure rounds;
    private final SurfaceCodeModel model;
    private final DetectorErrorModel dem;

    private SimulatedCode(
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
    public static SimulatedCode builtIn(final NoiseModel noise, final int distance, final int rounds, final double p)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.of(noise, distance, rounds, p);
        return new SimulatedCode(model.toString(), distance, model.graph(), RoundStructure.of(model), model, null);
    }

    /**
     * @param file     a Stim detector error model with detector time coordinates.
     * @param distance the code distance, or 0 to infer it from the first round (rotated memory experiments have
     *                 (d²-1)/2 detectors there).
     * @return the code.
     * @throws IOException if the file cannot be read.
     * @throws IllegalArgumentException if the distance cannot be inferred, or the DEM is malformed.
     */
    public static SimulatedCode fromDem(final Path file, final int distance) throws IOException
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(file);
        final RoundStructure rounds = RoundStructure.of(dem);
        final int d = distance > 0 ? distance : inferDistance(rounds, file);
        return new SimulatedCode("dem " + file.getFileName() + " d=" + d + " rounds=" + rounds.roundCount(), d,
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

    /** @return what a receiver validates frames against. */
    public FrameLayout frameLayout()
    {
        return WireLayouts.of(distance, rounds);
    }

    /**
     * @param seed        seed of the samples.
     * @param burstFactor factor on every error probability during bursts.
     * @return a new source of rounds.
     */
    public SyndromeSource newSource(final long seed, final double burstFactor)
    {
        return model != null ? SyndromeSource.forModel(model, seed, burstFactor) :
            SyndromeSource.forDem(dem, seed, burstFactor);
    }

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
