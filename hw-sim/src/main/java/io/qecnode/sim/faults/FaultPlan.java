package io.qecnode.sim.faults;

import java.util.Locale;

/**
 * Which faults to inject, how often, as parsed from a plan such as
 * {@code drop=0.001,reorder@5000,corrupt=1e-4,stall@20000:200us,burst@1000:10:5}.
 * <pre>
 *   kind=P            each frame (each block for burst) suffers the fault with probability P
 *   kind@N            every Nth frame (block), deterministically: frames N-1, 2N-1, ...
 *   stall...:D        pause emission for D before the frame: 500ns, 200us, 5ms, 1s
 *   burst...:L:F      L blocks in a row sampled with every probability multiplied by F
 *   kinds: drop, duplicate, reorder, corrupt, truncate, restart, stall, burst
 * </pre>
 * Frame faults are exclusive: their probabilities must add up to at most 1, and when schedules coincide on a frame
 * the kind listed first in {@link FaultKind} wins.
 */
public final class FaultPlan
{
    // By FaultKind ordinal; primitive so that the per-frame lookups box nothing.
    private final double[] rates = new double[FaultKind.values().length];
    private final long[] everies = new long[FaultKind.values().length];
    private long stallNs;
    private int burstBlocks = 1;
    private double burstFactor = 1.0;

    private FaultPlan()
    {
    }

    /** @return a plan with no faults. */
    public static FaultPlan none()
    {
        return new FaultPlan();
    }

    /**
     * @param text the plan; empty or "none" for no faults.
     * @return the plan.
     * @throws IllegalArgumentException naming the entry that cannot be read and why.
     */
    public static FaultPlan parse(final String text)
    {
        final FaultPlan plan = new FaultPlan();
        final String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || "none".equalsIgnoreCase(trimmed))
        {
            return plan;
        }
        for (final String entry : trimmed.split(","))
        {
            plan.add(entry.trim());
        }
        double frameRate = 0;
        for (final FaultKind kind : FaultKind.values())
        {
            frameRate += kind.isFrameFault() ? plan.rates[kind.ordinal()] : 0;
        }
        if (frameRate > 1.0)
        {
            throw new IllegalArgumentException("frame fault probabilities add up to more than 1: sum=" + frameRate);
        }
        return plan;
    }

    /**
     * @param kind a fault.
     * @return its probability per frame (per block for bursts), 0 if not by rate.
     */
    public double rate(final FaultKind kind)
    {
        return rates[kind.ordinal()];
    }

    /**
     * @param kind a fault.
     * @return its period in frames (blocks for bursts), 0 if not scheduled.
     */
    public long every(final FaultKind kind)
    {
        return everies[kind.ordinal()];
    }

    /** @return true if the plan names the fault at all. */
    public boolean has(final FaultKind kind)
    {
        return rates[kind.ordinal()] > 0 || everies[kind.ordinal()] > 0;
    }

    /** @return true if the plan injects nothing. */
    public boolean isEmpty()
    {
        for (final FaultKind kind : FaultKind.values())
        {
            if (has(kind))
            {
                return false;
            }
        }
        return true;
    }

    /** @return length of each stall in nanoseconds. */
    public long stallNs()
    {
        return stallNs;
    }

    /** @return blocks in each burst. */
    public int burstBlocks()
    {
        return burstBlocks;
    }

    /** @return factor on every error probability during a burst. */
    public double burstFactor()
    {
        return burstFactor;
    }

    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final FaultKind kind : FaultKind.values())
        {
            if (has(kind))
            {
                text.append(text.length() == 0 ? "" : ",").append(kind.planName())
                    .append(rates[kind.ordinal()] > 0 ? "=" + rates[kind.ordinal()] : "@" + everies[kind.ordinal()]);
                if (kind == FaultKind.STALL)
                {
                    text.append(':').append(stallNs).append("ns");
                }
                if (kind == FaultKind.BURST)
                {
                    text.append(':').append(burstBlocks).append(':').append(burstFactor);
                }
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    private void add(final String entry)
    {
        final int at = firstOf(entry, '=', '@');
        if (at <= 0)
        {
            throw new IllegalArgumentException("fault entry needs kind=P or kind@N: entry='" + entry + "'");
        }
        final FaultKind kind = kindOf(entry.substring(0, at).trim(), entry);
        if (has(kind))
        {
            throw new IllegalArgumentException("fault named twice: entry='" + entry + "'");
        }
        final String[] parts = entry.substring(at + 1).split(":");
        try
        {
            if (entry.charAt(at) == '=')
            {
                final double p = Double.parseDouble(parts[0]);
                if (!(p > 0.0 && p <= 1.0))
                {
                    throw new IllegalArgumentException("probability must be in (0, 1]: entry='" + entry + "'");
                }
                rates[kind.ordinal()] = p;
            }
            else
            {
                final long every = Long.parseLong(parts[0]);
                if (every < 1)
                {
                    throw new IllegalArgumentException("period must be >= 1: entry='" + entry + "'");
                }
                everies[kind.ordinal()] = every;
            }
            readExtras(kind, parts, entry);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number in fault entry: entry='" + entry + "'", ex);
        }
    }

    private void readExtras(final FaultKind kind, final String[] parts, final String entry)
    {
        if (kind == FaultKind.STALL)
        {
            if (parts.length != 2)
            {
                throw new IllegalArgumentException("stall needs a duration, e.g. stall@10000:200us: entry='" + entry +
                    "'");
            }
            stallNs = durationNs(parts[1], entry);
        }
        else if (kind == FaultKind.BURST)
        {
            if (parts.length != 3)
            {
                throw new IllegalArgumentException("burst needs blocks and a factor, e.g. burst@1000:10:5: entry='" +
                    entry + "'");
            }
            burstBlocks = Integer.parseInt(parts[1]);
            burstFactor = Double.parseDouble(parts[2]);
            if (burstBlocks < 1 || !(burstFactor >= 1.0))
            {
                throw new IllegalArgumentException("burst needs >= 1 block and a factor >= 1: entry='" + entry + "'");
            }
        }
        else if (parts.length != 1)
        {
            throw new IllegalArgumentException("unexpected ':' in fault entry: entry='" + entry + "'");
        }
    }

    private static long durationNs(final String text, final String entry)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final long scale;
        final String number;
        if (t.endsWith("ns"))
        {
            scale = 1;
            number = t.substring(0, t.length() - 2);
        }
        else if (t.endsWith("us"))
        {
            scale = 1_000;
            number = t.substring(0, t.length() - 2);
        }
        else if (t.endsWith("ms"))
        {
            scale = 1_000_000;
            number = t.substring(0, t.length() - 2);
        }
        else if (t.endsWith("s"))
        {
            scale = 1_000_000_000;
            number = t.substring(0, t.length() - 1);
        }
        else
        {
            throw new IllegalArgumentException("duration needs a unit (ns, us, ms, s): entry='" + entry + "'");
        }
        final long value = Long.parseLong(number.trim());
        if (value < 1)
        {
            throw new IllegalArgumentException("duration must be positive: entry='" + entry + "'");
        }
        return value * scale;
    }

    private static FaultKind kindOf(final String name, final String entry)
    {
        for (final FaultKind kind : FaultKind.values())
        {
            if (kind.planName().equals(name.toLowerCase(Locale.ROOT)))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "': expected drop, duplicate, reorder, corrupt, " +
            "truncate, restart, stall or burst: entry='" + entry + "'");
    }

    private static int firstOf(final String text, final char a, final char b)
    {
        final int ia = text.indexOf(a);
        final int ib = text.indexOf(b);
        return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
    }
}
