package io.qecnode.node.pipeline;

import io.aeron.Aeron;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;

/**
 * The node's own counters, beside the frame validator's (4100-4115) and the publishers' (4120-4122), in the media
 * driver's counters file so that {@code qec-node stat} and AeronStat see them live.
 * <pre>
 *   4130 rounds decoded          4133 blocks decoded by the fallback
 *   4131 blocks out              4134 rounds lost (filled in empty)
 *   4132 blocks incomplete       4135 max reaction ns (last round in to state offered)
 *   4136 relayed states          4137 rejected states (relay)
 *   4138 telemetry events dropped (hand-off ring full)
 *   4139 rounds repeated (a round of a block already decoded or in hand, under a new sequence: skipped)
 *   4140 backlog rounds (received but not yet decoded, now)    4141 max backlog rounds
 *   4142 blocks shed (started over the backlog bound: decoded by the fallback)
 * </pre>
 */
public final class NodeCounters
{
    /** First type id of the node's counters. */
    public static final int ROUNDS_DECODED_TYPE_ID = 4130;

    final AtomicCounter roundsDecoded;
    final AtomicCounter blocksOut;
    final AtomicCounter blocksIncomplete;
    final AtomicCounter blocksFallback;
    final AtomicCounter roundsLost;
    final AtomicCounter maxReactionNs;
    final AtomicCounter statesRelayed;
    final AtomicCounter statesRejected;
    final AtomicCounter telemetryOverflow;
    final AtomicCounter roundsRepeated;
    final AtomicCounter backlogRounds;
    final AtomicCounter maxBacklogRounds;
    final AtomicCounter blocksShed;

    private NodeCounters(final Allocator allocator, final String node)
    {
        roundsDecoded = allocator.counter(4130, "qec node " + node + ": rounds decoded");
        blocksOut = allocator.counter(4131, "qec node " + node + ": blocks out");
        blocksIncomplete = allocator.counter(4132, "qec node " + node + ": blocks incomplete");
        blocksFallback = allocator.counter(4133, "qec node " + node + ": blocks decoded by fallback");
        roundsLost = allocator.counter(4134, "qec node " + node + ": rounds lost");
        maxReactionNs = allocator.counter(4135, "qec node " + node + ": max reaction ns");
        statesRelayed = allocator.counter(4136, "qec node " + node + ": states relayed");
        statesRejected = allocator.counter(4137, "qec node " + node + ": states rejected");
        telemetryOverflow = allocator.counter(4138, "qec node " + node + ": telemetry events dropped");
        roundsRepeated = allocator.counter(4139, "qec node " + node + ": rounds repeated");
        backlogRounds = allocator.counter(4140, "qec node " + node + ": backlog rounds");
        maxBacklogRounds = allocator.counter(4141, "qec node " + node + ": max backlog rounds");
        blocksShed = allocator.counter(4142, "qec node " + node + ": blocks shed");
    }

    /**
     * @param aeron the client whose counters file holds the counters.
     * @param node  name of the node for the labels, e.g. its id.
     * @return the counters.
     */
    public static NodeCounters allocate(final Aeron aeron, final String node)
    {
        return new NodeCounters(aeron::addCounter, node);
    }

    /**
     * @param countersManager a counters manager, for tests.
     * @param node            name of the node for the labels.
     * @return the counters.
     */
    public static NodeCounters allocate(final CountersManager countersManager, final String node)
    {
        return new NodeCounters((typeId, label) -> countersManager.newCounter(label, typeId), node);
    }

    /**
     * @return a counters manager over private direct buffers, with room for 64 counters: for a node without a media
     *         driver (replay, benchmarks, tests), holding the same counters the driver's file would.
     */
    public static CountersManager inMemoryManager()
    {
        return new CountersManager(new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024)));
    }

    /** @return rounds decoded. */
    public long roundsDecoded()
    {
        return roundsDecoded.get();
    }

    /** @return logical states sent. */
    public long blocksOut()
    {
        return blocksOut.get();
    }

    /** @return blocks with missing rounds. */
    public long blocksIncomplete()
    {
        return blocksIncomplete.get();
    }

    /** @return blocks decoded by the bounded fallback. */
    public long blocksFallback()
    {
        return blocksFallback.get();
    }

    /** @return rounds filled in empty because their frames were lost. */
    public long roundsLost()
    {
        return roundsLost.get();
    }

    /** @return the longest reaction so far, ns. */
    public long maxReactionNs()
    {
        return maxReactionNs.get();
    }

    /** @return states a relay passed on. */
    public long statesRelayed()
    {
        return statesRelayed.get();
    }

    /** @return states a relay rejected. */
    public long statesRejected()
    {
        return statesRejected.get();
    }

    /** @return rounds skipped because their block was already decoded or the round already added. */
    public long roundsRepeated()
    {
        return roundsRepeated.get();
    }

    /** @return rounds received but not yet decoded, as last measured. */
    public long backlogRounds()
    {
        return backlogRounds.get();
    }

    /** @return the largest backlog measured, rounds. */
    public long maxBacklogRounds()
    {
        return maxBacklogRounds.get();
    }

    /** @return blocks started over the backlog bound, decoded by the fallback to catch up. */
    public long blocksShed()
    {
        return blocksShed.get();
    }

    /**
     * @return {@code backlog N rounds (max M), shed K blocks}, for report lines (cold threads: it allocates).
     */
    public String describeBacklog()
    {
        return appendBacklog(new StringBuilder()).toString();
    }

    /**
     * Append the backlog, as {@link #describeBacklog()} says it, without garbage.
     *
     * @param text to append to.
     * @return the same builder.
     */
    public StringBuilder appendBacklog(final StringBuilder text)
    {
        return text.append("backlog ").append(backlogRounds()).append(" rounds (max ").append(maxBacklogRounds())
            .append("), shed ").append(blocksShed()).append(" blocks");
    }

    /** @return the counter of telemetry events dropped because the hand-off was full. */
    public AtomicCounter telemetryOverflow()
    {
        return telemetryOverflow;
    }

    @FunctionalInterface
    private interface Allocator
    {
        AtomicCounter counter(int typeId, String label);
    }
}
