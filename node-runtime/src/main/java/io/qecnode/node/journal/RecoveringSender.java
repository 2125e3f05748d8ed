package io.qecnode.node.journal;

import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.transport.FrameSender;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * The node's way out while it recovers: states of blocks the journal shows were already forwarded before the crash
 * are held back, the others (finished in the journal's tail but never offered, or offered without the journal
 * hearing of it) go to the next hop. After {@link #endRecovery()} everything passes straight through.
 */
public final class RecoveringSender implements FrameSender
{
    private final FrameSender live;
    private final LogicalStateView view = new LogicalStateView();
    private final LongHashSet forwarded = new LongHashSet();
    private boolean recovering = true;
    private long suppressed;
    private long resent;

    /**
     * @param live the next hop.
     */
    public RecoveringSender(final FrameSender live)
    {
        this.live = live;
    }

    /**
     * @param block a block whose state the journal shows was offered before the crash.
     */
    void forwarded(final long block)
    {
        forwarded.add(block);
    }

    /** Pass every state from now on; the node is live. */
    public void endRecovery()
    {
        recovering = false;
        forwarded.clear();
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (recovering)
        {
            if (forwarded.contains(view.wrap(buffer, offset).blockSequence()))
            {
                suppressed++;
                return true;
            }
            resent++;
        }
        return live.send(buffer, offset, length);
    }

    /** @return states held back during recovery because they had been forwarded before. */
    public long suppressed()
    {
        return suppressed;
    }

    /** @return states sent during recovery: finished in the tail, with no sign they had been forwarded. */
    public long resent()
    {
        return resent;
    }
}
