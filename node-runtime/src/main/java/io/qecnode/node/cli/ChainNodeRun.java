package io.qecnode.node.cli;

import io.aeron.ExclusivePublication;
import io.qecnode.decoder.code.CodeDescription;
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
import io.qecnode.node.trust.HelloAgent;
import io.qecnode.node.trust.HelloContext;
import io.qecnode.node.trust.HelloCounters;
import io.qecnode.node.trust.LinkFidelity;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code run --topology FILE --node I}: one node of a repeater chain as its own process, on its own media driver. Its
 * hardware reaches it on IPC of that driver ({@link ChainStreams} ids as they are), its left neighbour's states on its
 * own UDP endpoint (subscribed on its bind port, which something on the path may stand in front of); it sends its
 * states to its right neighbour's endpoint and its reports to the verifier's. The node keeps no journal: every patch
 * starts fresh each epoch, so a restarted node only misses the epochs it was down for.
 * <p>
 * Its links are authenticated: a second, cold thread ({@link HelloAgent}) exchanges signed Q-HELLOs with each
 * neighbour on {@link ChainStreams#HELLO_STREAM} (to the neighbour's endpoint, from it on the node's own), keeps the
 * links' session keys, and reports; the hot thread seals and opens every state with those keys.
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
    private final HelloContext trust;

    /**
     * @param topology the chain.
     * @param node     this node's id in it.
     * @param trust    the node's identity, trust store and Hello timing; the rest is filled here.
     */
    public ChainNodeRun(final ChainTopology topology, final int node, final HelloContext trust)
    {
        this.topology = topology;
        this.node = node;
        this.role = chainRole(topology.role(node));
        this.trust = trust;
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
        // Hardware: two patches and a Bell stream on IPC; UDP: states and Hellos in, states and Hellos out to each
        // neighbour, reports out, the hardware's truth.
        bus.plan(IPC, 3).plan(topology.bindChannel(node), 2).plan(topology.verifierChannel(), 2);
        if (role.hasLeft())
        {
            bus.plan(topology.stateChannel(node - 1), 1);
        }
        if (role.hasRight())
        {
            bus.plan(topology.stateChannel(node + 1), 2);
        }
        return bus;
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
        final HelloContext trust = trustContext(bus, log);
        // The Hello thread starts first, so neighbours' first Hellos are read while the decoders are being built.
        final AtomicReference<NodeFidelity> fidelity = new AtomicReference<>();
        trust.fidelity(side -> fidelity.get() == null ? 1.0 : fidelity.get().estimate(side));
        final HelloAgent hello = new HelloAgent(trust);
        final AgentRunner helloRunner = new AgentRunner(new SleepingMillisIdleStrategy(1),
            ex -> log.println("error: trust: " + ex), null, hello);
        AgentRunner.startOnThread(helloRunner);
        final ChainNodeContext context;
        final ChainNodeAgent agent;
        try
        {
            context = context(bus, trust);
            agent = ChainNodeFactory.newChainNodeAgent(context);
        }
        catch (final RuntimeException ex)
        {
            helloRunner.close();
            throw ex;
        }
        fidelity.set(new NodeFidelity(role, context));
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
                context.firstRefusals().drain(node, line -> log.println("trust: " + line));
                if (System.nanoTime() - nextReportNs >= 0)
                {
                    nextReportNs += reportNs;
                    log.println("run: " + name + ": " + line(context.counters()) + "; links: " + hello.summary());
                }
                log.flush();
            }
        }
        finally
        {
            runner.close();
            helloRunner.close();
        }
        context.firstRefusals().drain(node, line -> log.println("trust: " + line));
        log.println("run: stopped: " + name + ": " + line(context.counters()) + "; hellos: " +
            trust.counters().summary());
        log.flush();
    }

    // The node's estimate of its side of each link, from its counters, sampled on the Hello thread.
    private static final class NodeFidelity
    {
        private final LinkFidelity[] sides = new LinkFidelity[2];
        private final ChainNodeContext context;

        NodeFidelity(final ChainRole role, final ChainNodeContext context)
        {
            this.context = context;
            for (int side = ChainStreams.LEFT; side <= ChainStreams.RIGHT; side++)
            {
                if (role.hasSide(side))
                {
                    final CodeDescription code = context.side(side).code();
                    sides[side] = new LinkFidelity(code.distance(),
                        Math.max(1, code.rounds().detectorCount() / code.rounds().roundCount()));
                }
            }
        }

        double estimate(final int side)
        {
            final ChainCounters counters = context.counters();
            final LinkFidelity fidelity = sides[side];
            return fidelity == null ? 1.0 : fidelity.sample(counters.epochsClosed(), counters.epochsIncomplete(),
                counters.epochsFailed(), counters.epochsClosed() * context.side(side).code().rounds().roundCount(),
                counters.defects(side));
        }
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

    private HelloContext trustContext(final MessageBus bus, final PrintWriter log)
    {
        trust.pathId(topology.pathId())
            .hellos(bus.subscription(topology.bindChannel(node), ChainStreams.HELLO_STREAM))
            .counters(HelloCounters.allocate(bus.aeron(), String.valueOf(node)))
            .log(line ->
            {
                log.println(line);
                log.flush();
            });
        if (role.hasLeft())
        {
            trust.leftNode(node - 1).leftHellos(bus.publication(topology.stateChannel(node - 1),
                ChainStreams.HELLO_STREAM));
        }
        if (role.hasRight())
        {
            trust.rightNode(node + 1).rightHellos(bus.publication(topology.stateChannel(node + 1),
                ChainStreams.HELLO_STREAM));
        }
        return trust.conclude();
    }

    private ChainNodeContext context(final MessageBus bus, final HelloContext trust)
    {
        final ChainNodeContext context = new ChainNodeContext()
            .leftKeys(trust.leftKeys())
            .rightKeys(trust.rightKeys())
            .admittedNodes(trust.admittedNodes())
            .keyOverlapNs(topology.trust().overlapNs())
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
