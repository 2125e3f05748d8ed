package io.qecnode.node.harness.chain;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.transport.LossCounters;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.chain.ChainCounters;
import io.qecnode.node.chain.ChainNodeAgent;
import io.qecnode.node.chain.ChainNodeContext;
import io.qecnode.node.chain.ChainNodeFactory;
import io.qecnode.node.chain.ChainRole;
import io.qecnode.node.harness.HopProbe;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.trust.AdmittedNodes;
import io.qecnode.sim.chain.ChainSimulatorAgent;
import io.qecnode.sim.chain.ChainSimulatorContext;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A repeater chain A, repeaters 1..n, B in one process on one embedded media driver: the chain's simulated hardware,
 * a {@link ChainNodeAgent} per node and the {@link ChainVerifierAgent}.
 * <p>
 * Each node's hardware reaches it on IPC (its {@link ChainStreams} ids offset by
 * {@link ChainPipelineConfig#NODE_STREAM_STRIDE} per node, clear of the verifier's, as one driver serves every node); node to node the states
 * go over UDP, each node receiving on its own port; reports and truth go to the verifier on IPC. Either the nodes run
 * on one thread and the hardware and verifier on a second, yielding one, or (few cores) everything runs on one thread
 * in chain order, hardware first. The driver runs in shared mode on its own thread. A raw UDP hop probe
 * ({@link HopProbe}) of a state's size runs beside the chain on the same driver for the whole run, the baseline of the
 * repeater's hop cost: its frames are timed from their send, not from the probe's schedule. With
 * {@link ChainPipelineConfig#udpLoss()} the driver drops a share of the UDP data frames on purpose and NAK/retransmit
 * repairs them ({@link #lossCounters()}).
 */
public final class ChainPipeline implements AutoCloseable
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * Seams for fault tests: what each node's outgoing states pass through, and who sees each epoch's verdict. Both
     * are called on the chain's threads: nothing there may block.
     */
    public interface Taps
    {
        /** No tap: states go straight to the bus. */
        Taps NONE = new Taps()
        {
        };

        /**
         * @param node   the sending node, A or a repeater.
         * @param sender its publication to its right neighbour.
         * @return what the node sends its states through: the sender, or a wrapper that drops, repeats or holds
         * some back.
         */
        default FrameSender stateSender(final int node, final FrameSender sender)
        {
            return sender;
        }

        /** @return sees each epoch's verdict at the verifier. */
        default ChainVerifierAgent.VerdictListener verdicts()
        {
            return ChainVerifierAgent.VerdictListener.NONE;
        }
    }

    private static final String IPC = "aeron:ipc";

    private final ChainPipelineConfig config;
    private final MessageBus bus;
    private final ChainSimulatorAgent simulator;
    private final ChainNodeAgent[] nodes;
    private final ChainVerifierAgent verifier;
    private final SingleWriterRecorder hopNs = HotRecorders.newRecorder();
    private final SingleWriterRecorder epochEndNs = HotRecorders.newRecorder();
    private final List<FramePublisher> publishers = new ArrayList<>();
    private final HopProbe probe;
    private final AgentRunner hotRunner;
    private final AgentRunner supportRunner;
    private boolean stopped;

    private ChainPipeline(
        final ChainPipelineConfig config, final ErrorHandler errors, final MessageBus bus, final Taps taps)
    {
        this.config = config;
        this.bus = bus;
        final SystemNanoClock clock = new SystemNanoClock();
        final int last = config.nodeCount() - 1;

        final Subscription reports = bus.subscription(IPC, ChainStreams.REPORTS_STREAM);
        final Subscription truths = bus.subscription(IPC, ChainStreams.TRUTH_STREAM);
        // Each node on the way may wait its deadline for an epoch: the verifier waits for them all, and then some.
        final long verifierDeadlineNs = Math.min(ChainVerifierContext.DEADLINE_NS_MAX,
            ChainVerifierContext.DEADLINE_NS_DEFAULT + config.nodeCount() * config.deadlineNs());
        verifier = new ChainVerifierContext().repeaters(config.repeaters()).clock(clock)
            .window(ChainVerifierContext.WINDOW_MAX).deadlineNs(verifierDeadlineNs).verdictListener(taps.verdicts())
            .newAgent(reports::poll, truths::poll);

        nodes = new ChainNodeAgent[config.nodeCount()];
        final SessionKeys[] links = dealLinkKeys(config);
        final AdmittedNodes admitted = new AdmittedNodes();
        admitted.replace(IntStream.range(0, config.nodeCount()).boxed().collect(Collectors.toList()));
        for (int i = 0; i <= last; i++)
        {
            final ChainNodeContext context = nodeContext(i, last, clock, taps);
            if (links != null)
            {
                context.admittedNodes(admitted).leftKeys(i > 0 ? links[2 * (i - 1) + 1] : null)
                    .rightKeys(i < last ? links[2 * i] : null);
            }
            nodes[i] = ChainNodeFactory.newChainNodeAgent(context);
        }
        simulator = new ChainSimulatorContext()
            .linkCodes(config.linkCodes())
            .chainSeed(config.chainSeed())
            .periodNs(config.periodNs())
            .faults(config.faults())
            .roundSenders((node, side) -> publisher(IPC, hardwareStream(node, ChainStreams.roundsStream(side))))
            .bellSenders(node -> publisher(IPC, hardwareStream(node, ChainStreams.BELL_STREAM)))
            .truthSender(publisher(IPC, ChainStreams.TRUTH_STREAM))
            .clock(clock)
            .newAgent();
        FramePublisher.awaitConnected(publishers, CONNECT_TIMEOUT_NS);
        probe = HopProbe.start(bus, config.probeChannel(), LogicalStateWriter.FRAME_LENGTH, HopProbe.Stamp.SEND);

        final List<Agent> chain = new ArrayList<>(List.of(nodes));
        if (config.sharedThread())
        {
            chain.add(0, simulator);
            chain.add(verifier);
            hotRunner = new AgentRunner(config.hotIdle(), errors, null, new CompositeAgent(chain));
            supportRunner = null;
        }
        else
        {
            hotRunner = new AgentRunner(config.hotIdle(), errors, null, new CompositeAgent(chain));
            supportRunner = new AgentRunner(config.supportIdle(), errors, null,
                new CompositeAgent(simulator, verifier));
            AgentRunner.startOnThread(supportRunner);
        }
        AgentRunner.startOnThread(hotRunner);
    }

    // One process, one trust domain: each link's key is drawn here and installed at both its ends (sender's keys at
    // 2i, receiver's at 2i + 1), where the multi-process chain exchanges it in signed Hellos.
    private static SessionKeys[] dealLinkKeys(final ChainPipelineConfig config)
    {
        final StateMacAlgorithm mac = config.stateMac();
        if (mac == null)
        {
            return null;
        }
        final SecureRandom random = new SecureRandom();
        final SessionKeys[] keys = new SessionKeys[2 * config.linkCodes().length];
        for (int link = 0; link < config.linkCodes().length; link++)
        {
            final byte[] key = new byte[mac.keyLength()];
            random.nextBytes(key);
            keys[2 * link] = new SessionKeys(mac);
            keys[2 * link + 1] = new SessionKeys(mac);
            keys[2 * link].install(0, key);
            keys[2 * link + 1].install(0, key);
            Arrays.fill(key, (byte)0);
        }
        return keys;
    }

    private ChainNodeContext nodeContext(
        final int node, final int last, final SystemNanoClock clock, final Taps taps)
    {
        final ChainRole role = node == 0 ? ChainRole.FIRST_END : node == last ? ChainRole.LAST_END :
            ChainRole.REPEATER;
        final ChainNodeContext context = new ChainNodeContext()
            .role(role)
            .nodeId(node)
            .neighbourDeadlineNs(config.deadlineNs())
            .epochWindow(ChainNodeContext.MAX_WINDOW >> 4)
            .clock(clock)
            .counters(ChainCounters.allocate(bus.aeron(), String.valueOf(node)))
            .reportSender(publisher(IPC, ChainStreams.REPORTS_STREAM));
        if (role.hasLeft())
        {
            context.left(config.decoding().apply(node - 1))
                .leftRounds(bus.subscription(IPC, hardwareStream(node, ChainStreams.LEFT_ROUNDS_STREAM)))
                .leftStates(bus.subscription(config.stateChannel(node), ChainStreams.STATES_STREAM));
        }
        if (role.hasRight())
        {
            context.right(config.decoding().apply(node))
                .rightRounds(bus.subscription(IPC, hardwareStream(node, ChainStreams.RIGHT_ROUNDS_STREAM)))
                .stateSender(taps.stateSender(node, publisher(config.stateChannel(node + 1),
                ChainStreams.STATES_STREAM)));
        }
        if (role == ChainRole.REPEATER)
        {
            context.bellMeasurements(bus.subscription(IPC, hardwareStream(node, ChainStreams.BELL_STREAM)));
            // Only the first repeater times its hop: later ones would add the same cost measured again.
            if (node == 1)
            {
                context.hopRecorder(hopNs);
            }
        }
        if (role == ChainRole.LAST_END)
        {
            context.epochEndRecorder(epochEndNs);
        }
        return context;
    }

    /**
     * Start the chain: the driver, every agent, the probe.
     *
     * @param config what to run.
     * @param errors receives errors from every thread.
     * @return the running chain.
     * @throws io.qecnode.io.transport.BusException if the embedded driver cannot start.
     */
    public static ChainPipeline start(final ChainPipelineConfig config, final ErrorHandler errors)
    {
        return start(config, new BusContext(), errors, Taps.NONE);
    }

    /**
     * Start the chain on a driver set up as the caller says (e.g. its {@link BusContext#driverIdle(String)}), with
     * taps on its states and verdicts for fault tests.
     *
     * @param requested what to run; a base port of {@link ChainPipelineConfig#FREE_PORTS} is chosen here.
     * @param driver    where and how the driver runs; the chain adds its publication plan to it.
     * @param errors    receives errors from every thread.
     * @param taps      what the nodes' states pass through and who sees the verdicts.
     * @return the running chain.
     * @throws io.qecnode.io.transport.BusException if the embedded driver cannot start.
     * @throws IllegalArgumentException if the driver's settings do not hold together.
     */
    public static ChainPipeline start(
        final ChainPipelineConfig requested, final BusContext driver, final ErrorHandler errors, final Taps taps)
    {
        final ChainPipelineConfig config = requested.withPortsChosen();
        final int nodes = config.nodeCount();
        // IPC: up to two patches per node, a Bell stream per repeater, a report stream per node, the truth; UDP: a
        // state hop per link and the probe.
        final BusContext context = driver
            .plan(IPC, 2 * nodes + config.repeaters() + nodes + 1)
            .plan(config.stateChannel(0), config.linkCodes().length + 1);
        config.udpLoss().applyTo(context);
        final MessageBus bus = MessageBus.launch(context, errors);
        try
        {
            return new ChainPipeline(config, errors, bus, taps);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietClose(bus);
            throw ex;
        }
    }

    /**
     * @param node     a node id.
     * @param streamId one of the hardware's {@link ChainStreams} ids.
     * @return the stream the node's hardware uses for it in this process.
     */
    public static int hardwareStream(final int node, final int streamId)
    {
        return streamId + (node + 1) * ChainPipelineConfig.NODE_STREAM_STRIDE;
    }

    /** @return the hardware. */
    public ChainSimulatorAgent simulator()
    {
        return simulator;
    }

    /**
     * @param node a node id.
     * @return its agent, for its counters.
     */
    public ChainNodeAgent node(final int node)
    {
        return nodes[node];
    }

    /** @return the verifier; read its summary only after {@link #close()}. */
    public ChainVerifierAgent verifier()
    {
        return verifier;
    }

    /** @return repeater 1's cost per state: left state in to corrected state sent, ns. */
    public SingleWriterRecorder hopNs()
    {
        return hopNs;
    }

    /** @return the epoch's end at A (its last round's emit time) to B's frame complete, ns. */
    public SingleWriterRecorder epochEndNs()
    {
        return epochEndNs;
    }

    /** @return the raw UDP hop probe run beside the chain. */
    public HopProbe probe()
    {
        return probe;
    }

    /** @return the configuration. */
    public ChainPipelineConfig config()
    {
        return config;
    }

    /** @return the bus. */
    public MessageBus bus()
    {
        return bus;
    }

    /**
     * @return the driver's NAK, retransmit and loss-gap-fill counters (one driver: both sides of every UDP hop, the
     * probe's too); readable until {@link #close()}.
     */
    public LossCounters lossCounters()
    {
        return LossCounters.of(bus.aeron().countersReader());
    }

    /** @return UDP data frames the driver dropped on purpose ({@link ChainPipelineConfig#udpLoss()}). */
    public long framesDroppedByLoss()
    {
        return bus.framesDroppedByInjectedLoss();
    }

    /** @return frames any publisher of the chain could not send. */
    public long notSent()
    {
        long notSent = 0;
        for (final FramePublisher publisher : publishers)
        {
            notSent += publisher.notSentCount();
        }
        return notSent;
    }

    /**
     * Stop the hardware at the end of its current epoch, then wait until the verifier has judged every epoch the
     * hardware ran, or the timeout passes.
     *
     * @param timeoutNs how long to wait for the chain to drain.
     * @return true if every epoch was judged.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean stopAndDrain(final long timeoutNs) throws InterruptedException
    {
        simulator.requestStopAtEpochEnd();
        final long deadline = System.nanoTime() + timeoutNs;
        while (!simulator.isDone() && System.nanoTime() - deadline < 0)
        {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        while (verifier.epochsJudged() < simulator.epochsCompleted() && System.nanoTime() - deadline < 0)
        {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return verifier.epochsJudged() >= simulator.epochsCompleted();
    }

    /**
     * Stop every agent and the probe, then judge the epochs still open (their missing pieces will not come: failed,
     * never dropped). The counters stay readable until {@link #close()}.
     */
    public void stop()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        final boolean interrupted = Thread.interrupted();
        try
        {
            CloseHelper.closeAll(probe, hotRunner, supportRunner);
            verifier.closeOpenEpochs();
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stop, then close the bus and its driver: the node counters, which live in its memory, go with it. */
    @Override
    public void close()
    {
        final boolean interrupted = Thread.interrupted();
        try
        {
            stop();
            CloseHelper.close(bus);
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FramePublisher publisher(final String channel, final int streamId)
    {
        final ExclusivePublication publication = bus.publication(channel, streamId);
        final FramePublisher publisher = BusCounters.publisher(bus.aeron(), publication,
            "chain " + channel + " stream " + streamId, new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
        publishers.add(publisher);
        return publisher;
    }
}
