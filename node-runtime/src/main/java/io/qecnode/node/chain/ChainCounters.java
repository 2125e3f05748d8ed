package io.qecnode.node.chain;

import io.aeron.Aeron;
import io.qecnode.node.pipeline.NodeCounters;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.util.Locale;

/**
 * A chain node's counters: its patches' decoding ({@link NodeCounters}, both patches together) and its epochs, in
 * the media driver's counters file beside the other qec counters, so {@code qec-node stat} and AeronStat see them.
 * <pre>
 *   4160 epochs closed (state forwarded at A or a repeater, epoch completed at B)
 *   4161 epochs incomplete (this node closed them without the left state, past the deadline)
 *   4162 epochs failed (own pieces missing or with lost rounds at this node)
 *   4163-4169 left states refused, one per {@link StateRefusal}
 *   4170 bad Bell measurements (not whole, not this node's patches, or repeated)
 *   4171 late pieces (a block or Bell measurement of an epoch already closed)
 *   4172 left states accepted
 *   4173 epochs overrun (closed before their deadline, or skipped, because the window of slots was full)
 *   4174-4178 left states refused on an authenticated link, one per {@link StateRefusal}
 *   4179 states not sent: no session key with the right neighbour (not yet up, or revoked)
 *   4190, 4191 detectors fired in the left and right patch's decoded blocks (the link fidelity estimate's input)
 * </pre>
 */
public final class ChainCounters
{
    /** Type id of the epochs closed. */
    public static final int EPOCHS_CLOSED_TYPE_ID = 4160;
    /** Type id of the epochs incomplete. */
    public static final int EPOCHS_INCOMPLETE_TYPE_ID = 4161;
    /** Type id of the epochs failed. */
    public static final int EPOCHS_FAILED_TYPE_ID = 4162;
    /** Type id of the bad Bell measurements. */
    public static final int BAD_BELL_TYPE_ID = 4170;
    /** Type id of the late pieces. */
    public static final int LATE_PIECES_TYPE_ID = 4171;
    /** Type id of the left states accepted. */
    public static final int STATES_ACCEPTED_TYPE_ID = 4172;
    /** Type id of the epochs overrun. */
    public static final int EPOCHS_OVERRUN_TYPE_ID = 4173;
    /** Type id of the states not sent for want of a session key. */
    public static final int STATES_UNSEALED_TYPE_ID = 4179;
    /** Type id of the detectors fired in the left patch's blocks; the right patch's is one more. */
    public static final int DEFECTS_LEFT_TYPE_ID = 4190;

    private final NodeCounters decoding;
    final AtomicCounter epochsClosed;
    final AtomicCounter epochsIncomplete;
    final AtomicCounter epochsFailed;
    final AtomicCounter badBell;
    final AtomicCounter latePieces;
    final AtomicCounter statesAccepted;
    final AtomicCounter epochsOverrun;
    final AtomicCounter statesUnsealed;
    private final AtomicCounter[] defects = new AtomicCounter[2];
    private final AtomicCounter[] refused = new AtomicCounter[StateRefusal.values().length];

    private ChainCounters(final NodeCounters decoding, final Allocator allocator, final String node)
    {
        this.decoding = decoding;
        final String prefix = "qec chain node " + node + ": ";
        epochsClosed = allocator.counter(EPOCHS_CLOSED_TYPE_ID, prefix + "epochs closed");
        epochsIncomplete = allocator.counter(EPOCHS_INCOMPLETE_TYPE_ID, prefix + "epochs incomplete");
        epochsFailed = allocator.counter(EPOCHS_FAILED_TYPE_ID, prefix + "epochs failed");
        for (final StateRefusal kind : StateRefusal.values())
        {
            refused[kind.ordinal()] = allocator.counter(kind.typeId(), prefix + "left states refused, " +
                kind.label());
        }
        badBell = allocator.counter(BAD_BELL_TYPE_ID, prefix + "bad Bell measurements");
        latePieces = allocator.counter(LATE_PIECES_TYPE_ID, prefix + "late pieces");
        statesAccepted = allocator.counter(STATES_ACCEPTED_TYPE_ID, prefix + "left states accepted");
        epochsOverrun = allocator.counter(EPOCHS_OVERRUN_TYPE_ID, prefix + "epochs overrun");
        statesUnsealed = allocator.counter(STATES_UNSEALED_TYPE_ID, prefix + "states not sent, no session key");
        defects[0] = allocator.counter(DEFECTS_LEFT_TYPE_ID, prefix + "detectors fired, left patch");
        defects[1] = allocator.counter(DEFECTS_LEFT_TYPE_ID + 1, prefix + "detectors fired, right patch");
    }

