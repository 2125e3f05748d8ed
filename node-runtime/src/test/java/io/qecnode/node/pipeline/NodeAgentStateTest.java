package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.RecordType;
import io.qecnode.node.telemetry.BlockTelemetry;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a state carries: the decode time the decoder measured, and the logical qubit's Pauli frame accumulated over
 * its blocks, the same frame a checkpoint records.
 */
class NodeAgentStateTest
{
    private static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.01);
    // A captured state: block, frame bits, decode time, flags.
    private static final int BITS = 1;
    private static final int DECODE = 2;
    private static final int FLAGS = 3;

    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
    private final NodeCounters counters = NodeCounters.allocate(countersManager, "test");
    private final BlockTelemetry telemetry = new BlockTelemetry(1 << 12, counters.telemetryOverflow());
    private final List<long[]> states = new ArrayList<>();
    private final SyndromeRoundWriter writer = new SyndromeRoundWriter();
    private final UnsafeBuffer round = new UnsafeBuffer(new byte[SyndromeRoundWriter.frameLength(64)]);
    private long sequence;

    @Test
    void shouldCarryTheDecodeTimesTheDecoderMeasured()
    {
        final ScriptedDecoder decoder = new ScriptedDecoder(0, 0);
        final NodeAgent node = node(decoder);
        feedBlock(node, 0);
        feedBlock(node, 1);

        assertEquals(2, states.size());
        assertEquals(decoder.blockNs[0], states.get(0)[DECODE], "the state carries the block's whole decode");
        assertEquals(decoder.blockNs[1], states.get(1)[DECODE]);
        final List<long[]> events = new ArrayList<>();
        telemetry.drain((block, reaction, decode, lastWindow, flags) ->
            events.add(new long[]{block, decode, lastWindow}), 10);
        assertEquals(2, events.size());
        for (int b = 0; b < 2; b++)
        {
            assertEquals(b, events.get(b)[0]);
            assertEquals(decoder.blockNs[b], events.get(b)[1], "telemetry: the block's decode");
            assertEquals(decoder.lastWindowNs[b], events.get(b)[2], "telemetry: its last window");
        }
    }

    @Test
    void shouldAccumulateTheFrameOverBlocksAndCheckpointIt()
    {
        // Each of the two blocks flips logical X: the frame is X after the first and the identity after the second.
        final NodeAgent node = node(new ScriptedDecoder(1, 1));
        final JournalHandOff journal = new JournalHandOff(1 << 16, countersManager.newCounter("gaps"));
        node.journal(journal, 1);
        feedBlock(node, 0);
        feedBlock(node, 1);

        assertEquals(1, states.get(0)[BITS]);
        assertEquals(0, states.get(1)[BITS], "X twice is the identity");
        final List<long[]> checkpoints = new ArrayList<>();
        journal.drain((type, buffer, index, length) ->
        {
            if (type == RecordType.CHECKPOINT.code())
            {
                checkpoints.add(new long[]{buffer.getLong(index + JournalHandOff.CHECKPOINT_BLOCK_OFFSET),
                    buffer.getLong(index + JournalHandOff.CHECKPOINT_FRAME_OFFSET)});
            }
        }, 100);
        assertEquals(2, checkpoints.size());
        assertEquals(0, checkpoints.get(0)[0]);
        assertEquals(1, checkpoints.get(0)[1], "the checkpoint after block 0 records the frame X");
        assertEquals(1, checkpoints.get(1)[0]);
        assertEquals(0, checkpoints.get(1)[1]);
    }

    @Test
    void shouldCarryARestoredFrameIntoTheNextBlock()
    {
        final NodeAgent node = node(new ScriptedDecoder(2));
        node.restore(6, 1);
        feedBlock(node, 7);

        assertEquals(1 | 2, states.get(0)[BITS], "X restored, Z decoded");
        assertEquals(0, states.get(0)[FLAGS] & LogicalStateFlags.INCOMPLETE, "block 7 follows block 6");
    }

    @Test
    void shouldFlagTheStateAfterABlockThatNeverReachedTheFrame()
    {
        final NodeAgent node = node(new ScriptedDecoder(0, 0, 0));
        feedBlock(node, 0);
        feedBlock(node, 2);
        // Block 3 loses its last round and is abandoned when block 4 begins.
        for (int r = 0; r < CODE.rounds().roundCount() - 1; r++)
        {
            feedRound(node, 3, r);
        }
        feedBlock(node, 4);

        assertEquals(3, states.size());
        assertEquals(0, states.get(0)[FLAGS] & LogicalStateFlags.INCOMPLETE);
        assertTrue((states.get(1)[FLAGS] & LogicalStateFlags.INCOMPLETE) != 0, "block 1 never arrived");
        assertTrue((states.get(2)[FLAGS] & LogicalStateFlags.INCOMPLETE) != 0, "block 3 was abandoned");
        assertFalse(node.checkpoint(), "no journal, no checkpoint");
    }

    private NodeAgent node(final BlockDecoder decoder)
    {
        final LogicalStateView view = new LogicalStateView();
        return NodeFactory.newNodeAgent(new NodeContext().code(CODE).blockDecoders(() -> decoder)
            .sender((buffer, offset, length) ->
            {
                view.wrap(buffer, offset);
                states.add(new long[]{view.blockSequence(), view.frameBits(), view.decodeTimeNs(), view.flags()});
                return true;
            }).counters(counters).telemetry(telemetry));
    }

    private void feedBlock(final NodeAgent node, final long block)
    {
        for (int r = 0; r < CODE.rounds().roundCount(); r++)
        {
            feedRound(node, block, r);
        }
    }

    private void feedRound(final NodeAgent node, final long block, final int r)
    {
        final int length = writer.encode(round, 0, 1, 0, sequence++, block, r, r == CODE.rounds().roundCount() - 1,
            CODE.distance(), Basis.Z, 0, new long[]{1L}, CODE.rounds().detectorCount(r));
        node.onFrame(round, 0, length);
    }

    /** Returns the given flips block by block, with decode times of its own making. */
    private static final class ScriptedDecoder implements BlockDecoder
    {
        final long[] flips;
        final long[] blockNs;
        final long[] lastWindowNs;
        private int finished;

        ScriptedDecoder(final long... flips)
        {
            this.flips = flips;
            this.blockNs = new long[flips.length];
            this.lastWindowNs = new long[flips.length];
            for (int b = 0; b < flips.length; b++)
            {
                blockNs[b] = 5_000 + 100 * b;
                lastWindowNs[b] = 700 + 10 * b;
            }
        }

        @Override
        public void addRound(final int round, final int[] firedLocal, final int count)
        {
        }

        @Override
        public long finishBlock()
        {
            return flips[finished++];
        }

        @Override
        public long lastWindowNs()
        {
            return lastWindowNs[finished - 1];
        }

        @Override
        public long blockDecodeNs()
        {
            return blockNs[finished - 1];
        }

        @Override
        public boolean blockUsedFallback()
        {
            return false;
        }

        @Override
        public void abandonBlock()
        {
        }

        @Override
        public int roundsPerBlock()
        {
            return CODE.rounds().roundCount();
        }
    }
}
