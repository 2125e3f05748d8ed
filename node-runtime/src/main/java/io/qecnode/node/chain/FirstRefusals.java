package io.qecnode.node.chain;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The facts of the first left state refused of each {@link StateRefusal} kind, captured on the hot thread (a few
 * plain stores, then one ordered store that publishes them) and reported once, as a line, by a cold thread that
 * {@link #drain}s it. Later refusals of a kind are only counted.
 */
public final class FirstRefusals
{
    private static final int NONE = 0;
    private static final int CAPTURED = 1;
    private static final int REPORTED = 2;

    private final Slot[] slots = new Slot[StateRefusal.values().length];

    /** A set with nothing captured. */
    public FirstRefusals()
    {
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = new Slot();
        }
    }

    /**
     * Hot thread: keep the facts if this is the first refusal of its kind.
     *
     * @param kind       why.
     * @param length     of what was received.
     * @param sourceNode the node it claims to come from, -1 if unreadable.
     * @param epoch      it claims, -1 if unreadable.
     * @param generation of the key it names, -1 if none.
     */
    void capture(
        final StateRefusal kind, final int length, final long sourceNode, final long epoch, final int generation)
    {
        final Slot slot = slots[kind.ordinal()];
        if (slot.state == NONE)
        {
            slot.length = length;
            slot.sourceNode = sourceNode;
            slot.epoch = epoch;
            slot.generation = generation;
            slot.state = CAPTURED;
        }
    }

    /**
     * Cold thread: report each kind captured and not yet reported, once.
     *
     * @param node the reporting node, for the line.
     * @param sink where the lines go.
     */
    public void drain(final int node, final Consumer<String> sink)
    {
        for (final StateRefusal kind : StateRefusal.values())
        {
            final Slot slot = slots[kind.ordinal()];
            if (slot.state == CAPTURED)
            {
                sink.accept(String.format(Locale.ROOT, "node %d: first left state refused, %s: length=%d, " +
                    "sourceNode=%d, epoch=%d, generation=%d (further ones are only counted)", node, kind.label(),
                    slot.length, slot.sourceNode, slot.epoch, slot.generation));
                slot.state = REPORTED;
            }
        }
    }

    private static final class Slot
    {
        int length;
        long sourceNode;
        long epoch;
        int generation;
        volatile int state;
    }
}
