package io.qecnode.node.journal;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seeded hardware rounds encoded as the bus carries them, and the states an uninterrupted node (built as the
 * {@code run} command builds it with its defaults: weighted growth, the automatic window) forwards for them.
 */
final class RecordedStream
{
    static final int DISTANCE = 5;
    static final double P = 0.01;
    static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, DISTANCE, DISTANCE, P);
    static final int ROUNDS_PER_BLOCK = CODE.rounds().roundCount();

    final List<UnsafeBuffer> frames = new ArrayList<>();

    RecordedStream(final int blocks, final long seed)
    {
        final SyndromeSource source = SyndromeSource.forCode(CODE, seed, 1.0);
        final SyndromeRoundWriter writer = new SyndromeRoundWriter();
        final RoundSink sink = new RoundSink()
        {
            @Override
            public void onRound(final long blockIndex, final int roundIndex, final boolean endOfBlock,
                final long[] detectorWords, final int detectorCount)
            {
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[SyndromeRoundWriter.frameLength(detectorCount)]);
                writer.encode(frame, 0, 1, 0, frames.size(), blockIndex, roundIndex, endOfBlock, DISTANCE, Basis.Z,
                    System.nanoTime(), detectorWords, detectorCount);
                frames.add(frame);
            }

            @Override
            public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
            {
            }
        };
        for (int b = 0; b < blocks; b++)
        {
            source.emitBlock(sink);
        }
    }

    /** @return block → "bits/flags" of every state an uninterrupted node forwards for these frames. */
    Map<Long, String> uninterruptedStates()
    {
        final Map<Long, String> states = new TreeMap<>();
        final NodeAgent node = node(collector(states), DecoderMode.WEIGHTED);
        for (final UnsafeBuffer frame : frames)
        {
            node.onFrame(frame, 0, frame.capacity());
        }
        return states;
    }

    static FrameSender collector(final Map<Long, String> states)
    {
        final LogicalStateView view = new LogicalStateView();
        return (buffer, offset, length) ->
        {
            view.wrap(buffer, offset);
            states.put(view.blockSequence(), view.frameBits() + "/" + view.flags());
            return true;
        };
    }

    static NodeAgent node(final FrameSender out, final DecoderMode growth)
    {
        return NodeFactory.newNodeAgent(new NodeContext().code(CODE).growth(growth).telemetryCapacity(1 << 12)
            .sender(out));
    }
}
