package io.qecnode.io.transport;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Idle strategies by name, for configuration files and flags.
 * <pre>
 *   busy-spin  dedicated core: lowest latency, burns the core
 *   yield      shared cores: gives the core away between polls
 *   backoff    spins, then yields, then parks (Agrona's default)
 *   sleep      parks for a millisecond between polls
 *   noop       never idles (benchmarks)
 * </pre>
 */
public final class IdleStrategies
{
    /** Accepted names. */
    public static final String NAMES = "busy-spin, yield, backoff, sleep, noop";

    private IdleStrategies()
    {
    }

    /**
     * @param name one of {@link #NAMES}, any case.
     * @return a new idle strategy.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static IdleStrategy of(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "busy-spin":
            case "busyspin":
                return new BusySpinIdleStrategy();
            case "yield":
            case "yielding":
                return new YieldingIdleStrategy();
            case "backoff":
                return new BackoffIdleStrategy();
            case "sleep":
            case "sleeping":
                return new SleepingIdleStrategy(TimeUnit.MILLISECONDS.toNanos(1));
            case "noop":
                return new NoOpIdleStrategy();
            default:
                throw new IllegalArgumentException("unknown idle strategy '" + name + "': expected " + NAMES);
        }
    }
}
