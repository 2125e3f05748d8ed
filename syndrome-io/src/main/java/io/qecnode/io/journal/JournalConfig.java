package io.qecnode.io.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the journal lives and how much of it is kept.
 *
 * @param directory     the Chronicle Queue directory, created if missing.
 * @param roll          how often a new cycle file starts.
 * @param retainBytes   total size of cycle files kept; the oldest finished cycles are deleted beyond it. The cycle
 *                      being written is never deleted, so one cycle may exceed it.
 * @param minFreeBytes  free space the journal leaves on the disk: below it, records are counted as write failures
 *                      instead of written, and writing resumes when space comes back. Also checked at start.
 * @param handOffBytes  capacity of the hot thread's hand-off ring, a power of two.
 * @param checkpointEvery blocks between checkpoints.
 */
public record JournalConfig(
    Path directory, Roll roll, long retainBytes, long minFreeBytes, int handOffBytes, int checkpointEvery)
{
    /** Default total size of cycle files kept: 8 GiB. */
    public static final long RETAIN_BYTES_DEFAULT = 8L << 30;

    /** Default free space left on the disk: 1 GiB. */
    public static final long MIN_FREE_BYTES_DEFAULT = 1L << 30;

    /** Default hand-off capacity: 16 MiB, about 150,000 rounds of d=11 or 160 ms at 1 µs rounds. */
    public static final int HAND_OFF_BYTES_DEFAULT = 16 << 20;

    /** Default blocks between checkpoints. */
    public static final int CHECKPOINT_EVERY_DEFAULT = 1000;

    /** Roll cycles a user may choose, by name. */
    public enum Roll
    {
        /** A file per minute: for high round rates with a tight retention limit. */
        MINUTELY(LegacyRollCycles.MINUTELY),
        /** A file per five minutes. */
        FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
        /** A file per ten minutes. */
        TEN_MINUTELY(RollCycles.TEN_MINUTELY),
        /** A file per hour. */
        HOURLY(RollCycles.FAST_HOURLY),
        /** A file per day. */
        DAILY(RollCycles.FAST_DAILY);

        private final RollCycle cycle;

        Roll(final RollCycle cycle)
        {
            this.cycle = cycle;
        }

        /** @return Chronicle's roll cycle. */
        public RollCycle cycle()
        {
            return cycle;
        }

        /** @return the name users type, e.g. "five-minutely". */
        public String cliName()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * @param name as users type it.
         * @return the roll.
         * @throws IllegalArgumentException naming the accepted values.
         */
        public static Roll fromCliName(final String name)
        {
            for (final Roll roll : values())
            {
                if (roll.cliName().equals(name))
                {
                    return roll;
                }
            }
            throw new IllegalArgumentException("unknown roll cycle '" + name +
                "' (known: minutely, five-minutely, ten-minutely, hourly, daily)");
        }
    }

    /**
     * @throws IllegalArgumentException on a value that cannot work.
     */
    public JournalConfig
    {
        if (directory == null)
        {
            throw new IllegalArgumentException("journal directory missing");
        }
        if (retainBytes <= 0 || minFreeBytes < 0)
        {
            throw new IllegalArgumentException("journal sizes must be positive: retainBytes=" + retainBytes +
                ", minFreeBytes=" + minFreeBytes);
        }
        if (handOffBytes < 4096 || Integer.bitCount(handOffBytes) != 1)
        {
            throw new IllegalArgumentException("hand-off capacity must be a power of two of at least 4096 bytes: " +
                "handOffBytes=" + handOffBytes);
        }
        if (checkpointEvery < 1)
        {
            throw new IllegalArgumentException("checkpoint interval must be at least one block: checkpointEvery=" +
                checkpointEvery);
        }
    }

    /**
     * @param directory the queue directory.
     * @return the defaults: minutely cycles, 8 GiB kept, 1 GiB left free, 16 MiB hand-off, a checkpoint every 1000
     *         blocks.
     */
    public static JournalConfig defaults(final Path directory)
    {
        return new JournalConfig(directory, Roll.MINUTELY, RETAIN_BYTES_DEFAULT, MIN_FREE_BYTES_DEFAULT,
            HAND_OFF_BYTES_DEFAULT, CHECKPOINT_EVERY_DEFAULT);
    }
}
