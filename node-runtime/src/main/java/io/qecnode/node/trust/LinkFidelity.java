package io.qecnode.node.trust;

/**
 * A node's estimate of its own side of a link's fidelity, for its Hellos, from what it counts over a window: the
 * share of epochs it flagged (incomplete or failed) and the logical error rate per block that the defect density it
 * observed suggests.
 * <p>
 * This is a model estimate, not a measurement of fidelity: the physical error rate is taken to be the defect density
 * p (defects per detector per round; it overstates p, as one fault lights up to two detectors), and the logical error
 * rate follows the usual surface code scaling below threshold, {@code p_L = 0.1 (p / 0.01)^((d + 1) / 2)}, clamped to
 * [0, 0.5]. Then {@code fidelity = (1 - flaggedShare) (1 - p_L)}.
 * <p>
 * {@link #sample} takes the node's cumulative counters and works on their deltas since the previous sample; a window
 * with neither epochs nor rounds keeps the previous estimate. Cold thread only.
 */
public final class LinkFidelity
{
    /** The threshold error rate of the scaling law. */
    public static final double THRESHOLD = 0.01;
    /** The prefactor of the scaling law. */
    public static final double PREFACTOR = 0.1;
    /** The largest logical error rate: a block no better than a coin. */
    public static final double MAX_LOGICAL_ERROR_RATE = 0.5;

    private final int distance;
    private final long detectorsPerRound;
    private long epochsClosed;
    private long epochsIncomplete;
    private long epochsFailed;
    private long rounds;
    private long defects;
    private double fidelity;

    /**
     * @param distance          the code distance of the link's patch.
     * @param detectorsPerRound detectors compared each round in that patch.
     */
    public LinkFidelity(final int distance, final long detectorsPerRound)
    {
        if (distance < 1 || detectorsPerRound < 1)
        {
            throw new IllegalArgumentException("distance " + distance + " or detectors per round " +
                detectorsPerRound + " < 1");
        }
        this.distance = distance;
        this.detectorsPerRound = detectorsPerRound;
    }

    /**
     * Take the counters at the end of a window and update the estimate from their change since the last sample
     * (since zero for the first).
     *
     * @param epochsClosed     epochs closed so far.
     * @param epochsIncomplete of which closed incomplete.
     * @param epochsFailed     of which closed failed.
     * @param rounds           syndrome rounds decoded so far on the link's patch.
     * @param defects          defects (fired detectors) seen so far in those rounds.
     * @return the estimate, 0..1; 0 until a window had epochs or rounds.
     */
    public double sample(
        final long epochsClosed,
        final long epochsIncomplete,
        final long epochsFailed,
        final long rounds,
        final long defects)
    {
        final long closed = epochsClosed - this.epochsClosed;
        final long roundDelta = rounds - this.rounds;
        if (closed > 0 || roundDelta > 0)
        {
            fidelity = fidelity(closed, epochsIncomplete - this.epochsIncomplete, epochsFailed - this.epochsFailed,
                defectDensity(defects - this.defects, detectorsPerRound, roundDelta), distance);
        }
        this.epochsClosed = epochsClosed;
        this.epochsIncomplete = epochsIncomplete;
        this.epochsFailed = epochsFailed;
        this.rounds = rounds;
        this.defects = defects;
        return fidelity;
    }

    /** @return the estimate after the last {@link #sample}, 0 before one had data. */
    public double fidelity()
    {
        return fidelity;
    }

    /**
     * @param closed     epochs closed in the window.
     * @param incomplete of which incomplete.
     * @param failed     of which failed; an epoch both incomplete and failed counts twice, so the share errs low
     *                   on fidelity, and is capped at 1.
     * @param p          defect density in the window, see {@link #defectDensity}.
     * @param distance   code distance.
     * @return {@code (1 - flaggedShare) (1 - p_L)}.
     */
    public static double fidelity(
        final long closed, final long incomplete, final long failed, final double p, final int distance)
    {
        return (1.0 - flaggedShare(closed, incomplete, failed)) * (1.0 - logicalErrorRate(p, distance));
    }

    /**
     * @param closed     epochs closed.
     * @param incomplete of which incomplete.
     * @param failed     of which failed.
     * @return (incomplete + failed) / closed, at most 1; 0 without epochs.
     */
    public static double flaggedShare(final long closed, final long incomplete, final long failed)
    {
        if (closed <= 0)
        {
            return 0;
        }
        return Math.min(1.0, (double)Math.max(0, incomplete + failed) / closed);
    }

    /**
     * @param defects           fired detectors counted.
     * @param detectorsPerRound detectors per round.
     * @param rounds            rounds counted.
     * @return defects per detector per round; 0 without rounds.
     */
    public static double defectDensity(final long defects, final long detectorsPerRound, final long rounds)
    {
        if (rounds <= 0 || detectorsPerRound <= 0)
        {
            return 0;
        }
        return Math.max(0, defects) / ((double)detectorsPerRound * rounds);
    }

    /**
     * @param p        the physical error rate (here: the defect density).
     * @param distance the code distance.
     * @return {@code 0.1 (p / 0.01)^floor((d + 1) / 2)} clamped to [0, 0.5].
     */
    public static double logicalErrorRate(final double p, final int distance)
    {
        if (!(p > 0))
        {
            return 0;
        }
        final double rate = PREFACTOR * Math.pow(p / THRESHOLD, (distance + 1) / 2);
        return Math.min(MAX_LOGICAL_ERROR_RATE, rate);
    }
}
