package io.qecnode.node.harness.chain;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.node.cli.Durations;
import io.qecnode.sim.chain.ChainFaultPlan;

import java.util.List;
import java.util.Locale;

/**
 * {@code simulate --faults} for the repeater chain: a comma-separated list of hardware faults, each aimed at one
 * node's stream and one epoch ({@link ChainFaultPlan}).
 * <pre>
 *   drop-rounds:NODE:SIDE:EPOCH           a patch's block of that epoch never sent (SIDE left or right)
 *   delay-rounds:NODE:SIDE:EPOCH:DURATION its rounds sent that late (e.g. 5ms)
 *   drop-bell:NODE:EPOCH                  a repeater's Bell measurement of that epoch never sent
 *   delay-bell:NODE:EPOCH:DURATION        sent that late
 * </pre>
 * A holds only a right patch, B only a left one, and only repeaters 1..n measure Bell pairs: a fault aimed at a
 * stream the node does not have is refused, not ignored.
 */
public final class ChainFaultSyntax
{
    private static final List<String> KINDS = List.of("drop-rounds", "delay-rounds", "drop-bell", "delay-bell");

    /** Longest delay a fault may ask for. */
    public static final long DELAY_MAX_NS = 10_000_000_000L;

    private ChainFaultSyntax()
    {
    }

    /**
     * @param text      the plan; empty or "none" for no faults.
     * @param repeaters n, the chain's repeaters: nodes are 0..n+1.
     * @return the plan.
     * @throws IllegalArgumentException saying which entry cannot be read and why.
     */
    public static ChainFaultPlan parse(final String text, final int repeaters)
    {
        final String trimmed = text == null ? "" : text.trim();
        ChainFaultPlan plan = ChainFaultPlan.NONE;
        if (trimmed.isEmpty() || "none".equalsIgnoreCase(trimmed))
        {
            return plan;
        }
        for (final String entry : trimmed.split(",", -1))
        {
            plan = add(plan, entry.trim(), repeaters);
        }
        return plan;
    }

    private static ChainFaultPlan add(final ChainFaultPlan plan, final String entry, final int repeaters)
    {
        final String[] parts = entry.split(":", -1);
        final String kind = parts[0].toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind))
        {
            throw refused("unknown chain fault '" + parts[0] + "' (" + String.join(", ", KINDS) + ")", entry);
        }
        final boolean rounds = kind.endsWith("-rounds");
        final boolean delay = kind.startsWith("delay-");
        final int fields = 3 + (rounds ? 1 : 0) + (delay ? 1 : 0);
        if (parts.length != fields)
        {
            throw refused(kind + " takes " + (rounds ? "NODE:SIDE:EPOCH" : "NODE:EPOCH") + (delay ? ":DURATION" : ""),
                entry);
        }
        final int lastNode = repeaters + 1;
        final int node = (int)number(parts[1], lastNode, "node", entry);
        final long epoch = number(parts[rounds ? 3 : 2], Long.MAX_VALUE, "epoch", entry);
        final long delayNs = delay ? delay(parts[fields - 1], entry) : 0;
        if (!rounds)
        {
            if (node < 1 || node > repeaters)
            {
                throw refused(repeaters == 0 ? "a chain without repeaters measures no Bell pair" :
                    "only repeaters measure Bell pairs, node must be in [1, " + repeaters + "]", entry);
            }
            return delay ? plan.delayBell(node, epoch, delayNs) : plan.dropBell(node, epoch);
        }
        final int side = side(parts[2], entry);
        if (node == 0 && side == ChainStreams.LEFT || node == lastNode && side == ChainStreams.RIGHT)
        {
            throw refused((node == 0 ? "A holds only a right" : "B holds only a left") + " patch", entry);
        }
        return delay ? plan.delayRounds(node, side, epoch, delayNs) : plan.dropRounds(node, side, epoch);
    }

    private static long number(final String text, final long max, final String what, final String entry)
    {
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw refused(what + " must be a whole number", entry);
        }
        if (value < 0 || value > max)
        {
            throw refused(what + (max == Long.MAX_VALUE ? " must be >= 0" : " must be in [0, " + max + "]"), entry);
        }
        return value;
    }

    private static int side(final String text, final String entry)
    {
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "left":
                return ChainStreams.LEFT;
            case "right":
                return ChainStreams.RIGHT;
            default:
                throw refused("side must be left or right", entry);
        }
    }

    private static long delay(final String text, final String entry)
    {
        final long ns;
        try
        {
            ns = Durations.nanos(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw refused("delay: " + ex.getMessage(), entry);
        }
        if (ns <= 0 || ns > DELAY_MAX_NS)
        {
            throw refused("delay must be above 0 and at most 10s", entry);
        }
        return ns;
    }

    private static IllegalArgumentException refused(final String what, final String entry)
    {
        return new IllegalArgumentException(what + " in '" + entry + "'");
    }
}