    /**
     * @param aeron the client whose counters file holds the counters.
     * @param node  name of the node for the labels, e.g. its id.
     * @return the counters.
     */
    public static ChainCounters allocate(final Aeron aeron, final String node)
    {
        return new ChainCounters(NodeCounters.allocate(aeron, node), aeron::addCounter, node);
    }

    /**
     * @param countersManager a counters manager (e.g. {@link NodeCounters#inMemoryManager()}), with room for 24.
     * @param node            name of the node for the labels.
     * @return the counters.
     */
    public static ChainCounters allocate(final CountersManager countersManager, final String node)
    {
        return new ChainCounters(NodeCounters.allocate(countersManager, node),
            (typeId, label) -> countersManager.newCounter(label, typeId), node);
    }

    AtomicCounter refusedCounter(final StateRefusal kind)
    {
        return refused[kind.ordinal()];
    }

    /** @return the patches' decoding counters, both patches together. */
    public NodeCounters decoding()
    {
        return decoding;
    }

    /** @return epochs closed: states forwarded at A or a repeater, epochs completed at B. */
    public long epochsClosed()
    {
        return epochsClosed.get();
    }

    /** @return epochs this node closed without the left state. */
    public long epochsIncomplete()
    {
        return epochsIncomplete.get();
    }

    /** @return epochs this node could not finish: own pieces missing or with lost rounds. */
    public long epochsFailed()
    {
        return epochsFailed.get();
    }

    /**
     * @param kind why.
     * @return left states refused for that reason.
     */
    public long refused(final StateRefusal kind)
    {
        return refused[kind.ordinal()].get();
    }

    /** @return Bell measurements refused. */
    public long badBellMeasurements()
    {
        return badBell.get();
    }

    /** @return blocks and Bell measurements that came after their epoch was closed. */
    public long latePieces()
    {
        return latePieces.get();
    }

    /** @return left states accepted. */
    public long statesAccepted()
    {
        return statesAccepted.get();
    }

    /** @return epochs closed early or skipped because the window of slots was full. */
    public long epochsOverrun()
    {
        return epochsOverrun.get();
    }

    AtomicCounter defectsCounter(final int side)
    {
        return defects[side];
    }

    /**
     * @param side {@code ChainStreams.LEFT} or {@code RIGHT}.
     * @return detectors fired in that patch's decoded blocks.
     */
    public long defects(final int side)
    {
        return defects[side].get();
    }

    /** @return states not sent to the right neighbour because no session key was up (authenticated links). */
    public long statesUnsealed()
    {
        return statesUnsealed.get();
    }

    /**
     * @return one line of the counters, e.g. {@code 300 epochs closed, 0 incomplete, 0 failed, 0 states refused, 0 bad
     * Bell measurements, 0 late pieces, 0 overrun}, refusals by kind when there are any; allocates.
     */
    public String summary()
    {
        long total = 0;
        final StringBuilder kinds = new StringBuilder();
        for (final StateRefusal kind : StateRefusal.values())
        {
            final long count = refused(kind);
            total += count;
            if (count > 0)
            {
                kinds.append(kinds.length() == 0 ? " (" : ", ").append(count).append(' ').append(kind.label());
            }
        }
        if (kinds.length() > 0)
        {
            kinds.append(')');
        }
        return String.format(Locale.ROOT, "%d epochs closed, %d incomplete, %d failed, %d states refused%s, " +
            "%d bad Bell measurements, %d late pieces, %d overrun%s", epochsClosed(), epochsIncomplete(),
            epochsFailed(), total, kinds, badBellMeasurements(), latePieces(), epochsOverrun(),
            statesUnsealed() == 0 ? "" : ", " + statesUnsealed() + " not sent for want of a session key");
    }

    @FunctionalInterface
    private interface Allocator
    {
        AtomicCounter counter(int typeId, String label);
    }
}
