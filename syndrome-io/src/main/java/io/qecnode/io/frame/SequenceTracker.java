package io.qecnode.io.frame;

import java.util.Arrays;

/**
 * Sequence checking for one source's stream: tells the next frame from a gap, a duplicate, a late frame and a restart,
 * without allocation.
 * <p>
 * The tracker keeps the next expected sequence and a ring of {@link #WINDOW} bits, one per sequence number in
 * {@code [expected - WINDOW, expected)}, set while that sequence is missing (skipped by a gap and not yet seen). Bit
 * {@code s % WINDOW} belongs to sequence {@code s}:
 * <pre>
 *   word      0                        1                               WINDOW/64 - 1
 *   bit    0 1 2      ...      63 0 1 2      ...      63     ...        ...      63
 *        +---------------------------+---------------------------+- ... -+----------+
 *        | s%W = 0 ... 63            | s%W = 64 ... 127          |       |  ... W-1 |
 *        +---------------------------+---------------------------+- ... -+----------+
 *          1 = missing, 0 = received or never expected
 * </pre>
 * Advancing {@code expected} from {@code e} to {@code s + 1} reuses the slots of sequences that leave the window:
 * slots for {@code [e, s)} are set (missing) and the slot for {@code s} is cleared.
 * <p>
 * Sequence numbers compare by difference, so a stream that wraps {@code 2^64} keeps working. Before the first frame,
 * and after a restart, nothing is known to be missing: a frame older than the first one seen reads as a duplicate.
 */
public final class SequenceTracker
{
    /**
     * Sequence numbers behind the expected one that are tracked; a frame further behind is a restart.
     */
    public static final int WINDOW = 1024;

    private static final int WINDOW_MASK = WINDOW - 1;
    private static final int BITS_PER_WORD = Long.SIZE;

    private final long[] missing = new long[WINDOW / BITS_PER_WORD];
    private boolean started;
    private long expected;
    private long lastMissingCount;

    /**
     * Classify the next frame's sequence number and advance.
     *
     * @param sequence of the frame.
     * @return {@link FrameCheck#OK}, {@link FrameCheck#GAP} or {@link FrameCheck#RESTART} for frames to accept;
     *         {@link FrameCheck#DUPLICATE} or {@link FrameCheck#OUT_OF_ORDER} for frames to reject.
     */
    public FrameCheck onSequence(final long sequence)
    {
        lastMissingCount = 0;
        if (!started)
        {
            restartAt(sequence);
            started = true;
            return FrameCheck.OK;
        }

        final long ahead = sequence - expected;
        if (ahead == 0)
        {
            clearMissing(sequence);
            expected = sequence + 1;
            return FrameCheck.OK;
        }

        if (ahead > 0)
        {
            markMissing(expected, ahead);
            clearMissing(sequence);
            expected = sequence + 1;
            lastMissingCount = ahead;
            return FrameCheck.GAP;
        }

        final long behind = expected - sequence;
        // A stream that had moved past 0 and sends 0 again has restarted; so has one that is too far behind to track.
        if ((sequence == 0 && expected > 1) || Long.compareUnsigned(behind, WINDOW) > 0)
        {
            restartAt(sequence);
            return FrameCheck.RESTART;
        }

        if (isMissing(sequence))
        {
            // Late: reject, but remember it arrived so that a second copy is a duplicate.
            clearMissing(sequence);
            return FrameCheck.OUT_OF_ORDER;
        }

        return FrameCheck.DUPLICATE;
    }

    /**
     * @return the sequence number the next in-order frame will carry; meaningless before the first frame.
     */
    public long expected()
    {
        return expected;
    }

    /**
     * @return how many sequence numbers the last {@link FrameCheck#GAP} skipped, 0 if the last result was not a gap.
     */
    public long lastMissingCount()
    {
        return lastMissingCount;
    }

    /**
     * @param sequence to look up.
     * @return true if that sequence is within the window and still missing.
     */
    public boolean isMissing(final long sequence)
    {
        final long behind = expected - sequence;
        if (behind <= 0 || behind > WINDOW)
        {
            return false;
        }

        final int slot = (int)sequence & WINDOW_MASK;
        return (missing[slot >>> 6] & (1L << slot)) != 0;
    }

    private void restartAt(final long sequence)
    {
        Arrays.fill(missing, 0L);
        expected = sequence + 1;
    }

    private void clearMissing(final long sequence)
    {
        final int slot = (int)sequence & WINDOW_MASK;
        missing[slot >>> 6] &= ~(1L << slot);
    }

    private void markMissing(final long first, final long count)
    {
        final long[] missing = this.missing;
        if (count >= WINDOW)
        {
            Arrays.fill(missing, -1L);
            return;
        }

        int slot = (int)first & WINDOW_MASK;
        int remaining = (int)count;
        while (remaining > 0)
        {
            final int bit = slot & (BITS_PER_WORD - 1);
            final int run = Math.min(remaining, BITS_PER_WORD - bit);
            final long runMask = run == BITS_PER_WORD ? -1L : ((1L << run) - 1) << bit;
            missing[slot >>> 6] |= runMask;
            remaining -= run;
            slot = (slot + run) & WINDOW_MASK;
        }
    }
}
