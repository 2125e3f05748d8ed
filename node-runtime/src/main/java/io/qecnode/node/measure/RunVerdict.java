package io.qecnode.node.measure;

import io.qecnode.io.frame.FrameCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The one rule by which {@code simulate}, {@code latency} and {@code soak} pass or fail a pipeline run. Real hardware
 * does not slow down for its decoder, so a run fails (exit 1) when:
 * <ul>
 *   <li>the hardware schedule was not held: over the measured stretch the simulator emitted fewer than
 *   {@link #MIN_RATE_SHARE} of the rounds its period asks for (a stall it caught up with does not count, and the end is
 *   read once emission has caught up or {@link #CATCH_UP_GRACE_NS} passed; rounds still overdue then do), or the
 *   node fell behind: more than {@link #BACKLOG_LIMIT_BLOCKS} blocks not yet at the
 *   sink at the end, and no fewer than at the start;</li>
 *   <li>blocks are missing or unaccounted, the chain did not drain, or nothing was measured;</li>
 *   <li>more than {@link #FALLBACK_FAIL_SHARE} of the blocks went to the fallback decoder (above
 *   {@link #FALLBACK_WARN_SHARE} it warns): the fallback is the bounded path for a window that overflowed, and a
 *   healthy run at the code's design noise should almost never need it.</li>
 * </ul>
 */
public final class RunVerdict
{
    // values() copies the array each call; the counters are read every interval of a run.
    private static final FrameCounter[] FRAME_COUNTERS = FrameCounter.values();

    /** How a failure line names a schedule that was not held; a harness may tell that failure apart by it. */
    public static final String SCHEDULE_NOT_HELD = "the hardware schedule was not held";

    /** Share of the requested round rate the simulator must achieve over the measured stretch. */
    public static final double MIN_RATE_SHARE = 0.99;

    /**
     * Longest wait at the end of a measured stretch for emission to catch up with the schedule before the rate is
     * read: a hiccup of the host just before the end is then judged as one in the middle of the run, caught up.
     */
    public static final long CATCH_UP_GRACE_NS = 200_000_000L;

    /** Backlog beyond which a run counts as fallen behind: 1000 blocks is milliseconds of rounds at any distance. */
    public static final long BACKLOG_LIMIT_BLOCKS = 1000;

    /** Share of blocks decoded by the fallback above which a run warns. */
    public static final double FALLBACK_WARN_SHARE = 0.001;

    /** Share of blocks decoded by the fallback above which a run fails. */
    public static final double FALLBACK_FAIL_SHARE = 0.01;

    private final List<String> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String scheduleLine = "schedule not checked";
    private String fallbackLine = "fallback not checked";

    /**
     * Judge the hardware schedule over the measured stretch.
     *
     * @param periodNs       the requested round period; 0 (unpaced) has no schedule to hold.
     * @param rounds         rounds emitted over the measured stretch.
     * @param measuredNs     length of the measured stretch.
     * @param backlogAtStart blocks not yet at the sink when the measured stretch began.
     * @param backlogAtEnd   blocks not yet at the sink when it ended.
     * @param blockNs        the schedule's time per block, to state the backlog as time.
     * @return this.
     */
    public RunVerdict schedule(
        final long periodNs,
        final long rounds,
        final long measuredNs,
        final long backlogAtStart,
        final long backlogAtEnd,
        final long blockNs)
    {
        if (measuredNs <= 0 || rounds <= 0)
        {
            scheduleLine = "nothing measured";
            failures.add("nothing was measured after the warm-up (" + rounds + " rounds)");
            return this;
        }
        final double achieved = rounds * 1e9 / measuredNs;
        final String backlog = String.format(Locale.ROOT, "backlog %d blocks (%.1f ms) at the end, %d at the start",
            backlogAtEnd, backlogAtEnd * (double)blockNs / 1e6, backlogAtStart);
        if (periodNs <= 0)
        {
            scheduleLine = String.format(Locale.ROOT, "achieved %.0f rounds/s unpaced, %s", achieved, backlog);
            return this;
        }
        final double requested = 1e9 / periodNs;
        final double share = achieved / requested;
        scheduleLine = String.format(Locale.ROOT, "achieved %.0f rounds/s of %.0f requested (%.1f%%), %s",
            achieved, requested, 100 * share, backlog);
        if (share < MIN_RATE_SHARE)
        {
            failures.add(String.format(Locale.ROOT, SCHEDULE_NOT_HELD + ": achieved %.0f rounds/s of %.0f requested " +
                "(%.1f%%, below %.0f%%)", achieved, requested, 100 * share, 100 * MIN_RATE_SHARE));
        }
        if (backlogAtEnd > BACKLOG_LIMIT_BLOCKS && backlogAtEnd >= backlogAtStart)
        {
            failures.add(String.format(Locale.ROOT, "the node fell behind: %s (limit %d)", backlog,
                BACKLOG_LIMIT_BLOCKS));
        }
        return this;
    }

    /**
     * Judge the accounting of blocks.
     *
     * @param unaccounted frames not sent, blocks missing without a counter that explains them, truth unknown.
     * @param drained     whether the sink saw the last block after the simulator stopped.
     * @param blocks      blocks checked at the sink.
     * @return this.
     */
    public RunVerdict accounting(final long unaccounted, final boolean drained, final long blocks)
    {
        if (unaccounted > 0)
        {
            failures.add(unaccounted + " frame(s) or block(s) lost unaccounted");
        }
        if (!drained)
        {
            failures.add("the chain did not drain: the sink did not see the last block after the simulator stopped");
        }
        if (blocks == 0)
        {
            failures.add("no block reached the sink");
        }
        return this;
    }

    /**
     * Judge the share of blocks the fallback decoded.
     *
     * @param fallbackBlocks blocks decoded by the fallback.
     * @param blocks         blocks decoded.
     * @return this.
     */
    public RunVerdict fallback(final long fallbackBlocks, final long blocks)
    {
        final double share = blocks == 0 ? 0 : fallbackBlocks / (double)blocks;
        fallbackLine = String.format(Locale.ROOT, "fallback %d blocks (%.3f%%)", fallbackBlocks, 100 * share);
        if (share > FALLBACK_FAIL_SHARE)
        {
            failures.add(String.format(Locale.ROOT, "%d blocks (%.3f%%) went to the fallback decoder, more than " +
                "%.1f%%", fallbackBlocks, 100 * share, 100 * FALLBACK_FAIL_SHARE));
        }
        else if (share > FALLBACK_WARN_SHARE)
        {
            warnings.add(String.format(Locale.ROOT, "%d blocks (%.3f%%) went to the fallback decoder, more than " +
                "%.1f%%", fallbackBlocks, 100 * share, 100 * FALLBACK_WARN_SHARE));
        }
        return this;
    }

    /**
     * Say whether the node had to shed blocks to hold the round rate: a warning naming how many, since those blocks
     * were decoded by the fallback (their share is judged with the fallback's).
     *
     * @param shedBlocks       blocks the node shed.
     * @param maxBacklogRounds the largest backlog the node measured, rounds.
     * @return this.
     */
    public RunVerdict shed(final long shedBlocks, final long maxBacklogRounds)
    {
        if (shedBlocks > 0)
        {
            warnings.add(String.format(Locale.ROOT, "the node fell behind (backlog up to %d rounds) and shed %d " +
                "blocks to the fallback", maxBacklogRounds, shedBlocks));
        }
        return this;
    }

    /**
     * Judge whether anything reached the node: a run whose every round was refused or dropped has nothing to time.
     *
     * @param sent     rounds the simulator sent.
     * @param accepted frames the node's validator accepted.
     * @param dropped  rounds the fault injector dropped on purpose.
     * @return this.
     */
    public RunVerdict arrivals(final long sent, final long accepted, final long dropped)
    {
        if (sent > 0 && accepted == 0)
        {
            failures.add(dropped >= sent ? "nothing arrived at the node: every round was dropped (--faults drop), " +
                dropped + " of " + sent : "nothing arrived at the node: none of " + sent + " rounds was accepted");
        }
        return this;
    }

    /**
     * @param ok      whether the run met a condition of its own.
     * @param failure what to say when it did not.
     * @return this verdict.
     */
    public RunVerdict require(final boolean ok, final String failure)
    {
        if (!ok)
        {
            failures.add(failure);
        }
        return this;
    }

    /** @return true if nothing failed. */
    public boolean passed()
    {
        return failures.isEmpty();
    }

    /** @return what failed, in words. */
    public List<String> failures()
    {
        return failures;
    }

    /** @return what is worth a warning but does not fail the run. */
    public List<String> warnings()
    {
        return warnings;
    }

    /** @return the achieved round rate against the requested one, and the backlog. */
    public String scheduleLine()
    {
        return scheduleLine;
    }

    /** @return fallback blocks as a count and a share. */
    public String fallbackLine()
    {
        return fallbackLine;
    }

    /**
     * @param command the command's name.
     * @return one line: PASSED or FAILED with every failure, then any warning.
     */
    public String line(final String command)
    {
        final StringBuilder line = new StringBuilder(command).append(passed() ? ": PASSED" : ": FAILED: ")
            .append(String.join("; ", failures));
        if (!warnings.isEmpty())
        {
            line.append("; warning: ").append(String.join("; ", warnings));
        }
        return line.toString();
    }

    /**
     * @param counters the validator's counters, read by kind.
     * @return the rejected frames, every kind of rejection summed.
     */
    public static long rejected(final ToLongFunction<FrameCounter> counters)
    {
        long total = 0;
        for (final FrameCounter counter : FRAME_COUNTERS)
        {
            total += counter.isRejection() ? counters.applyAsLong(counter) : 0;
        }
        return total;
    }

    /**
     * @param counters the validator's counters, read by kind.
     * @return the rejected frames, total and by kind, e.g. {@code rejected 12 (bad checksum 10, duplicate 2)}.
     */
    public static String rejectedByKind(final ToLongFunction<FrameCounter> counters)
    {
        final StringBuilder kinds = new StringBuilder();
        for (final FrameCounter counter : FRAME_COUNTERS)
        {
            final long count = counter.isRejection() ? counters.applyAsLong(counter) : 0;
            if (count > 0)
            {
                kinds.append(kinds.length() == 0 ? " (" : ", ").append(kindName(counter)).append(' ').append(count);
            }
        }
        return "rejected " + rejected(counters) + (kinds.length() == 0 ? "" : kinds.append(')').toString());
    }

    private static String kindName(final FrameCounter counter)
    {
        final String label = counter.label();
        return label.substring(label.indexOf(':') + 1).trim();
    }
}
