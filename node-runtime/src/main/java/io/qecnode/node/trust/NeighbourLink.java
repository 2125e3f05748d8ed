package io.qecnode.node.trust;

/**
 * What a node keeps about one neighbour from its Hellos: alive or dead, the fidelity and latency the neighbour
 * reports, our own latency estimate from the timestamps it echoes, what to echo back, and the sequence of our next
 * Hello to it. Only Hellos the codec accepted (signature, sequence, freshness) come here.
 * <p>
 * Latency: each Hello echoes the timestamp of the last Hello it accepted from us and how long it held it, so
 * {@code now - echoTimestampNs - echoHoldNs} is a round trip on our own wall clock at both ends, whatever the offset
 * between the two clocks; half of it, smoothed with an EWMA of weight {@link #EWMA_WEIGHT}, is the one-way estimate.
 * <p>
 * Cold thread only; not thread safe.
 */
public final class NeighbourLink
{
    /** Weight of a new one-way latency sample in the estimate (the TCP smoothed round trip's 1/8). */
    public static final double EWMA_WEIGHT = 0.125;

    private final int nodeId;
    private final int neighbourId;
    private final long pathId;
    private final long deadIntervalNs;
    private long nextSequence;

    private boolean accepted;
    private boolean aliveEdge;
    private long lastAcceptedNs;
    private long echoTimestampNs;
    private double neighbourFidelity;
    private long neighbourLatencyNs = HelloFields.NO_LATENCY;
    private double latencyEstimateNs = -1;

    /**
     * @param nodeId         this node.
     * @param neighbourId    the neighbour.
     * @param pathId         the chain's path id.
     * @param deadIntervalNs the neighbour is dead once its last accepted Hello is this old.
     * @param startWallNs    the wall clock at start, ns since the Unix epoch: the first sequence, so sequences
     *                       increase across restarts (one per Hello falls far behind the clock).
     */
    public NeighbourLink(
        final int nodeId, final int neighbourId, final long pathId, final long deadIntervalNs, final long startWallNs)
    {
        if (deadIntervalNs <= 0)
        {
            throw new IllegalArgumentException("dead interval " + deadIntervalNs + " ns <= 0");
        }
        this.nodeId = nodeId;
        this.neighbourId = neighbourId;
        this.pathId = pathId;
        this.deadIntervalNs = deadIntervalNs;
        this.nextSequence = startWallNs;
    }

    /**
     * Fill the link part of our next Hello to the neighbour: ids, sequence, timestamp, echo, fidelity and latency.
     * The key exchange part is {@link LinkKeyExchange#outgoing}'s.
     *
     * @param out          the Hello to send.
     * @param nowWallNs    the wall clock, ns since the Unix epoch.
     * @param ownFidelity  this node's estimate of its side of the link, see {@link LinkFidelity}.
     */
    public void fillOutgoing(final HelloFields out, final long nowWallNs, final double ownFidelity)
    {
        out.nodeId = nodeId;
        out.neighbourId = neighbourId;
        out.pathId = pathId;
        out.sequence = nextSequence++;
        out.timestampNs = nowWallNs;
        out.echoTimestampNs = accepted ? echoTimestampNs : 0;
        out.echoHoldNs = accepted ? Math.max(0, nowWallNs - lastAcceptedNs) : 0;
        out.linkFidelity = ownFidelity;
        out.latencyNs = latencyNs();
    }

    /**
     * Take an accepted Hello from the neighbour.
     *
     * @param in        its fields.
     * @param nowWallNs the wall clock when it was received, ns since the Unix epoch.
     */
    public void onAccepted(final HelloFields in, final long nowWallNs)
    {
        accepted = true;
        aliveEdge = true;
        lastAcceptedNs = nowWallNs;
        echoTimestampNs = in.timestampNs;
        neighbourFidelity = in.linkFidelity;
        neighbourLatencyNs = in.latencyNs;
        if (in.echoTimestampNs != 0 && in.echoHoldNs >= 0)
        {
            final long rttNs = nowWallNs - in.echoTimestampNs - in.echoHoldNs;
            if (rttNs >= 0) // a negative one means our clock stepped back: no sample
            {
                final double oneWayNs = rttNs / 2.0;
                latencyEstimateNs = latencyEstimateNs < 0 ?
                    oneWayNs : latencyEstimateNs + EWMA_WEIGHT * (oneWayNs - latencyEstimateNs);
            }
        }
    }

    /**
     * @param nowWallNs the wall clock, ns since the Unix epoch.
     * @return true if a Hello was accepted less than the dead interval ago; false before the first.
     */
    public boolean alive(final long nowWallNs)
    {
        return accepted && nowWallNs - lastAcceptedNs < deadIntervalNs;
    }

    /**
     * @param nowWallNs the wall clock, ns since the Unix epoch.
     * @return true the first time it is asked after the neighbour went from alive to dead, false otherwise.
     */
    public boolean becameDead(final long nowWallNs)
    {
        if (aliveEdge && !alive(nowWallNs))
        {
            aliveEdge = false;
            return true;
        }
        return false;
    }

    /** @return the sequence our next Hello will carry. */
    public long nextSequence()
    {
        return nextSequence;
    }

    /** @return the wall clock when the last Hello was accepted, or 0 before the first. */
    public long lastAcceptedNs()
    {
        return accepted ? lastAcceptedNs : 0;
    }

    /** @return the fidelity the neighbour last reported, 0 before its first Hello. */
    public double neighbourFidelity()
    {
        return neighbourFidelity;
    }

    /** @return the one-way latency the neighbour last reported, ns, or {@link HelloFields#NO_LATENCY}. */
    public long neighbourLatencyNs()
    {
        return neighbourLatencyNs;
    }

    /** @return our one-way latency estimate, ns, or {@link HelloFields#NO_LATENCY} before the first echo. */
    public long latencyNs()
    {
        return latencyEstimateNs < 0 ? HelloFields.NO_LATENCY : Math.round(latencyEstimateNs);
    }
}
