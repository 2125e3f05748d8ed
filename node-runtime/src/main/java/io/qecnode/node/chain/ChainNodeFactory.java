package io.qecnode.node.chain;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.PatchDecoding;

/**
 * The one place a chain node's hot-path agent is built, from a {@link ChainNodeContext}, whatever runs it (a
 * command, the one-process chain, a test).
 */
public final class ChainNodeFactory
{
    private ChainNodeFactory()
    {
    }

    /**
     * @param context the node's description; concluded here.
     * @return the agent, with one frame validator and one block decoder per patch, each for its side's code.
     * @throws NodeConfigException   naming the setting at fault.
     * @throws IllegalStateException if A or a repeater has no sender for its states.
     */
    public static ChainNodeAgent newChainNodeAgent(final ChainNodeContext context)
    {
        context.conclude();
        if (context.role().hasRight() && context.stateSender() == null)
        {
            throw new IllegalStateException("a " + context.role() + " chain node needs a sender for its states");
        }
        final FrameValidator[] validators = new FrameValidator[2];
        final PatchDecoding[] patches = new PatchDecoding[2];
        for (int side = ChainStreams.LEFT; side <= ChainStreams.RIGHT; side++)
        {
            if (context.role().hasSide(side))
            {
                final NodeContext decoding = context.side(side);
                validators[side] = new FrameValidator(
                    new FrameLayout(decoding.code().distance(), decoding.code().detectorCounts()),
                    decoding.maxSources(),
                    decoding.frameCounters() != null ? decoding.frameCounters() : new LongArrayFrameCounters(),
                    decoding.rejectionLog() != null ? decoding.rejectionLog() : RejectionLog.NO_OP);
                patches[side] = new PatchDecoding(decoding.newBlockDecoder(), context.counters().decoding(),
                    decoding.code().rounds().maxDetectorsPerRound());
            }
        }
        return new ChainNodeAgent(context, validators, patches);
    }
}
