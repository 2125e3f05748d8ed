package io.qecnode.node.pipeline;

import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A relay with a trivial Bell outcome owes no correction: the accumulated frame goes on as it came. */
class RelayAgentTest
{
    @Test
    void shouldForwardEveryStatesFrameBitsUnchanged()
    {
        final CountersManager countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
        final LogicalStateView view = new LogicalStateView();
        final List<long[]> out = new ArrayList<>();
        final RelayAgent relay = new RelayAgent(null, (buffer, offset, length) ->
        {
            view.wrap(buffer, offset);
            out.add(new long[]{view.nodeId(), view.blockSequence(), view.frameBits(), view.decodeTimeNs(),
                view.flags()});
            return true;
        }, NodeCounters.allocate(countersManager, "2"), 2);

        // An accumulated frame as the decoding node sends it: X, X, XZ, XZ, Z, I, I.
        final long[] frames = {1, 1, 3, 3, 2, 0, 0};
        final LogicalStateWriter writer = new LogicalStateWriter();
        final UnsafeBuffer state = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH]);
        for (int b = 0; b < frames.length; b++)
        {
            final int length = writer.encode(state, 0, 1, 0, b, frames[b], 5, 0, 1000 + b, b & 1);
            relay.onFrame(state, 0, length);
        }

        assertEquals(frames.length, out.size());
        for (int b = 0; b < frames.length; b++)
        {
            assertEquals(2, out.get(b)[0], "the relay's own id");
            assertEquals(b, out.get(b)[1]);
            assertEquals(frames[b], out.get(b)[2], "block " + b + ": frame bits as they came");
            assertEquals(1000 + b, out.get(b)[3], "the decoding node's decode time");
            assertEquals(b & 1, out.get(b)[4]);
        }
    }
}
