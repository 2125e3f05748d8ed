package io.qecnode.decoder.rounds;

import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.SurfaceCodeModel;

import java.util.Arrays;

/**
 * How the detectors of a block (one logical memory experiment) split into syndrome rounds: round {@code r} holds the
 * detectors {@code [firstDetector(r), firstDetector(r) + detectorCount(r))}, and the rounds follow one another in
 * index order with no gap, so round 0 starts at detector 0 and the last round ends at {@link #detectorCount()}.
 * Every round holds at least one detector.
 * <p>
 * Immutable; every accessor is a plain array read, for use on the hot path.
 */
public final class RoundStructure
{
    /** Coordinate axis that carries time in a Stim model: Stim writes {@code detector(x, y, t)}. */
    public static final int TIME_AXIS = 2;

    // Round r covers detectors [firstDetector[r], firstDetector[r + 1]); the last entry is the detector count.
    private final int[] firstDetector;
    private final int[] roundOfDetector;
    private final int maxDetectorsPerRound;

    private RoundStructure(final int[] firstDetector)
    {
        this.firstDetector = firstDetector;
        final int roundCount = firstDetector.length - 1;
        roundOfDetector = new int[firstDetector[roundCount]];
        int max = 0;
        for (int round = 0; round < roundCount; round++)
        {
            Arrays.fill(roundOfDetector, firstDetector[round], firstDetector[round + 1], round);
            max = Math.max(max, firstDetector[round + 1] - firstDetector[round]);
        }
        maxDetectorsPerRound = max;
    }

    /**
     * @param model a built-in surface code model.
     * @return one round per detector layer: 1 for code capacity, R + 1 for R phenomenological rounds.
     */
    public static RoundStructure of(final SurfaceCodeModel model)
    {
        return uniform(model.layers(), model.detectorsPerLayer());
    }

    /**
     * Rounds from the detectors' time coordinates: each distinct time on axis {@link #TIME_AXIS} is one round, the
     * earliest being round 0. Times need not be whole numbers or consecutive; a gap in time is not an empty round.
     *
     * @param model a Stim model whose detectors are all declared with at least three coordinates, in non-decreasing
     *              time order by index.
     * @return the rounds.
     * @throws IllegalArgumentException naming the first detector with no time coordinate or whose time is earlier
     *                                  than the detector before it.
     */
    public static RoundStructure of(final DetectorErrorModel model)
    {
        final int detectorCount = model.detectorCount();
        final int[] starts = new int[detectorCount + 1];
        int roundCount = 0;
        double previousTime = Double.NEGATIVE_INFINITY;
        for (int detector = 0; detector < detectorCount; detector++)
        {
            final double time = model.coordinate(detector, TIME_AXIS);
            if (Double.isNaN(time))
            {
                throw new IllegalArgumentException("detector has no time coordinate: detector=" + detector +
                    ", coordinates=" + model.coordinateCount(detector) + ", timeAxis=" + TIME_AXIS);
            }
            if (time < previousTime)
            {
                throw new IllegalArgumentException("detector time goes back: detector=" + detector + ", time=" + time +
                    ", previousDetectorTime=" + previousTime);
            }
            if (time > previousTime)
            {
                starts[roundCount++] = detector;
                previousTime = time;
            }
        }
        starts[roundCount] = detectorCount;
        return new RoundStructure(Arrays.copyOf(starts, roundCount + 1));
    }

    /**
     * @param rounds            number of rounds, at least 1.
     * @param detectorsPerRound detectors in every round, at least 1.
     * @return rounds of equal size.
     */
    public static RoundStructure uniform(final int rounds, final int detectorsPerRound)
    {
        if (rounds < 1 || detectorsPerRound < 1)
        {
            throw new IllegalArgumentException("rounds and detectorsPerRound must be >= 1: rounds=" + rounds +
                ", detectorsPerRound=" + detectorsPerRound);
        }
        if ((long)rounds * detectorsPerRound > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("too many detectors: rounds=" + rounds + ", detectorsPerRound=" +
                detectorsPerRound);
        }
        final int[] starts = new int[rounds + 1];
        for (int round = 0; round <= rounds; round++)
        {
            starts[round] = round * detectorsPerRound;
        }
        return new RoundStructure(starts);
    }

    /** @return number of rounds. */
    public int roundCount()
    {
        return firstDetector.length - 1;
    }

    /**
     * @param round a round index.
     * @return index of the round's first detector.
     */
    public int firstDetector(final int round)
    {
        checkRound(round);
        return firstDetector[round];
    }

    /**
     * @param round a round index.
     * @return number of detectors in the round, at least 1.
     */
    public int detectorCount(final int round)
    {
        checkRound(round);
        return firstDetector[round + 1] - firstDetector[round];
    }

    /**
     * @param detector a detector index.
     * @return the round the detector belongs to.
     */
    public int roundOf(final int detector)
    {
        return roundOfDetector[detector];
    }

    /** @return the detectors of each round, in round order: what a receiver expects in each round's frame. */
    public int[] detectorCounts()
    {
        final int[] counts = new int[roundCount()];
        for (int r = 0; r < counts.length; r++)
        {
            counts[r] = detectorCount(r);
        }
        return counts;
    }

    /** @return number of detectors in the largest round. */
    public int maxDetectorsPerRound()
    {
        return maxDetectorsPerRound;
    }

    /** @return number of detectors over all rounds. */
    public int detectorCount()
    {
        return roundOfDetector.length;
    }

    public String toString()
    {
        return "RoundStructure{rounds=" + roundCount() + ", detectors=" + detectorCount() +
            ", maxDetectorsPerRound=" + maxDetectorsPerRound + "}";
    }

    // A round past the end would otherwise read the detector count as a start and report a bogus round.
    private void checkRound(final int round)
    {
        if (round < 0 || round >= firstDetector.length - 1)
        {
            throw new IndexOutOfBoundsException("round=" + round + ", roundCount=" + (firstDetector.length - 1));
        }
    }
}
