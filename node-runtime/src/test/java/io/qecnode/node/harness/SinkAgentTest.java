package io.qecnode.node.harness;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.pipeline.VersionOneStates;
import io.qecnode.sim.run.TruthRing;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sink judges accumulated frames against the accumulated truth: a mistake changes the residual once and is
 * counted once; a block flagged incomplete is counted apart, never as a logical error of the decoder.
 */
class SinkAgentTest
{
    private static final long X = 1;
    private static final long Z = 2;

    private final TruthRing truths = new TruthRing(64);
    private final SinkAgent sink = new SinkAgent(null, truths, HotRecorders.newRecorder(), SystemNanoClock.INSTANCE,
        SinkAgent.StateListener.NONE);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final UnsafeBuffer state = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH + 1]);
    private long frame;

    @Test
    void shouldCountAMistakeOnceAlthoughEveryLaterFrameCarriesIt()
    {
        final long[] truth = {X, 0, Z, 0, X, X | Z, 0, 0};
        final long[] decoded = {X, 0, 0, 0, X, X | Z, 0, 0};
        for (int b = 0; b < truth.length; b++)
        {
            truths.onBlockTruth(b, truth[b]);
            send(b, decoded[b], 0);
        }

        assertEquals(truth.length, sink.blocks());
        assertEquals(truth.length, sink.completeBlocks());
        assertEquals(1, sink.logicalErrors(), "block 2 missed a Z; blocks 3-7 only carry it on");
    }

    @Test
    void shouldCountAnIncompleteBlockApartFromTheLogicalErrors()
    {
        final long[] truth = {X, Z, X, 0, Z, 0};
        for (int b = 0; b < truth.length; b++)
        {
            truths.onBlockTruth(b, truth[b]);
        }
        send(0, X, 0);
        // Block 1 lost rounds and was decoded wrong: the residual changes, but at an incomplete block.
        send(1, 0, LogicalStateFlags.INCOMPLETE);
        send(2, X, 0);
        // Block 3 never arrived (abandoned at the node), so block 4's state is flagged incomplete too.
        send(4, Z, LogicalStateFlags.INCOMPLETE);
        // A mistake of a complete block after all that is still one logical error.
        send(5, X, 0);

        assertEquals(5, sink.blocks());
        assertEquals(2, sink.incomplete());
        assertEquals(1, sink.incompleteErrors(), "block 1's loss changed the residual, block 4 did not");
        assertEquals(3, sink.completeBlocks(), "blocks 0, 2 and 5");
        assertEquals(1, sink.logicalErrors(), "block 5's X");
        assertEquals(1, sink.missingBlocks());
    }

    @Test
    void shouldNotJudgeAStateWhoseTruthIsUnknownAndCarryOnFromIt()
    {
        truths.onBlockTruth(0, X);
        send(0, X, 0);
        // The truth of blocks 1 and 2 is not in the ring (overwritten, never there) when their states arrive.
        truths.onBlockTruth(1 + truths.capacity(), 0);
        send(1, Z, 0);
        truths.onBlockTruth(3, Z);
        send(3, Z, 0);
        truths.onBlockTruth(4, 0);
        send(4, 0, 0);

        assertEquals(1, sink.unknownTruth());
        assertEquals(2, sink.completeBlocks(), "block 0 and block 4; block 3 comes after a missing state");
        assertEquals(0, sink.logicalErrors());
    }

    @Test
    void shouldJudgeStatesFromAVersionOneNodeAsItsOwn()
    {
        final long[] truth = {X, 0, Z, X | Z};
        final long[] decoded = {X, 0, 0, X | Z};
        for (int b = 0; b < truth.length; b++)
        {
            truths.onBlockTruth(b, truth[b]);
            frame ^= decoded[b];
            writer.encode(state, 0, 1, 0, b, frame, 5, 0, 0, b == 3 ? LogicalStateFlags.INCOMPLETE : 0);
            sink.onFrame(state, 0, VersionOneStates.downgrade(state, 0));
        }
        final int length = writer.encode(state, 0, 1, 0, 4, frame, 5, 0, 0, 0);
        sink.onFrame(state, 0, length + 1);

        assertEquals(truth.length, sink.blocks());
        assertEquals(1, sink.incomplete());
        assertEquals(1, sink.logicalErrors(), "block 2 missed a Z");
        assertEquals(1, sink.rejected(), "longer than its header declares");
    }

    // The node's state for a block: its frame with the block's decoded flips folded in.
    private void send(final long block, final long decodedFlips, final int flags)
    {
        frame ^= decodedFlips;
        final int length = writer.encode(state, 0, 1, 0, block, frame, 5, 0, 0, flags);
        sink.onFrame(state, 0, length);
    }
}
