package io.qecnode.node.pipeline;

import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;

/**
 * The one place a decoding node's hot-path agent is built: from a {@link NodeContext}, whatever runs it (the {@code run}
 * command, a replay, the simulation harness, a benchmark).
 */
public final class NodeFactory
{
    private NodeFactory()
    {
    }

    /**
     * @param context the node's description; concluded here if it is not yet.
     * @return the agent, with its validator and block decoder built for the context's code.
     * @throws NodeConfigException naming the setting at fault.
     */
    public static NodeAgent newNodeAgent(final NodeContext context)
    {
        context.conclude();
        if (context.sender() == null)
        {
            throw new IllegalStateException("a node needs a sender for its states");
        }
        final FrameValidator validator = new FrameValidator(
            new FrameLayout(context.code().distance(), context.code().detectorCounts()), context.maxSources(),
            context.frameCounters(), context.rejectionLog());
        return new NodeAgent(context, validator, context.newBlockDecoder());
    }
}
