package io.qecnode.node.harness.chain;

import io.qecnode.io.frame.ChainFlags;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.sim.chain.EpochTruth;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Gathers, epoch by epoch, the pieces the verifier of a chain of n repeaters judges, as they arrive on the verifier's
 * endpoint in any order, into a {@link ChainEpoch}, and hands each epoch over once, in epoch order.
 * <p>
 * <b>Pieces.</b> Per epoch, one {@link EpochTruth} record from each node's hardware (n + 2: node 0 = A, 1..n, n + 1 =
 * B) and one report, a version 2 {@code LogicalState}, per patch (2n + 2). A report's {@code logicalQubit} is the
 * patch's id (chain patch index = id - 1, as in {@link ChainEpoch}), its {@code frameBits} the patch's decoded flips,
 * its {@code epoch} the epoch; B's report also carries the correction it received ({@code chainCorrection}) and the
 * epoch's chain flags ({@link ChainFlags#EPOCH_INCOMPLETE} marks the epoch incomplete, {@link ChainFlags#EPOCH_FAILED}
 * failed). Repeaters' corrections and flags are not read: B's are the ones that decide.
 * <p>
 * <b>Closing.</b> An epoch closes when all its pieces are in, or when {@code deadlineNs} has passed since its first
 * piece arrived (an epoch nothing arrived for, older than one that has pieces, starts its deadline when that later
 * piece arrives), or when a piece arrives {@code window} or more epochs ahead of it (the ring is full: the oldest
 * epochs close as at their deadline to make room). Epochs close strictly in order: a whole epoch waits for the older
 * ones. Closed at the deadline, an epoch missing any truth record or A's or B's report is marked failed; one missing
 * only repeaters' reports is judged, but its residuals are unknown ({@code residualsKnown} false).
 * <p>
 * <b>Refusals.</b> A piece for a closed epoch (late), a second piece of the same node or patch and epoch (duplicate),
 * a truth record that is not {@link EpochTruth#LENGTH} bytes or does not describe the configured chain's node, a
 * report that fails {@link LogicalStateView#wrapAndVerify}, carries no chain fields or flips outside X and Z, a piece
 * from a node or patch the chain does not have, or a report of another path: each is counted by kind
 * ({@link Counter}) and changes nothing. Nothing throws on bad input.
 * <p>
 * <b>Note:</b> not thread safe: one thread calls {@link #onTruth}, {@link #onReport}, {@link #poll} and
 * {@link #closeOpen}, none of which allocates. The counters ({@link #count}) may be read from any thread.
 */
public final class EpochAssembly
{
    /** What the assembly counts, read with {@link #count}. */
    public enum Counter
    {
        /** Truth records accepted. */
        TRUTHS,
        /** Reports accepted. */
        REPORTS,
        /** Pieces of an epoch already closed. */
        LATE,
        /** Pieces of a node or patch and epoch already received. */
        DUPLICATE,
        /** Truth records of the wrong length, patch ids or shape for their node, or flips outside X and Z. */
        MALFORMED_TRUTH,
        /** Reports that are not whole version 2 states (length, checksum, version), or carry no epoch or bad flips. */
        MALFORMED_REPORT,
        /** Pieces from a node or patch the chain does not have, or a report from a node not holding its patch. */
        UNKNOWN_NODE,
        /** Reports of another path. */
        WRONG_PATH,
        /** Epochs closed with every piece in. */
        CLOSED_COMPLETE,
        /** Epochs closed by their deadline. */
        CLOSED_AT_DEADLINE,
        /** Epochs closed early to make room for a piece a window ahead. */
        CLOSED_BY_WINDOW,
        /** Epochs closed by their deadline or the window with pieces missing and marked failed. */
        CLOSED_FAILED,
        /** Epochs closed by their deadline or the window judged without some repeater's frames. */
        CLOSED_WITHOUT_RESIDUALS
    }

    /** Receives each epoch as it closes. */
    @FunctionalInterface
    public interface EpochHandler
    {
        /**
         * @param epoch          the epoch, valid during the call only (its slot is reused).
         * @param residualsKnown true when every patch's decoded frame arrived: the epoch's residuals are statistics of
         *                       the patches.
         */
        void onEpoch(ChainEpoch epoch, boolean residualsKnown);
    }

    private static final long FLIP_BITS = 3L;
    private static final Counter[] COUNTERS = Counter.values();

    private final int repeaters;
    private final int nodeCount;
    private final int patchCount;
    private final int mask;
    private final long deadlineNs;
    private final long pathId;
    private final EpochHandler handler;
    private final ChainEpoch[] epochs;
    private final boolean[][] truthSeen;
    private final boolean[][] reportSeen;
    private final int[] pieces;
    private final long[] firstPieceNs;
    private final EpochTruth truth = new EpochTruth();
    private final LogicalStateView report = new LogicalStateView();
    private final AtomicLongArray counts = new AtomicLongArray(COUNTERS.length);
    private long nextEpoch;
    private long startedThrough;

    /**
     * @param repeaters  number of repeaters n, at least 0.
     * @param window     epochs open at once, a power of two, at least 2.
     * @param deadlineNs how long an epoch waits for its pieces after the first arrived, {@code > 0}.
     * @param firstEpoch the first epoch of the run, {@code >= 0}: pieces of earlier epochs are late.
     * @param pathId     the path whose reports count.
     * @param handler    receives every epoch as it closes.
     * @throws IllegalArgumentException if a value is out of range.
     */
    public EpochAssembly(
        final int repeaters,
        final int window,
        final long deadlineNs,
        final long firstEpoch,
        final long pathId,
        final EpochHandler handler)
    {
        patchCount = ChainEpoch.patchCount(repeaters);
        if (window < 2 || !BitUtil.isPowerOfTwo(window) || deadlineNs <= 0 || firstEpoch < 0)
        {
            throw new IllegalArgumentException(
                "window=" + window + ", deadlineNs=" + deadlineNs + ", firstEpoch=" + firstEpoch);
        }
        this.repeaters = repeaters;
        this.nodeCount = repeaters + 2;
        this.mask = window - 1;
        this.deadlineNs = deadlineNs;
        this.pathId = pathId;
        this.handler = handler;
        epochs = new ChainEpoch[window];
        truthSeen = new boolean[window][nodeCount];
        reportSeen = new boolean[window][patchCount];
        pieces = new int[window];
        firstPieceNs = new long[window];
        for (int s = 0; s < window; s++)
        {
            epochs[s] = new ChainEpoch(repeaters);
        }
        nextEpoch = firstEpoch;
        startedThrough = firstEpoch - 1;
    }

    /**
     * Take one node's truth record of one epoch.
     *
     * @param buffer holding the record.
     * @param offset where it starts.
     * @param length its length as received.
     * @param nowNs  the time now, on the clock the deadline runs on.
     * @return true if the record was taken, false if it was counted as refused.
     */
    public boolean onTruth(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length != EpochTruth.LENGTH)
        {
            return refuse(Counter.MALFORMED_TRUTH);
        }
        final EpochTruth truth = this.truth.wrap(buffer, offset);
        final int node = truth.node();
        if (node < 0 || node >= nodeCount)
        {
            return refuse(Counter.UNKNOWN_NODE);
        }
        if (!truthDescribesNode(truth, node))
        {
            return refuse(Counter.MALFORMED_TRUTH);
        }
        final long epochNumber = truth.epoch();
        if (epochNumber < 0)
        {
            return refuse(Counter.MALFORMED_TRUTH);
        }
        final int slot = acquire(epochNumber, nowNs);
        if (slot < 0)
        {
            return false;
        }
        if (truthSeen[slot][node])
        {
            return refuse(Counter.DUPLICATE);
        }
        truthSeen[slot][node] = true;
        pieces[slot]++;

        final ChainEpoch epoch = epochs[slot];
        if (node == 0)
        {
            epoch.trueFlips(ChainEpoch.PATCH_A, truth.trueFlips(0));
        }
        else if (node == nodeCount - 1)
        {
            epoch.trueFlips(epoch.patchB(), truth.trueFlips(0));
        }
        else
        {
            epoch.trueFlips(ChainEpoch.leftPatch(node), truth.trueFlips(0))
                .trueFlips(ChainEpoch.rightPatch(node), truth.trueFlips(1))
                .rawParities(node, truth.rawXx(), truth.rawZz());
        }
        increment(Counter.TRUTHS);
        return true;
    }

    /**
     * Take one patch's report of one epoch.
     *
     * @param buffer holding the {@code LogicalState}.
     * @param offset where it starts.
     * @param length its length as received.
     * @param nowNs  the time now, on the clock the deadline runs on.
     * @return true if the report was taken, false if it was counted as refused.
     */
    public boolean onReport(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        final LogicalStateView report = this.report;
        if (!report.wrapAndVerify(buffer, offset, length) || !report.hasChainFields())
        {
            return refuse(Counter.MALFORMED_REPORT);
        }
        final long epochNumber = report.epoch();
        final long frameBits = report.frameBits();
        final long correction = report.chainCorrection();
        if (epochNumber < 0 || (frameBits & ~FLIP_BITS) != 0 || (correction & ~FLIP_BITS) != 0)
        {
            return refuse(Counter.MALFORMED_REPORT);
        }
        final long patchId = report.logicalQubit();
        if (patchId < 1 || patchId > patchCount || report.nodeId() != patchId / 2 ||
            report.sourceNode() != report.nodeId())
        {
            return refuse(Counter.UNKNOWN_NODE);
        }
        if (report.pathId() != pathId)
        {
            return refuse(Counter.WRONG_PATH);
        }
        final int slot = acquire(epochNumber, nowNs);
        if (slot < 0)
        {
            return false;
        }
        final int patch = (int)patchId - 1;
        if (reportSeen[slot][patch])
        {
            return refuse(Counter.DUPLICATE);
        }
        reportSeen[slot][patch] = true;
        pieces[slot]++;

        final ChainEpoch epoch = epochs[slot];
        epoch.decodedFlips(patch, frameBits);
        if (patch == epoch.patchB())
        {
            epoch.accumulated(correction);
            final int chainFlags = report.chainFlags();
            if ((chainFlags & ChainFlags.EPOCH_INCOMPLETE) != 0)
            {
                epoch.markIncomplete();
            }
            if ((chainFlags & ChainFlags.EPOCH_FAILED) != 0)
            {
                epoch.markFailed();
            }
        }
        increment(Counter.REPORTS);
        return true;
    }

    /**
     * Close, in order, the oldest epochs that are whole or past their deadline.
     *
     * @param nowNs the time now, on the clock the deadline runs on.
     * @return epochs closed.
     */
    public int poll(final long nowNs)
    {
        int closed = 0;
        while (nextEpoch <= startedThrough)
        {
            final int slot = slot(nextEpoch);
            if (pieces[slot] == nodeCount + patchCount)
            {
                close(slot, Counter.CLOSED_COMPLETE);
            }
            else if (nowNs - firstPieceNs[slot] >= deadlineNs)
            {
                close(slot, Counter.CLOSED_AT_DEADLINE);
            }
            else
            {
                break;
            }
            closed++;
        }
        return closed;
    }

    /**
     * Close every epoch that has pieces, whole or not, as if its deadline had passed: at the end of a run, once no
     * more pieces will come.
     *
     * @return epochs closed.
     */
    public int closeOpen()
    {
        int closed = 0;
        while (nextEpoch <= startedThrough)
        {
            final int slot = slot(nextEpoch);
            close(slot, pieces[slot] == nodeCount + patchCount ? Counter.CLOSED_COMPLETE : Counter.CLOSED_AT_DEADLINE);
            closed++;
        }
        return closed;
    }

    /** @return the oldest epoch not closed yet. */
    public long nextEpoch()
    {
        return nextEpoch;
    }

    /** @return epochs with pieces that are not closed yet. */
    public long openEpochs()
    {
        return startedThrough - nextEpoch + 1;
    }

    /** @return number of repeaters n. */
    public int repeaters()
    {
        return repeaters;
    }

    /**
     * @param counter what to read.
     * @return its count so far; safe from any thread.
     */
    public long count(final Counter counter)
    {
        return counts.get(counter.ordinal());
    }

    /**
     * @return one print-ready line: pieces taken, pieces refused by kind, and how epochs closed. Allocates; safe from
     * any thread.
     */
    public String summary()
    {
        return String.format(Locale.ROOT,
            "verifier pieces: %d truths, %d reports; refused %d late, %d duplicate, %d malformed truths, " +
            "%d malformed reports, %d unknown node, %d wrong path; epochs closed %d complete, %d at deadline, " +
            "%d by window (%d failed, %d without residuals)",
            count(Counter.TRUTHS), count(Counter.REPORTS), count(Counter.LATE), count(Counter.DUPLICATE),
            count(Counter.MALFORMED_TRUTH), count(Counter.MALFORMED_REPORT), count(Counter.UNKNOWN_NODE),
            count(Counter.WRONG_PATH), count(Counter.CLOSED_COMPLETE), count(Counter.CLOSED_AT_DEADLINE),
            count(Counter.CLOSED_BY_WINDOW), count(Counter.CLOSED_FAILED), count(Counter.CLOSED_WITHOUT_RESIDUALS));
    }

    // The slot of an epoch that may take pieces, started (with every older one) if it was not; -1 for a late piece,
    // counted. A piece a window ahead first closes the oldest epochs to make room.
    private int acquire(final long epochNumber, final long nowNs)
    {
        if (epochNumber < nextEpoch)
        {
            refuse(Counter.LATE);
            return -1;
        }
        while (epochNumber - nextEpoch > mask)
        {
            if (nextEpoch > startedThrough)
            {
                start(nextEpoch, nowNs);
            }
            close(slot(nextEpoch), Counter.CLOSED_BY_WINDOW);
        }
        while (startedThrough < epochNumber)
        {
            start(startedThrough + 1, nowNs);
        }
        return slot(epochNumber);
    }

    private void start(final long epochNumber, final long nowNs)
    {
        final int slot = slot(epochNumber);
        epochs[slot].reset(epochNumber);
        Arrays.fill(truthSeen[slot], false);
        Arrays.fill(reportSeen[slot], false);
        pieces[slot] = 0;
        firstPieceNs[slot] = nowNs;
        startedThrough = epochNumber;
    }

    private void close(final int slot, final Counter how)
    {
        final ChainEpoch epoch = epochs[slot];
        boolean residualsKnown = true;
        if (pieces[slot] != nodeCount + patchCount)
        {
            if (!allSeen(truthSeen[slot]) || !reportSeen[slot][ChainEpoch.PATCH_A] ||
                !reportSeen[slot][epoch.patchB()])
            {
                epoch.markFailed();
                increment(Counter.CLOSED_FAILED);
            }
            else
            {
                increment(Counter.CLOSED_WITHOUT_RESIDUALS);
            }
            residualsKnown = false;
        }
        increment(how);
        nextEpoch++;
        handler.onEpoch(epoch, residualsKnown);
    }

    private boolean truthDescribesNode(final EpochTruth truth, final int node)
    {
        final boolean end = node == 0 || node == nodeCount - 1;
        if (truth.patchCount() != (end ? 1 : 2) || truth.measured() == end)
        {
            return false;
        }
        for (int p = 0; p < truth.patchCount(); p++)
        {
            // A holds R_0 (id 1), B holds L_(n+1) (id 2(n+1)), repeater i holds L_i (2i) and R_i (2i + 1).
            final int expectedId = node == 0 ? 1 : 2 * node + p;
            if (truth.logicalQubitId(p) != expectedId || (truth.trueFlips(p) & ~FLIP_BITS) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean allSeen(final boolean[] seen)
    {
        for (final boolean s : seen)
        {
            if (!s)
            {
                return false;
            }
        }
        return true;
    }

    private int slot(final long epochNumber)
    {
        return (int)epochNumber & mask;
    }

    private boolean refuse(final Counter counter)
    {
        increment(counter);
        return false;
    }

    // Written by the assembling thread only, read by others: an ordered store, no fence per count.
    private void increment(final Counter counter)
    {
        final int index = counter.ordinal();
        counts.lazySet(index, counts.get(index) + 1);
    }
}
