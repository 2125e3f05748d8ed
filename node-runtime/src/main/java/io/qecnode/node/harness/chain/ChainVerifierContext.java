package io.qecnode.node.harness.chain;

import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.pipeline.NodeConfigException;
import org.agrona.BitUtil;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The one description of a chain's verifier: the chain's size, where its pieces arrive, how long it waits for them.
 * Fill it, {@link #conclude()} checks it and fills defaults, {@link #newAgent} builds the agent.
 * <pre>{@code
 * ChainVerifierContext context = new ChainVerifierContext().repeaters(3).deadlineNs(500_000_000L);
 * Subscription reports = aeron.addSubscription(context.channel(), context.reportsStream());
 * Subscription truths = aeron.addSubscription(context.channel(), context.truthStream());
 * ChainVerifierAgent verifier = context.newAgent(reports::poll, truths::poll);
 * }</pre>
 * <ul>
 *     <li>{@link #repeaters} n (default 1): the chain has nodes 0..n+1 and patches with ids 1..2n+2.</li>
 *     <li>{@link #window} (default {@value #WINDOW_DEFAULT}): epochs open at once, a power of two.</li>
 *     <li>{@link #deadlineNs} (default 1 s): how long an epoch waits for its pieces after its first arrived.</li>
 *     <li>{@link #firstEpoch} (default 0): the run's first epoch; pieces of earlier ones are late.</li>
 *     <li>{@link #pathId} (default 0): the path whose reports count.</li>
 *     <li>{@link #channel} (default {@value #CHANNEL_DEFAULT}), {@link #reportsStream} and {@link #truthStream}
 *     (default {@link ChainStreams#REPORTS_STREAM}, {@link ChainStreams#TRUTH_STREAM}): for whoever subscribes.</li>
 *     <li>{@link #clock} (default the system's): the deadline's clock.</li>
 *     <li>{@link #verdictListener} (default none): sees each epoch's verdict as it is judged.</li>
 * </ul>
 * A bad value fails {@link #conclude()} with a {@link NodeConfigException}, {@code <what>, --<setting>=<value>}, the
 * setting named by the {@code *_PROP} constants.
 */
public final class ChainVerifierContext
{
    /** Setting of the number of repeaters. */
    public static final String REPEATERS_PROP = "repeaters";
    /** Setting of the window. */
    public static final String WINDOW_PROP = "verifier-window";
    /** Setting of the deadline. */
    public static final String DEADLINE_PROP = "verifier-deadline";
    /** Setting of the first epoch. */
    public static final String FIRST_EPOCH_PROP = "first-epoch";
    /** Setting of the path id. */
    public static final String PATH_PROP = "path";

    /** Repeaters when none is given: A, one repeater, B. */
    public static final int REPEATERS_DEFAULT = 1;
    /** Most repeaters. */
    public static final int REPEATERS_MAX = 64;
    /** Epochs open at once when none is given. */
    public static final int WINDOW_DEFAULT = 256;
    /** Most epochs open at once. */
    public static final int WINDOW_MAX = 1 << 14;
    /** Deadline when none is given. */
    public static final long DEADLINE_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Longest deadline. */
    public static final long DEADLINE_NS_MAX = TimeUnit.HOURS.toNanos(1);
    /** Channel of the verifier's endpoint when none is given. */
    public static final String CHANNEL_DEFAULT = "aeron:ipc";

    private int repeaters = REPEATERS_DEFAULT;
    private int window = WINDOW_DEFAULT;
    private long deadlineNs = DEADLINE_NS_DEFAULT;
    private long firstEpoch;
    private long pathId;
    private String channel = CHANNEL_DEFAULT;
    private int reportsStream = ChainStreams.REPORTS_STREAM;
    private int truthStream = ChainStreams.TRUTH_STREAM;
    private NanoClock clock;
    private ChainVerifierAgent.VerdictListener verdictListener = ChainVerifierAgent.VerdictListener.NONE;

    /**
     * @return this context, checked, defaults filled.
     * @throws NodeConfigException naming the setting at fault.
     */
    public ChainVerifierContext conclude()
    {
        NodeConfigException.check(repeaters >= 0 && repeaters <= REPEATERS_MAX, "must be in [0, " + REPEATERS_MAX + "]",
            REPEATERS_PROP, repeaters);
        NodeConfigException.check(window >= 2 && window <= WINDOW_MAX && BitUtil.isPowerOfTwo(window),
            "must be a power of two in [2, " + WINDOW_MAX + "]", WINDOW_PROP, window);
        NodeConfigException.check(deadlineNs > 0 && deadlineNs <= DEADLINE_NS_MAX, "must be in (0, 1h]",
            DEADLINE_PROP, deadlineNs + "ns");
        NodeConfigException.check(firstEpoch >= 0, "must be >= 0", FIRST_EPOCH_PROP, firstEpoch);
        NodeConfigException.check(pathId >= 0 && pathId < LogicalStateWriter.NO_PATH, "must be in [0, 2^32 - 1)",
            PATH_PROP, pathId);
        NodeConfigException.check(channel != null && !channel.isEmpty(), "must be an Aeron channel", "channel",
            channel);
        NodeConfigException.check(reportsStream >= 1, "must be >= 1", "reports-stream", reportsStream);
        NodeConfigException.check(verdictListener != null, "must be given", "verdict-listener", null);
        NodeConfigException.check(truthStream >= 1 && truthStream != reportsStream,
            "must be >= 1 and differ from the reports' stream", "truth-stream", truthStream);
        clock = clock != null ? clock : SystemNanoClock.INSTANCE;
        return this;
    }

    /**
     * @param reports where the reports come from, e.g. {@code reportsSubscription::poll}.
     * @param truths  where the truth records come from, e.g. {@code truthSubscription::poll}.
     * @return the verifier's agent, concluded from this context.
     */
    public ChainVerifierAgent newAgent(
        final ChainVerifierAgent.FragmentSource reports, final ChainVerifierAgent.FragmentSource truths)
    {
        return new ChainVerifierAgent(conclude(), reports, truths);
    }

    /**
     * @param repeaters number of repeaters n between A and B.
     * @return this context.
     */
    public ChainVerifierContext repeaters(final int repeaters)
    {
        this.repeaters = repeaters;
        return this;
    }

    /** @return number of repeaters n. */
    public int repeaters()
    {
        return repeaters;
    }

    /**
     * @param window epochs open at once, a power of two.
     * @return this context.
     */
    public ChainVerifierContext window(final int window)
    {
        this.window = window;
        return this;
    }

    /** @return epochs open at once. */
    public int window()
    {
        return window;
    }

    /**
     * @param deadlineNs how long an epoch waits for its pieces after its first arrived.
     * @return this context.
     */
    public ChainVerifierContext deadlineNs(final long deadlineNs)
    {
        this.deadlineNs = deadlineNs;
        return this;
    }

    /** @return how long an epoch waits for its pieces after its first arrived, ns. */
    public long deadlineNs()
    {
        return deadlineNs;
    }

    /**
     * @param firstEpoch the run's first epoch; pieces of earlier ones are late.
     * @return this context.
     */
    public ChainVerifierContext firstEpoch(final long firstEpoch)
    {
        this.firstEpoch = firstEpoch;
        return this;
    }

    /** @return the run's first epoch. */
    public long firstEpoch()
    {
        return firstEpoch;
    }

    /**
     * @param pathId the path whose reports count.
     * @return this context.
     */
    public ChainVerifierContext pathId(final long pathId)
    {
        this.pathId = pathId;
        return this;
    }

    /** @return the path whose reports count. */
    public long pathId()
    {
        return pathId;
    }

    /**
     * @param channel the verifier's endpoint, for whoever subscribes to it.
     * @return this context.
     */
    public ChainVerifierContext channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    /** @return the verifier's endpoint. */
    public String channel()
    {
        return channel;
    }

    /**
     * @param reportsStream stream of the nodes' reports.
     * @param truthStream   stream of the hardware's truth records.
     * @return this context.
     */
    public ChainVerifierContext streams(final int reportsStream, final int truthStream)
    {
        this.reportsStream = reportsStream;
        this.truthStream = truthStream;
        return this;
    }

    /** @return stream of the nodes' reports. */
    public int reportsStream()
    {
        return reportsStream;
    }

    /** @return stream of the hardware's truth records. */
    public int truthStream()
    {
        return truthStream;
    }

    /**
     * @param clock the deadline's clock; default: the system's.
     * @return this context.
     */
    public ChainVerifierContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the deadline's clock, once concluded. */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @param listener sees each epoch's verdict as it is judged, on the verifier's thread; default: none.
     * @return this context.
     */
    public ChainVerifierContext verdictListener(final ChainVerifierAgent.VerdictListener listener)
    {
        this.verdictListener = listener;
        return this;
    }

    /** @return who sees each epoch's verdict. */
    public ChainVerifierAgent.VerdictListener verdictListener()
    {
        return verdictListener;
    }
}
