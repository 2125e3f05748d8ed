package io.qecnode.io.journal;

import io.qecnode.io.frame.CounterAllocator;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The journal's counters, allocated like the frame counters so that tools outside the process see them. Type ids
 * 4140-4144.
 */
public final class JournalCounters implements AutoCloseable
{
    /** Records appended to the queue. */
    public static final int APPENDED_TYPE_ID = 4140;

    /** Records lost because the hand-off from the hot thread was full: journal gaps. */
    public static final int GAP_TYPE_ID = 4141;

    /** Records that reached the journal thread but could not be written (disk full, write error). */
    public static final int WRITE_FAILED_TYPE_ID = 4142;

    /** Cycle files deleted by the retention limit. */
    public static final int FILES_DELETED_TYPE_ID = 4143;

    /** Checkpoints appended. */
    public static final int CHECKPOINTS_TYPE_ID = 4144;

    private final AtomicCounter appended;
    private final AtomicCounter gaps;
    private final AtomicCounter writeFailures;
    private final AtomicCounter filesDeleted;
    private final AtomicCounter checkpoints;

    /**
     * @param allocator creates the counters, e.g. {@code aeron::addCounter}.
     * @param node      name of the node for the labels.
     */
    public JournalCounters(final CounterAllocator allocator, final String node)
    {
        final String prefix = "qec node " + node + " journal: ";
        appended = allocator.newCounter(APPENDED_TYPE_ID, prefix + "records appended");
        gaps = allocator.newCounter(GAP_TYPE_ID, prefix + "records lost, hand-off full (gaps)");
        writeFailures = allocator.newCounter(WRITE_FAILED_TYPE_ID, prefix + "records not written (disk full, error)");
        filesDeleted = allocator.newCounter(FILES_DELETED_TYPE_ID, prefix + "cycle files deleted by retention");
        checkpoints = allocator.newCounter(CHECKPOINTS_TYPE_ID, prefix + "checkpoints appended");
    }

    /** @return records appended. */
    public AtomicCounter appended()
    {
        return appended;
    }

    /** @return records lost at the hand-off. */
    public AtomicCounter gaps()
    {
        return gaps;
    }

    /** @return records that could not be written. */
    public AtomicCounter writeFailures()
    {
        return writeFailures;
    }

    /** @return cycle files deleted by retention. */
    public AtomicCounter filesDeleted()
    {
        return filesDeleted;
    }

    /** @return checkpoints appended. */
    public AtomicCounter checkpoints()
    {
        return checkpoints;
    }

    @Override
    public void close()
    {
        appended.close();
        gaps.close();
        writeFailures.close();
        filesDeleted.close();
        checkpoints.close();
    }
}
