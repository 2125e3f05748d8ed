package io.qecnode.node.cli;

import io.aeron.ExclusivePublication;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.chain.ChainCounters;
import io.qecnode.node.chain.ChainNodeAgent;
import io.qecnode.node.chain.ChainNodeContext;
import io.qecnode.node.chain.ChainNodeFactory;
import io.qecnode.node.chain.ChainRole;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.topology.ChainTopology;
import io.qecnode.node.topology.NodeRole;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code run --topology FILE --node I}: one node of a repeater chain as its own process, on its own media driver. Its
 * hardware reaches it on IPC of that driver ({@link ChainStreams} ids as they are), its left neighbour's states on its
 * own UDP endpoint (subscribed on its bind port, which something on the path may stand in front of); it sends its
 * states to its right neighbour's endpoint and its reports to the verifier's. The node keeps no journal: every patch
 * starts fresh each epoch, so a restarted node only misses the epochs it was down for.
 */
public final class ChainNodeRun
{
    /**
     * Where a chain node's hardware publishes, on the node's driver: IPC with a small term (the streams carry a few
     * frames an epoch), so that neither side maps and touches Aeron's default 64 MiB terms.
     */
    public static final String HARDWARE_CHANNEL = "aeron:ipc?term-length=4m";
    /** Idle strategy of a chain node's hot thread unless --idle says otherwise: many processes share the cores. */
    public static final String IDLE_DEFAULT = "backoff";

    private static final String IPC = "aeron:ipc";

    private final ChainTopology topology;
    private final int node;
    private final ChainRole role;
    private final List<FramePublisher> publishers = new ArrayList<>();

    /**
     * @param topology the chain.
     * @param node     this node's id in it.
     */
    public ChainNodeRun(final ChainTopology topology, final int node)
    {
        this.topology = topology;
        this.node = node;
        this.role = chainRole(topology.role(node));
    }

    /**
     * @param role a node's place in a topology.
     * @return the firmware's name for it.
     */
    public static ChainRole chainRole(final NodeRole role)
    {
        return role == NodeRole.A ? ChainRole.FIRST_END : role == NodeRole.B ? ChainRole.LAST_END : ChainRole.REPEATER;
    }

    /**
     * @param bus where to plan this node's publications and images.
     * @return the bus context.
     */
    public BusContext plan(final BusContext bus)
    {
        // Hardware: two patches and a Bell stream on IPC; UDP: states out and in, reports out, the hardware's truth.
        return bus.plan(IPC, 3).plan(topology.bindChannel(node), 2).plan(topology.verifierChannel(), 2);
    }

    /**
     * Build the node on a running bus and run it until the stop signal or the duration, with a line every report.
     *
     * @param bus        the node's bus.
     * @param idle       idle strategy of the hot thread.
     * @param stop       the stop signal.
     * @param reportNs   time between report lines.
     * @param durationNs how long to run; 0 until stopped.
     * @param log        where the lines go.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void run(
        final MessageBus bus, final IdleStrategy idle, final StopSignal stop, final long reportNs,
        final long durationNs, final PrintWriter log) throws InterruptedException
    {
        final ChainNodeContext context = context(bus);
        final ChainNodeAgent agent = ChainNodeFactory.newChainNodeAgent(context);
        final String name = "chain node " + node + " (" + role + ")";
        log.printf(Locale.ROOT, "run: %s of %s, left states on %s, aeron dir=%s%s, no journal (every patch starts " +
            "fresh each epoch)%n", name, topology, role.hasLeft() ? topology.bindChannel(node) : "-",
            bus.directoryName(), bus.isEmbedded() ? " (embedded)" : "");
        log.flush();
        final AgentRunner runner = new AgentRunner(idle, ex -> log.println("error: " + ex), null, agent);
        AgentRunner.startOnThread(runner);
        final long startNs = System.nanoTime();
        long nextReportNs = startNs + reportNs;
        try
        {
            while (!stop.requested() && (durationNs == 0 || System.nanoTime() - startNs < durationNs))
            {
                TimeUnit.MILLISECONDS.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(reportNs)));
                if (System.nanoTime() - nextReportNs >= 0)
                {
                    nextReportNs += reportNs;
                    log.println("run: " + name + ": " + line(context.counters()));
                    log.flush();
                }
            }
        }
        finally
        {
            runner.close();
        }
        log.println("run: stopped: " + name + ": " + line(context.counters()));
        log.flush();
    }

    private String line(final ChainCounters counters)
    {
        long notSent = 0;
        for (final FramePublisher publisher : publishers)
        {
            notSent += publisher.notSentCount();
        }
        return String.format(Locale.ROOT, "%s, %d rounds decoded, %d left states accepted, not sent %d",
            counters.summary(), counters.decoding().roundsDecoded(), counters.statesAccepted(), notSent);
    }

    private ChainNodeContext context(final MessageBus bus)
    {
        final ChainNodeContext context = new ChainNodeContext()
            .role(role)
            .nodeId(node)
            .pathId(topology.pathId())
            .neighbourDeadlineNs(topology.neighbourDeadlineNs())
            .counters(ChainCounters.allocate(bus.aeron(), String.valueOf(node)))
            .reportSender(publisher(bus, topology.verifierChannel(), ChainStreams.REPORTS_STREAM));
        if (role.hasLeft())
        {
            context.left(topology.applyLink(node - 1, new NodeContext()))
                .leftRounds(bus.subscription(IPC, ChainStreams.LEFT_ROUNDS_STREAM))
                .leftStates(bus.subscription(topology.bindChannel(node), ChainStreams.STATES_STREAM));
        }
        if (role.hasRight())
        {
            context.right(topology.applyLink(node, new NodeContext()))
                .rightRounds(bus.subscription(IPC, ChainStreams.RIGHT_ROUNDS_STREAM))
                .stateSender(publisher(bus, topology.stateChannel(node + 1), ChainStreams.STATES_STREAM));
        }
        if (role == ChainRole.REPEATER)
        {
            context.bellMeasurements(bus.subscription(IPC, ChainStreams.BELL_STREAM));
        }
        return context.conclude();
    }

    private FramePublisher publisher(final MessageBus bus, final String channel, final int streamId)
    {
        final ExclusivePublication publication = bus.publication(channel, streamId);
        final FramePublisher publisher = BusCounters.publisher(bus.aeron(), publication,
            "chain node " + node + " " + channel + " stream " + streamId, new YieldingIdleStrategy(),
            FramePublisher.ATTEMPTS_DEFAULT);
        publishers.add(publisher);
        return publisher;
    }
}
