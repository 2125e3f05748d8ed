package io.qecnode.node.harness;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.qecnode.io.frame.AtomicFrameCounters;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.journal.NodeJournal;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.measure.ScheduleCatchUp;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.node.pipeline.RelayAgent;
import io.qecnode.node.platform.CpuPinning;
import io.qecnode.node.platform.PinnedAgent;
import io.qecnode.node.telemetry.TelemetryAgent;
import io.qecnode.sim.run.SimulatorAgent;
import io.qecnode.sim.run.TruthRing;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole chain in one process on an embedded bus: hw-sim, then the decoding node, then relays, then the sink.
 * <p>
 * Either two working threads, the node's hot thread alone and one that runs the simulator, the relays and the sink
 * together as a {@link CompositeAgent}; or, on machines with few cores, all of them composed on the hot thread, in
 * chain order (simulator, node, relays, sink), so that one duty cycle carries a round from the hardware to the sink.
 * The media driver runs in shared mode on its own, mostly idle thread. With {@link PipelineConfig#probeEvery()}, a raw
 * two-hop probe ({@link HopProbe#interleaved}) runs in the simulator's duty cycle, the baseline of the node's path.
 */
public final class SimulationPipeline implements AutoCloseable
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final PipelineConfig config;
    private final MessageBus bus;
    private final SimulatorAgent simulator;
    private final SinkAgent sink;
    private final NodeCounters nodeCounters;
    private final AtomicFrameCounters frameCounters;
    private final SingleWriterRecorder roundNs = HotRecorders.newRecorder();
    private final SingleWriterRecorder ingressNs = HotRecorders.newRecorder();
    private final TelemetryAgent telemetry;
    private final NodeJournal journal;
    private final AgentRunner telemetryRunner;
    private final SingleWriterRecorder latencyNs = HotRecorders.newRecorder();
    private final HopProbe probe;
    private final AgentRunner hotRunner;
    private final NodeAgent node;
    private final AgentRunner supportRunner;
    private final List<FramePublisher> publishers = new ArrayList<>();

    private SimulationPipeline(final PipelineConfig config, final ErrorHandler errors, final MessageBus bus)
    {
        this.config = config;
        this.bus = bus;
        final SystemNanoClock clock = new SystemNanoClock();
        final String channel = config.channel();
        final int rounds = config.hardware().stream();

        final Subscription nodeIn = bus.subscription(channel, rounds);
        final TruthRing truths = new TruthRing(1 << 16);
        simulator = config.hardware().clock(clock).newAgent(publisher(channel, rounds, "hw-sim rounds out"), truths);

        frameCounters = AtomicFrameCounters.allocate(bus.aeron()::addCounter);
        nodeCounters = NodeCounters.allocate(bus.aeron(), "1");
        final NodeContext nodeContext = config.node()
            .nodeId(1)
            .in(channel, rounds)
            .out(channel, rounds + 1)
            .subscription(nodeIn)
            .sender(publisher(channel, rounds + 1, "node 1 states out"))
            .counters(nodeCounters)
            .frameCounters(frameCounters)
            .roundRecorder(roundNs)
            .ingressRecorder(ingressNs)
            .clock(clock)
            .conclude();
        telemetry = new TelemetryAgent(nodeContext.telemetry());
        node = NodeFactory.newNodeAgent(nodeContext);
        try
        {
            journal = nodeContext.journal() == null ? null :
                NodeJournal.prepare(nodeContext.journal(), bus.aeron()::addCounter, "1");
            final JournalWriter journalWriter = journal == null ? null :
                journal.start(node, nodeContext.decodingSettings(), System.err::println);

            final List<Agent> support = new ArrayList<>();
            support.add(simulator);
            for (int k = 2; k <= config.nodes(); k++)
            {
                support.add(new RelayAgent(bus.subscription(channel, rounds + k - 1),
                    publisher(channel, rounds + k, "node " + k + " states out"), NodeCounters.allocate(bus.aeron(),
                    String.valueOf(k)), k));
            }
            sink = new SinkAgent(bus.subscription(channel, rounds + config.nodes()), truths, latencyNs, clock,
                config.sinkListener());
            support.add(sink);
            probe = config.probeEvery() == 0 ? null : HopProbe.interleaved(bus, channel,
                SyndromeRoundWriter.frameLength(config.code().rounds().maxDetectorsPerRound()), config.probeEvery(),
                simulator::roundsSent);
            if (probe != null)
            {
                support.add(probe.agent());
            }

            FramePublisher.awaitConnected(publishers, CONNECT_TIMEOUT_NS);
            if (config.hotCpu() != NodeContext.PIN_NONE)
            {
                // Every thread there is now (JVM, driver, client) leaves the hot CPU; threads made from here on
                // inherit.
                CpuPinning.clearCpuForHotThread(config.hotCpu());
            }
            if (config.sharedThread())
            {
                support.add(1, node);
                hotRunner = new AgentRunner(nodeContext.idleStrategy(), errors, null,
                    pinned(new CompositeAgent(support.toArray(new Agent[0]))));
                supportRunner = null;
            }
            else
            {
                hotRunner = new AgentRunner(nodeContext.idleStrategy(), errors, null, pinned(node));
                supportRunner = new AgentRunner(config.supportIdle(), errors, null,
                    new CompositeAgent(support.toArray(new Agent[0])));
                AgentRunner.startOnThread(supportRunner);
            }
            AgentRunner.startOnThread(hotRunner);
            telemetryRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), errors, null, journalWriter == null ?
                telemetry : new CompositeAgent(telemetry, journalWriter));
            AgentRunner.startOnThread(telemetryRunner);
        }
        catch (final RuntimeException | Error ex)
        {
            // The node's decode threads run from its construction.
            node.close();
            throw ex;
        }
    }

    // A simulation records into a fresh journal (its rounds would not continue an earlier run's), checked before
    // anything starts.
    private static void checkJournal(final JournalConfig journal)
    {
        if (JournalReader.exists(journal.directory()))
        {
            throw new JournalException("the journal directory already holds a journal; a simulation records into " +
                "a fresh one: dir=" + journal.directory());
        }
        JournalWriter.checkDirectory(journal);
    }

    private Agent pinned(final Agent agent)
    {
        return config.hotCpu() != NodeContext.PIN_NONE ? new PinnedAgent(agent, config.hotCpu()) : agent;
    }

    /** @return the decoding node's journal, or null if it keeps none. */
    public NodeJournal journal()
    {
        return journal;
    }

    /**
     * @param config what to run.
     * @param errors receives errors from every thread.
     * @return the running pipeline.
     * @throws io.qecnode.io.transport.BusException if the embedded driver cannot start (e.g. no room for the
     *                                              buffers of every hop).
     */
    public static SimulationPipeline start(final PipelineConfig config, final ErrorHandler errors)
    {
        if (config.node().journal() != null)
        {
            checkJournal(config.node().journal());
        }
        // One publication per hop: the hardware's, the decoding node's and each relay's; two more for the probe's.
        final MessageBus bus = MessageBus.launch(new BusContext().plan(config.channel(), config.nodes() + 1 +
            (config.probeEvery() == 0 ? 0 : 2)), errors);
        try
        {
            return new SimulationPipeline(config, errors, bus);
        }
        catch (final RuntimeException | Error ex)
        {
            // Fails before any agent runs (a hop that never connects, a journal that cannot open): the driver and
            // its directory go with the bus.
            CloseHelper.quietClose(bus);
            throw ex;
        }
    }

    /** @return the simulator, for its counts. */
    public SimulatorAgent simulator()
    {
        return simulator;
    }

    /** @return the sink, with its checks. */
    public SinkAgent sink()
    {
        return sink;
    }

    /** @return the decoding node's counters. */
    public NodeCounters nodeCounters()
    {
        return nodeCounters;
    }

    /** @return the decoding node's frame validation counters. */
    public AtomicFrameCounters frameCounters()
    {
        return frameCounters;
    }

    /** @return reaction times of the decoding node, ns, as its telemetry thread recorded them. */
    public SingleWriterRecorder reactionNs()
    {
        return telemetry.reactionNs();
    }

    /** @return decode time of each block of the decoding node, summed over its windows, ns. */
    public SingleWriterRecorder decodeNs()
    {
        return telemetry.decodeNs();
    }

    /** @return decode time of each block's last window (after its last round arrived), ns. */
    public SingleWriterRecorder lastWindowNs()
    {
        return telemetry.lastWindowNs();
    }

    /** @return time the decoding node spends on each round that does not end a block, ns. */
    public SingleWriterRecorder roundNs()
    {
        return roundNs;
    }

    /** @return the raw two-hop probe interleaved with the rounds, or null without one. */
    public HopProbe probe()
    {
        return probe;
    }

    /** @return transit of every round from the simulator to the decoding node, ns. */
    public SingleWriterRecorder ingressNs()
    {
        return ingressNs;
    }

    /** @return the thread that runs the decoding node (and, with a shared thread, every agent), once it runs. */
    public Thread hotThread()
    {
        // The runner learns its thread only once that thread has started running it.
        Thread thread;
        while ((thread = hotRunner.thread()) == null && !hotRunner.isClosed())
        {
            Thread.yield();
        }
        return thread;
    }

    /** @return blocks the simulator has sampled. */
    public long blocksEmitted()
    {
        return simulator.source().blocksSampled();
    }

    /**
     * Blocks the hardware has measured, or should have by its schedule, that the sink has not yet received: the rounds
     * emission trails the schedule by, plus those in flight. Counted by sequence, so blocks lost to injected faults do
     * not add to it. Safe from any thread.
     *
     * @return the backlog in blocks.
     */
    public long backlogBlocks()
    {
        final long blockNs = Math.max(1, config.periodNs() * config.code().rounds().roundCount());
        final long overdue = simulator.scheduleLagNs(System.nanoTime()) / blockNs;
        return overdue + Math.max(0, blocksEmitted() - 1 - sink.lastBlock());
    }

    /**
     * Losses no counter explains: frames a publisher could not send, blocks missing at the sink beyond those the node
     * counted incomplete (their end was lost to an injected fault and the block abandoned), and states whose truth
     * the sink could not find.
     *
     * @return frames and blocks lost unaccounted so far.
     */
    public long unaccounted()
    {
        return notSent() + Math.max(0, sink.missingBlocks() - nodeCounters.blocksIncomplete()) + sink.unknownTruth();
    }

    /**
     * Before the end of a measured stretch is read: wait until emission trails the schedule by less than a block, or
     * the grace passes, so that a hiccup of the host just before the end is judged as one in the middle would be,
     * caught up, while a simulator that cannot keep the schedule stays behind.
     *
     * @param graceNs longest wait.
     */
    public void awaitCaughtUp(final long graceNs)
    {
        final long blockNs = Math.max(1, config.periodNs() * config.code().rounds().roundCount());
        ScheduleCatchUp.await(simulator::scheduleLagNs, blockNs, graceNs);
    }

    /** End a warm-up: the hardware's round schedule starts afresh, so a cold start's lag is not carried over. */
    public void restartSchedule()
    {
        simulator.restartSchedule();
    }

    /** @return end-to-end latencies at the sink, ns. */
    public SingleWriterRecorder latencyNs()
    {
        return latencyNs;
    }

    /** @return the bus, for its directory. */
    public MessageBus bus()
    {
        return bus;
    }

    /** @return publishers of every hop, for their not-sent counts. */
    public List<FramePublisher> publishers()
    {
        return publishers;
    }

    /**
     * @return frames the publishers could not send so far; read every interval, so indexed (no iterator).
     */
    public long notSent()
    {
        long notSent = 0;
        for (int i = 0, size = publishers.size(); i < size; i++)
        {
            notSent += publishers.get(i).notSentCount();
        }
        return notSent;
    }

    /**
     * Stop the simulator at the end of its current block and wait until the sink has seen that block or the
     * timeout passes.
     *
     * @param timeoutNs how long to wait for the chain to drain.
     * @return true if the sink saw the last block.
     */
    public boolean stopAndDrain(final long timeoutNs)
    {
        simulator.requestStopAtBlockEnd();
        return drain(timeoutNs);
    }

    /**
     * Wait until the simulator is done (its round limit, or a requested stop) and the sink has seen its last block,
     * or the timeout passes.
     *
     * @param timeoutNs how long to wait.
     * @return true if the sink saw the last block.
     */
    public boolean drain(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!simulator.isDone() && System.nanoTime() - deadline < 0)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        final long lastBlock = simulator.source().blocksSampled() - 1;
        while (sink.lastBlock() < lastBlock && System.nanoTime() - deadline < 0)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return sink.lastBlock() >= lastBlock;
    }

    /** @return the configuration. */
    public PipelineConfig config()
    {
        return config;
    }

    @Override
    public void close()
    {
        // A signal may have interrupted the closing thread: the runners' joins must still wait for their threads.
        final boolean interrupted = Thread.interrupted();
        try
        {
            closeAll();
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeAll()
    {
        CloseHelper.closeAll(hotRunner, supportRunner);
        // Its decode threads, if any, after the thread that feeds them.
        CloseHelper.close(node);
        if (journal != null)
        {
            journal.handOff().flushGap();
        }
        CloseHelper.closeAll(telemetryRunner, probe);
        if (config.hotCpu() != NodeContext.PIN_NONE)
        {
            CpuPinning.releaseAll();
        }
        CloseHelper.close(frameCounters);
        CloseHelper.close(bus);
    }

    private FramePublisher publisher(final String channel, final int streamId, final String name)
    {
        final ExclusivePublication publication = bus.publication(channel, streamId);
        final FramePublisher publisher = BusCounters.publisher(bus.aeron(), publication, name,
            new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
        publishers.add(publisher);
        return publisher;
    }
}
