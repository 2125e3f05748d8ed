package io.qecnode.node.trust;

import io.aeron.Aeron;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * A node's Q-HELLO counters, one per {@link HelloCheck}, in the media driver's counters file beside the other qec
 * counters so {@code qec-node stat} and AeronStat see them.
 * <pre>
 *   4180-4186 hellos refused, one per refusal kind (malformed, wrong link, unknown key, stale, replayed, throttled,
 *             bad signature)
 *   4187      hellos accepted
 * </pre>
 */
public final class HelloCounters
{
    /** Type id of the Hellos not sent: the publication was back-pressured or closed. */
    public static final int NOT_SENT_TYPE_ID = 4188;

    private final AtomicCounter[] counters = new AtomicCounter[HelloCheck.values().length];
    private final AtomicCounter notSent;

    private HelloCounters(final Allocator allocator, final String node)
    {
        final String prefix = "qec trust node " + node + ": hellos ";
        for (final HelloCheck kind : HelloCheck.values())
        {
            counters[kind.ordinal()] = allocator.counter(kind.typeId(), prefix +
                (kind.refused() ? "refused, " + kind.label() : kind.label()));
        }
        notSent = allocator.counter(NOT_SENT_TYPE_ID, prefix + "not sent");
    }

    /**
     * @param aeron the client whose counters file holds the counters.
     * @param node  name of the node for the labels, e.g. its id.
     * @return the counters.
     */
    public static HelloCounters allocate(final Aeron aeron, final String node)
    {
        return new HelloCounters(aeron::addCounter, node);
    }

    /**
     * @param countersManager a counters manager, for tests and benchmarks, with room for 8.
     * @param node            name of the node for the labels.
     * @return the counters.
     */
    public static HelloCounters allocate(final CountersManager countersManager, final String node)
    {
        return new HelloCounters((typeId, label) -> countersManager.newCounter(label, typeId), node);
    }

    void increment(final HelloCheck kind)
    {
        counters[kind.ordinal()].increment();
    }

    /**
     * @param kind what happened to a Hello.
     * @return Hellos that ended so.
     */
    public long count(final HelloCheck kind)
    {
        return counters[kind.ordinal()].get();
    }

    /** Count a Hello that could not be sent. */
    void helloNotSent()
    {
        notSent.increment();
    }

    /** @return Hellos that could not be sent. */
    public long notSent()
    {
        return notSent.get();
    }

    /**
     * @return one line: Hellos accepted, refused in all and by kind, not sent; allocates.
     */
    public String summary()
    {
        long refused = 0;
        final StringBuilder kinds = new StringBuilder();
        for (final HelloCheck kind : HelloCheck.values())
        {
            final long count = count(kind);
            if (kind.refused())
            {
                refused += count;
                if (count > 0)
                {
                    kinds.append(kinds.length() == 0 ? " (" : ", ").append(count).append(' ').append(kind.label());
                }
            }
        }
        return count(HelloCheck.ACCEPTED) + " accepted, " + refused + " refused" + (kinds.length() > 0 ? kinds + ")" :
            "") + ", " + notSent() + " not sent";
    }

    @FunctionalInterface
    private interface Allocator
    {
        AtomicCounter counter(int typeId, String label);
    }
}
