package io.qecnode.node.pipeline;

import io.qecnode.io.frame.FrameLayout;
import io.qecnode.io.frame.FrameValidator;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.decode.DecodeWorkers;

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
     * @return the agent, with its validator and block decoder built for the context's code, and its decode threads
     *         running if the context asks for any (stopped by {@link NodeAgent#close()}).
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
        if (context.decodeThreads() == 0)
        {
            return new NodeAgent(context, validator, context.newBlockDecoder(), null);
        }
        // The decode threads, each with its own block decoder, start here and stop with NodeAgent.close().
        final DecodeWorkers workers = new DecodeWorkers(context.decodeThreads(), context::newBlockDecoder,
            context.code().rounds().maxDetectorsPerRound(), () -> IdleStrategies.of(context.idle()),
            context.decodePinCpu(), ex -> System.err.println("qec-node: decode thread: " + ex));
        return new NodeAgent(context, validator, workers, workers.start());
    }
}
