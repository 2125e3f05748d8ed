package io.qecnode.node.chain;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.BellMeasurementWriter;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.FrameHandler;
import io.qecnode.node.pipeline.VersionOneStates;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

import static io.qecnode.io.chain.ChainStreams.LEFT;
import static io.qecnode.io.chain.ChainStreams.RIGHT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Left states and Bell measurements a repeater must refuse: each refusal counted by its kind, no state or report
 * sent for it, the frame handed in left as it was, and the next good epoch forwarded as if nothing had happened.
 */
class ChainRefusalTest
{
    private static final int NODE = 1;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final ChainRig repeater = new ChainRig(ChainRole.REPEATER, NODE, clock);

    @Test
    void shouldRefuseAStateWithABadChecksum()
    {
        assertRefused(StateRefusal.BAD_FRAME, frame ->
        {
            final int length = repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0);
            frame.putByte(30, (byte)(frame.getByte(30) ^ 1));
            return length;
        });
    }

    @Test
    void shouldRefuseAVersionOneStateWhichHasNoChainFields()
    {
        assertRefused(StateRefusal.BAD_FRAME, frame ->
        {
            repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0);
            return VersionOneStates.downgrade(frame, 0);
        });
    }

    @Test
    void shouldRefuseAStateWrittenOffAChain()
    {
        assertRefused(StateRefusal.BAD_FRAME, frame ->
            new LogicalStateWriter().encode(frame, 0, NODE - 1, 1, 0, 2, 3, 0, 0, 0));
    }

    @Test
    void shouldRefuseAStateCutShort()
    {
        assertRefused(StateRefusal.BAD_FRAME, frame -> repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0) - 1);
    }

    @Test
    void shouldRefuseAStateWhoseCorrectionIsNoPauliMask()
    {
        assertRefused(StateRefusal.BAD_FRAME, frame -> repeater.encodeLeftState(0, 4, 0, NODE - 1, NODE, 0));
    }

    @Test
    void shouldRefuseAStateFromANodeThatIsNotTheLeftNeighbour()
    {
        assertRefused(StateRefusal.WRONG_SOURCE, frame -> repeater.encodeLeftState(0, 2, 0, NODE + 5, NODE, 0));
    }

    @Test
    void shouldRefuseAStateAddressedToAnotherNode()
    {
        assertRefused(StateRefusal.WRONG_DESTINATION, frame ->
            repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE + 1, 0));
    }

    @Test
    void shouldRefuseAStateOfAnotherPath()
    {
        assertRefused(StateRefusal.WRONG_PATH, frame -> repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 7));
    }

    @Test
    void shouldRefuseTheLastAcceptedEpochAgain()
    {
        repeater.leftState(0, 1, 0);
        assertRefused(StateRefusal.DUPLICATE, frame -> repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0));
    }

    @Test
    void shouldRefuseAnEpochBeforeTheLastAccepted()
    {
        repeater.leftState(0, 1, 0);
        repeater.leftState(2, 1, 0);
        assertRefused(StateRefusal.REORDERED, frame -> repeater.encodeLeftState(1, 2, 0, NODE - 1, NODE, 0));
    }

    @Test
    void shouldRefuseAnEpochBeyondTheWindow()
    {
        repeater.leftState(0, 1, 0);
        assertRefused(StateRefusal.OUT_OF_WINDOW, frame ->
            repeater.encodeLeftState(ChainNodeContext.WINDOW_DEFAULT, 2, 0, NODE - 1, NODE, 0));
    }

    @Test
    void shouldRefuseAStateForAnEpochAlreadyClosed()
    {
        ownPieces(0);
        clock.advance(ChainRig.DEADLINE_NS);
        repeater.agent.doWork();
        assertEquals(1, repeater.states.size(), "epoch 0 closed without its left state");
        assertRefused(StateRefusal.OUT_OF_WINDOW, frame -> repeater.encodeLeftState(0, 2, 0, NODE - 1, NODE, 0),
            1, 1);
    }

    @Test
    void shouldCountBadBellMeasurementsAndUseNone()
    {
        final BellMeasurementWriter writer = new BellMeasurementWriter();
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final FrameHandler bell = repeater.agent.bellHandler();
        final long left = ChainStreams.logicalQubit(NODE, LEFT);
        final long right = ChainStreams.logicalQubit(NODE, RIGHT);
        bell.onFrame(frame, 0, writer.encode(frame, 0, NODE + 1, left, right, 0, 0, true, true));
        bell.onFrame(frame, 0, writer.encode(frame, 0, NODE, left + 2, right + 2, 0, 0, true, true));
        final int length = writer.encode(frame, 0, NODE, left, right, 0, 0, true, true);
        frame.putByte(10, (byte)(frame.getByte(10) ^ 1));
        bell.onFrame(frame, 0, length);
        bell.onFrame(frame, 0, repeater.encodeLeftState(0, 0, 0, NODE - 1, NODE, 0));
        assertEquals(4, repeater.counters.badBellMeasurements());

        repeater.block(LEFT, 0, 0);
        repeater.block(RIGHT, 0, 0);
        repeater.bell(0, false, false);
        repeater.bell(0, true, true);
        assertEquals(5, repeater.counters.badBellMeasurements(), "a second measurement of the same epoch");
        repeater.leftState(0, 0, 0);
        assertEquals(0, repeater.states.last().chainCorrection(), "the good measurement's parities, +1 and +1");
    }

    private void ownPieces(final long epoch)
    {
        repeater.block(LEFT, epoch, 0);
        repeater.block(RIGHT, epoch, 0);
        repeater.bell(epoch, false, false);
    }

    private void assertRefused(final StateRefusal kind, final ToIntFunction<UnsafeBuffer> encode)
    {
        assertRefused(kind, encode, repeater.states.size(), 0);
    }

    private void assertRefused(
        final StateRefusal kind, final ToIntFunction<UnsafeBuffer> encode, final int statesBefore,
        final long epochBefore)
    {
        final UnsafeBuffer frame = repeater.frame();
        final int length = encode.applyAsInt(frame);
        final byte[] before = new byte[length];
        frame.getBytes(0, before);
        final long accepted = repeater.counters.statesAccepted();
        final int reports = repeater.reports.size();

        repeater.agent.leftStatesHandler().onFrame(frame, 0, length);

        for (final StateRefusal other : StateRefusal.values())
        {
            assertEquals(other == kind ? 1 : 0, repeater.counters.refused(other), other.name());
        }
        assertEquals(accepted, repeater.counters.statesAccepted());
        assertEquals(statesBefore, repeater.states.size(), "nothing forwarded for a refused state");
        assertEquals(reports, repeater.reports.size(), "nothing reported for a refused state");
        final byte[] after = new byte[length];
        frame.getBytes(0, after);
        assertArrayEquals(before, after, "the refused frame is left as it came");

        // The next epoch goes through untouched: its correction is the accepted state's (1), never the refused one's.
        final long next = Math.max(epochBefore, repeater.agent.nextEpoch());
        ownPieces(next);
        if (repeater.states.size() == statesBefore)
        {
            repeater.leftState(next, 1, 0);
        }
        assertEquals(statesBefore + 1, repeater.states.size());
        assertEquals(next, repeater.states.last().epoch());
        assertEquals(1, repeater.states.last().chainCorrection());
    }
}
