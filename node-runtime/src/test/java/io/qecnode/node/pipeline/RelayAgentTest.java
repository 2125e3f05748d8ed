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
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
    private final NodeCounters counters = NodeCounters.allocate(countersManager, "2");
    private final LogicalStateView view = new LogicalStateView();
    private final List<long[]> out = new ArrayList<>();
    private final RelayAgent relay = new RelayAgent(null, (buffer, offset, length) ->
    {
        view.wrap(buffer, offset);
        out.add(new long[]{view.nodeId(), view.blockSequence(), view.frameBits(), view.decodeTimeNs(),
            view.flags(), length, view.version()});
        return true;
    }, counters, 2);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final UnsafeBuffer state = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH]);

    @Test
    void shouldForwardEveryStatesFrameBitsUnchanged()
    {
        // An accumulated frame as the decoding node sends it: X, X, XZ, XZ, Z, I, I.
        final long[] frames = {1, 1, 3, 3, 2, 0, 0};
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
        assertEquals(0, counters.statesRejected.get());
    }

    @Test
    void shouldRelayStatesOfVersionOneAndTwoAndRejectBrokenOnes()
    {
        final long[] frames = {1, 3, 2, 0};
        for (int b = 0; b < frames.length; b++)
        {
            final int length = writer.encode(state, 0, 1, 0, b, frames[b], 5, 0, 1000 + b, 0);
            relay.onFrame(state, 0, (b & 1) == 0 ? VersionOneStates.downgrade(state, 0) : length);
        }
        final int length = writer.encode(state, 0, 1, 0, 4, 1, 5, 0, 0, 0);
        relay.onFrame(state, 0, length - 1);
        relay.onFrame(state, 0, LogicalStateWriter.V1_FRAME_LENGTH);
        state.putByte(length - 1, (byte)(state.getByte(length - 1) ^ 1));
        relay.onFrame(state, 0, length);

        assertEquals(frames.length, out.size());
        for (int b = 0; b < frames.length; b++)
        {
            assertEquals(b, out.get(b)[1]);
            assertEquals(frames[b], out.get(b)[2], "block " + b + ": frame bits as they came");
            assertEquals(LogicalStateWriter.FRAME_LENGTH, out.get(b)[5], "sent on as version 2");
            assertEquals(2, out.get(b)[6]);
        }
        assertEquals(3, counters.statesRejected.get(), "cut short, cut to version 1's length, a flipped chain bit");
    }
}
