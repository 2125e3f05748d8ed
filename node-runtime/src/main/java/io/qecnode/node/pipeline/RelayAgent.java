package io.qecnode.node.pipeline;

import io.aeron.Subscription;
import io.qecnode.pauli.LogicalFrame;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.transport.FrameSubscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A node further down the chain: receives the logical states of the node before it, folds each into a Pauli frame
 * for the qubit (entanglement swapping with a trivial Bell outcome here, so the frame bits go on unchanged) and
 * passes the state on with its own id, keeping the origin timestamp so that end-to-end latency spans the whole
 * chain.
 * <p>
 * <b>Note:</b> single-threaded; allocation-free.
 */
public final class RelayAgent implements Agent, FrameHandler
{
    private final FrameSubscriber subscriber;
    private final FrameSender out;
    private final NodeCounters counters;
    private final int nodeId;
    private final LogicalStateView view = new LogicalStateView();
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final LogicalFrame frame = new LogicalFrame(1);
    private final UnsafeBuffer state = new UnsafeBuffer(ByteBuffer.allocateDirect(LogicalStateWriter.FRAME_LENGTH));

    /**
     * @param subscription states from the previous node.
     * @param out          the next hop.
     * @param counters     counts relayed and rejected states.
     * @param nodeId       this node's id.
     */
    public RelayAgent(
        final Subscription subscription, final FrameSender out, final NodeCounters counters, final int nodeId)
    {
        this.subscriber = new FrameSubscriber(subscription, this);
        this.out = out;
        this.counters = counters;
        this.nodeId = nodeId;
    }

    @Override
    public int doWork()
    {
        return subscriber.poll(64);
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!view.wrapAndVerify(buffer, offset, length))
        {
            counters.statesRejected.incrementOrdered();
            return;
        }
        // The state already carries the qubit's whole frame (the decoding node accumulates it): with a trivial Bell
        // outcome this relay owes no correction of its own, so the frame goes on unchanged. Folding each state into
        // a frame that accumulated too would count every earlier block twice.
        frame.foldObservableFlips(0, view.frameBits() & (LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP));
        final long frameBits = frame.observableFlips(0);
        frame.reset(0);
        final int encoded = writer.encode(state, 0, nodeId, view.logicalQubit(), view.blockSequence(), frameBits,
            view.roundsDecoded(), view.originTimestampNs(), view.decodeTimeNs(), view.flags());
        out.send(state, 0, encoded);
        counters.statesRelayed.incrementOrdered();
    }

    @Override
    public String roleName()
    {
        return "qec-relay-" + nodeId;
    }
}
