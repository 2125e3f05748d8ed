package io.qecnode.node.chain;

import io.aeron.Subscription;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.trust.AdmittedNodes;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The one description of a repeater-chain node: its {@link ChainRole}, its id and its neighbours', the chain's path,
 * how long it waits for a neighbour, its window of open epochs, and how each of its patches is decoded; plus what a
 * wiring site hands in. Fill it with the fluent setters, then {@link #conclude()}: it checks every value, naming the
 * setting at fault in a {@link NodeConfigException} ({@code <what>, --<setting>=<value>}), and fills the defaults;
 * {@link ChainNodeFactory#newChainNodeAgent} builds the node from it.
 *
 * <h2>Settings</h2>
 * <ul>
 *     <li>{@link #role(ChainRole)} ({@value #ROLE_PROP}), required.</li>
 *     <li>{@link #nodeId(int)} ({@value #NODE_PROP}, default 0): node i of the chain, A = 0, B = n + 1. Its patches'
 *     logical qubit ids follow from it ({@link ChainStreams#logicalQubit}).</li>
 *     <li>{@link #leftNode(int)}, {@link #rightNode(int)} ({@value #LEFT_NODE_PROP}, {@value #RIGHT_NODE_PROP}):
 *     default the node's id - 1 and + 1 where the role has that neighbour; A has no left neighbour and B no right
 *     one, and setting one is refused.</li>
 *     <li>{@link #pathId(long)} ({@value #PATH_PROP}, default 0): every state of the chain carries it.</li>
 *     <li>{@link #neighbourDeadlineNs(long)} ({@value #DEADLINE_PROP}, default 50 ms): how long an epoch waits for its
 *     missing pieces (the left state, its own blocks and Bell measurement) from when it opened.</li>
 *     <li>{@link #epochWindow(int)} ({@value #WINDOW_PROP}, default 64, a power of two): epochs open at once.</li>
 *     <li>{@link #left(NodeContext)}, {@link #right(NodeContext)}: the code, noise, decoder growth and window of
 *     each patch (each side may differ), as a memory node's; default a new {@link NodeContext}. Only their decoding
 *     settings, {@code maxSources}, {@code frameCounters}, {@code rejectionLog} and {@code blockDecoders} are used;
 *     their node id, channels, sender and counters are not. A side the role has no patch on is ignored.</li>
 * </ul>
 *
 * <h2>What a wiring site hands in</h2>
 * <ul>
 *     <li>{@link #leftRounds}, {@link #rightRounds}, {@link #bellMeasurements} (the node's hardware:
 *     {@link ChainStreams#LEFT_ROUNDS_STREAM}, {@link ChainStreams#RIGHT_ROUNDS_STREAM},
 *     {@link ChainStreams#BELL_STREAM}) and {@link #leftStates} ({@link ChainStreams#STATES_STREAM} on the node's own
 *     endpoint): polled by the agent; each may be null, and frames then handed to the agent's handlers.</li>
 *     <li>{@link #stateSender}: states to the right neighbour, required for A and a repeater.</li>
 *     <li>{@link #reportSender}: reports to the verifier ({@link ChainStreams#REPORTS_STREAM}); null for none.</li>
 *     <li>{@link #clock}, {@link #counters} (default: the system clock, counters in memory),
 *     {@link #hopRecorder} (a repeater's hop cost) and {@link #epochEndRecorder} (B's epoch end to frame complete),
 *     null for none.</li>
 *     <li>{@link #leftKeys} and {@link #rightKeys}: the session keys of the link from the left neighbour (to open its
 *     states) and to the right one (to seal this node's), kept by the node's Hello thread; with
 *     {@link #admittedNodes} (the trust store's ids) they make the node's links authenticated: every state to the
 *     right is sealed, and every state from the left must open under a key of the left link. Give both sides the
 *     role has, or none (an unauthenticated chain, for tests and the one-process simulation).
 *     {@link #keyOverlapNs} ({@value #OVERLAP_PROP}, default 1 s): how long a key stays accepted after the first
 *     state under its successor. {@link #firstRefusals}: where the first refusal of each kind is kept to report.</li>
 * </ul>
 */
public final class ChainNodeContext
{
    /** Key of the node's role. */
    public static final String ROLE_PROP = "role";
    /** Key of the node's id. */
    public static final String NODE_PROP = NodeContext.NODE_PROP;
    /** Key of the left neighbour's id. */
    public static final String LEFT_NODE_PROP = "left-node";
    /** Key of the right neighbour's id. */
    public static final String RIGHT_NODE_PROP = "right-node";
    /** Key of the chain's path id. */
    public static final String PATH_PROP = "path";
    /** Key of the neighbour deadline. */
    public static final String DEADLINE_PROP = "neighbour-deadline";
    /** Key of the window of open epochs. */
    public static final String WINDOW_PROP = "epoch-window";
    /** Key of the overlap of a key with its successor. */
    public static final String OVERLAP_PROP = "key-overlap";

    /** No neighbour on that side. */
    public static final int NO_NEIGHBOUR = -1;
    /** The node's id when none is given. */
    public static final int NODE_ID_DEFAULT = 0;
    /** The chain's path id when none is given. */
    public static final long PATH_DEFAULT = 0;
    /** How long an epoch waits for its missing pieces when no deadline is given. */
    public static final long DEADLINE_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(50);
    /** Epochs open at once when no window is given. */
    public static final int WINDOW_DEFAULT = 64;
    /** Most epochs open at once. */
    public static final int MAX_WINDOW = 1 << 16;
    /** How long a key stays accepted after the first state under its successor when no overlap is given. */
    public static final long OVERLAP_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    private ChainRole role;
    private int nodeId = NODE_ID_DEFAULT;
    private int leftNode = NO_NEIGHBOUR;
    private int rightNode = NO_NEIGHBOUR;
    private long pathId = PATH_DEFAULT;
    private long deadlineNs = DEADLINE_NS_DEFAULT;
    private int window = WINDOW_DEFAULT;
    private NodeContext left;
    private NodeContext right;

    private Subscription leftRounds;
    private Subscription rightRounds;
    private Subscription bellMeasurements;
    private Subscription leftStates;
    private FrameSender stateSender;
    private FrameSender reportSender;
    private NanoClock clock;
    private ChainCounters counters;
    private SingleWriterRecorder hopRecorder;
    private SingleWriterRecorder epochEndRecorder;
    private SessionKeys leftKeys;
    private SessionKeys rightKeys;
    private AdmittedNodes admittedNodes;
    private long keyOverlapNs = OVERLAP_NS_DEFAULT;
    private FirstRefusals firstRefusals;

    /**
     * Check every setting, build each patch's code and decoders, and fill every default left open. Calling it again
     * checks again and fills only what is still missing.
     *
     * @return this context.
     * @throws NodeConfigException naming the setting at fault.
     */
    public ChainNodeContext conclude()
    {
        NodeConfigException.check(role != null, "a chain node needs a role (FIRST_END, REPEATER or LAST_END)",
            ROLE_PROP, "none");
        NodeConfigException.check(nodeId >= 0, "must be >= 0", NODE_PROP, nodeId);
        leftNode = neighbour(role.hasLeft(), leftNode, nodeId - 1, LEFT_NODE_PROP);
        rightNode = neighbour(role.hasRight(), rightNode, nodeId + 1, RIGHT_NODE_PROP);
        NodeConfigException.check(pathId >= 0 && pathId < LogicalStateWriter.NO_PATH,
            "must be in [0, " + (LogicalStateWriter.NO_PATH - 1) + "]", PATH_PROP, pathId);
        NodeConfigException.check(deadlineNs > 0, "must be > 0 ns", DEADLINE_PROP, deadlineNs + "ns");
        NodeConfigException.check(window >= 2 && window <= MAX_WINDOW && (window & (window - 1)) == 0,
            "must be a power of two in [2, " + MAX_WINDOW + "]", WINDOW_PROP, window);
        if (role.hasLeft())
        {
            left = left != null ? left : new NodeContext();
            left.checkSettings();
        }
        if (role.hasRight())
        {
            right = right != null ? right : new NodeContext();
            right.checkSettings();
        }
        concludeAuthentication();
        clock = clock != null ? clock : SystemNanoClock.INSTANCE;
        counters = counters != null ? counters : ChainCounters.allocate(NodeCounters.inMemoryManager(),
            String.valueOf(nodeId));
        return this;
    }

    private void concludeAuthentication()
    {
        final boolean any = leftKeys != null || rightKeys != null || admittedNodes != null;
        if (any)
        {
            NodeConfigException.check(!role.hasLeft() || leftKeys != null,
                "an authenticated node with a left neighbour needs the left link's keys", "left-keys", "none");
            NodeConfigException.check(!role.hasRight() || rightKeys != null,
                "an authenticated node with a right neighbour needs the right link's keys", "right-keys", "none");
            NodeConfigException.check(admittedNodes != null, "an authenticated node needs the admitted node ids",
                "admitted-nodes", "none");
        }
        NodeConfigException.check(keyOverlapNs > 0, "must be > 0 ns", OVERLAP_PROP, keyOverlapNs + "ns");
        firstRefusals = firstRefusals != null ? firstRefusals : new FirstRefusals();
    }

    private int neighbour(final boolean expected, final int given, final int fallback, final String setting)
    {
        if (!expected)
        {
            NodeConfigException.check(given == NO_NEIGHBOUR, "a " + role + " node has no neighbour on that side",
                setting, given);
            return NO_NEIGHBOUR;
        }
        final int id = given == NO_NEIGHBOUR ? fallback : given;
        NodeConfigException.check(id >= 0 && id != nodeId, "must be >= 0 and not the node's own id", setting, id);
        return id;
    }

    // ---- settings ----

    /**
     * @param role where the node sits on the chain; required.
     * @return this context.
     */
    public ChainNodeContext role(final ChainRole role)
    {
        this.role = role;
        return this;
    }

    /** @return where the node sits on the chain. */
    public ChainRole role()
    {
        return role;
    }

    /**
     * @param id node i of the chain, >= 0: A is 0, B is n + 1.
     * @return this context.
     */
    public ChainNodeContext nodeId(final int id)
    {
        this.nodeId = id;
        return this;
    }

    /** @return the node's id. */
    public int nodeId()
    {
        return nodeId;
    }

    /**
     * @param id the left neighbour, the only node whose states are accepted; {@link #NO_NEIGHBOUR} for the default.
     * @return this context.
     */
    public ChainNodeContext leftNode(final int id)
    {
        this.leftNode = id;
        return this;
    }

    /** @return the left neighbour's id, {@link #NO_NEIGHBOUR} for A. */
    public int leftNode()
    {
        return leftNode;
    }

    /**
     * @param id the right neighbour, whom the states are addressed to; {@link #NO_NEIGHBOUR} for the default.
     * @return this context.
     */
    public ChainNodeContext rightNode(final int id)
    {
        this.rightNode = id;
        return this;
    }

    /** @return the right neighbour's id, {@link #NO_NEIGHBOUR} for B. */
    public int rightNode()
    {
        return rightNode;
    }

    /**
     * @param pathId the end-to-end path the chain serves ({@code uint32}, not all ones).
     * @return this context.
     */
    public ChainNodeContext pathId(final long pathId)
    {
        this.pathId = pathId;
        return this;
    }

    /** @return the chain's path id. */
    public long pathId()
    {
        return pathId;
    }

    /**
     * @param deadlineNs how long an epoch waits for its missing pieces from when it opened, > 0.
     * @return this context.
     */
    public ChainNodeContext neighbourDeadlineNs(final long deadlineNs)
    {
        this.deadlineNs = deadlineNs;
        return this;
    }

    /** @return how long an epoch waits for its missing pieces, ns. */
    public long neighbourDeadlineNs()
    {
        return deadlineNs;
    }

    /**
     * @param epochs epochs open at once, a power of two: a piece further ahead closes the oldest early.
     * @return this context.
     */
    public ChainNodeContext epochWindow(final int epochs)
    {
        this.window = epochs;
        return this;
    }

    /** @return epochs open at once. */
    public int epochWindow()
    {
        return window;
    }

    /**
     * @param decoding how the left patch L_i is decoded; default a new {@link NodeContext}.
     * @return this context.
     */
    public ChainNodeContext left(final NodeContext decoding)
    {
        this.left = decoding;
        return this;
    }

    /** @return how the left patch is decoded, or null if the role has none (once concluded). */
    public NodeContext left()
    {
        return left;
    }

    /**
     * @param decoding how the right patch R_i is decoded; default a new {@link NodeContext}.
     * @return this context.
     */
    public ChainNodeContext right(final NodeContext decoding)
    {
        this.right = decoding;
        return this;
    }

    /** @return how the right patch is decoded, or null if the role has none (once concluded). */
    public NodeContext right()
    {
        return right;
    }

    /**
     * @param side {@link ChainStreams#LEFT} or {@link ChainStreams#RIGHT}.
     * @return how that side's patch is decoded.
     */
    public NodeContext side(final int side)
    {
        return side == ChainStreams.LEFT ? left : right;
    }

    // ---- what a wiring site hands in ----

    /**
     * @param subscription the left patch's rounds; null when frames are handed to the agent directly.
     * @return this context.
     */
    public ChainNodeContext leftRounds(final Subscription subscription)
    {
        this.leftRounds = subscription;
        return this;
    }

    /** @return the left patch's rounds, or null. */
    public Subscription leftRounds()
    {
        return leftRounds;
    }

    /**
     * @param subscription the right patch's rounds; null when frames are handed to the agent directly.
     * @return this context.
     */
    public ChainNodeContext rightRounds(final Subscription subscription)
    {
        this.rightRounds = subscription;
        return this;
    }

    /** @return the right patch's rounds, or null. */
    public Subscription rightRounds()
    {
        return rightRounds;
    }

    /**
     * @param subscription a repeater's Bell measurements; null when frames are handed to the agent directly.
     * @return this context.
     */
    public ChainNodeContext bellMeasurements(final Subscription subscription)
    {
        this.bellMeasurements = subscription;
        return this;
    }

    /** @return the Bell measurements, or null. */
    public Subscription bellMeasurements()
    {
        return bellMeasurements;
    }

    /**
     * @param subscription the left neighbour's states; null when frames are handed to the agent directly.
     * @return this context.
     */
    public ChainNodeContext leftStates(final Subscription subscription)
    {
        this.leftStates = subscription;
        return this;
    }

    /** @return the left neighbour's states, or null. */
    public Subscription leftStates()
    {
        return leftStates;
    }

    /**
     * @param sender where states to the right neighbour go; required for A and a repeater, unused by B.
     * @return this context.
     */
    public ChainNodeContext stateSender(final FrameSender sender)
    {
        this.stateSender = sender;
        return this;
    }

    /** @return where states to the right neighbour go. */
    public FrameSender stateSender()
    {
        return stateSender;
    }

    /**
     * @param sender where reports to the verifier go; null for none.
     * @return this context.
     */
    public ChainNodeContext reportSender(final FrameSender sender)
    {
        this.reportSender = sender;
        return this;
    }

    /** @return where reports to the verifier go, or null. */
    public FrameSender reportSender()
    {
        return reportSender;
    }

    /**
     * @param clock the hot thread's clock; default: the system's.
     * @return this context.
     */
    public ChainNodeContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the hot thread's clock. */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @param counters the node's counters; default: in memory.
     * @return this context.
     */
    public ChainNodeContext counters(final ChainCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** @return the node's counters. */
    public ChainCounters counters()
    {
        return counters;
    }

    /**
     * @param recorder a repeater's hop cost, left state in to corrected state sent, when the left state was the
     *                 epoch's last piece; null for none.
     * @return this context.
     */
    public ChainNodeContext hopRecorder(final SingleWriterRecorder recorder)
    {
        this.hopRecorder = recorder;
        return this;
    }

    /** @return the hop cost recorder, or null. */
    public SingleWriterRecorder hopRecorder()
    {
        return hopRecorder;
    }

    /**
     * @param recorder B's epoch end (A's last round emitted, same host clock only) to frame complete, for whole
     *                 epochs; null for none.
     * @return this context.
     */
    public ChainNodeContext epochEndRecorder(final SingleWriterRecorder recorder)
    {
        this.epochEndRecorder = recorder;
        return this;
    }

    /** @return the epoch-end recorder, or null. */
    public SingleWriterRecorder epochEndRecorder()
    {
        return epochEndRecorder;
    }

    /**
     * @param keys the session keys of the link from the left neighbour, to open its states.
     * @return this.
     */
    public ChainNodeContext leftKeys(final SessionKeys keys)
    {
        this.leftKeys = keys;
        return this;
    }

    /** @return the left link's keys, or null for an unauthenticated node. */
    public SessionKeys leftKeys()
    {
        return leftKeys;
    }

    /**
     * @param keys the session keys of the link to the right neighbour, to seal this node's states.
     * @return this.
     */
    public ChainNodeContext rightKeys(final SessionKeys keys)
    {
        this.rightKeys = keys;
        return this;
    }

    /** @return the right link's keys, or null for an unauthenticated node. */
    public SessionKeys rightKeys()
    {
        return rightKeys;
    }

    /**
     * @param nodes the node ids the trust store admits, kept up to date by the Hello thread.
     * @return this.
     */
    public ChainNodeContext admittedNodes(final AdmittedNodes nodes)
    {
        this.admittedNodes = nodes;
        return this;
    }

    /** @return the admitted node ids, or null for an unauthenticated node. */
    public AdmittedNodes admittedNodes()
    {
        return admittedNodes;
    }

    /** @return true when the node's links are authenticated: keys and admitted ids were given. */
    public boolean authenticated()
    {
        return admittedNodes != null;
    }

    /**
     * @param overlapNs how long a key stays accepted after the first state under its successor.
     * @return this.
     */
    public ChainNodeContext keyOverlapNs(final long overlapNs)
    {
        this.keyOverlapNs = overlapNs;
        return this;
    }

    /** @return how long a key stays accepted after the first state under its successor. */
    public long keyOverlapNs()
    {
        return keyOverlapNs;
    }

    /**
     * @param refusals where the first refused state of each kind is kept for a cold thread to report.
     * @return this.
     */
    public ChainNodeContext firstRefusals(final FirstRefusals refusals)
    {
        this.firstRefusals = refusals;
        return this;
    }

    /** @return where the first refused state of each kind is kept. */
    public FirstRefusals firstRefusals()
    {
        return firstRefusals;
    }

    @Override
    public String toString()
    {
        return "chain node " + nodeId + ", " + role + ", left=" + leftNode + ", right=" + rightNode + ", path=" +
            pathId + ", deadline=" + deadlineNs + "ns, window=" + window;
    }
}
