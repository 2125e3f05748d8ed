package io.qecnode.node.harness.chain;

import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.transport.FrameSender;
import org.agrona.DirectBuffer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's outgoing states as a fault test wants them: some epochs held back for good (the neighbour silent for that
 * epoch), one epoch sent twice back to back on the same publication (a duplicate the receiver sees right after the
 * real one), one epoch's bytes kept for a later replay, and from a switch on, nothing at all (the neighbour gone
 * silent). Runs on the chain's hot thread; copies only the frames it keeps.
 */
final class StateTap implements FrameSender
{
    final Set<Long> withheld = ConcurrentHashMap.newKeySet();
    final Set<Long> duplicated = ConcurrentHashMap.newKeySet();
    volatile long keepEpoch = -1;
    volatile byte[] kept;
    volatile long firstSilentEpoch = -1;
    volatile byte[] firstSilentState;
    private volatile boolean silent;
    private final LogicalStateView view = new LogicalStateView();
    private FrameSender next;

    /**
     * @param node   the node sending.
     * @param sender its publication.
     * @return this tap in front of the publication.
     */
    FrameSender wrap(final int node, final FrameSender sender)
    {
        next = sender;
        return this;
    }

    /** From the next state on, send nothing. */
    void goSilent()
    {
        silent = true;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!view.wrapAndVerify(buffer, offset, length))
        {
            throw new IllegalStateException("the node sent a state that does not verify");
        }
        final long epoch = view.epoch();
        if (epoch == keepEpoch)
        {
            kept = copy(buffer, offset, length);
        }
        if (silent)
        {
            if (firstSilentEpoch < 0)
            {
                firstSilentState = copy(buffer, offset, length);
                firstSilentEpoch = epoch;
            }
            return true;
        }
        if (withheld.contains(epoch))
        {
            return true;
        }
        final boolean sent = next.send(buffer, offset, length);
        return duplicated.contains(epoch) ? next.send(buffer, offset, length) && sent : sent;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
