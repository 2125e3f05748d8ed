package io.qecnode.node.pipeline;

import io.aeron.Subscription;
import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.RotatedSurfaceCode;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.frame.FrameCounters;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.RejectionLog;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.decode.DecodeWorkers;
import io.qecnode.node.measure.HotRecorders;
import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.platform.CpuPinning;
import io.qecnode.node.telemetry.BlockTelemetry;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one description of a decoding node: what it decodes (a built-in code or a Stim DEM), how (growth, window),
 * where its rounds come from and its states go, how its hot thread idles, and the journal, pinning and id that go
 * with it; plus what a wiring site hands in (subscription, sender, counters, clock), each with a default.
 * <p>
 * Fill it with the fluent setters (from flags, a config file, or code), then {@link #conclude()}: it checks every
 * value and fills the defaults left open, and {@link NodeFactory} builds the node from it. A setting's name is its
 * long option and its key in a config file ({@code *_PROP}); every default is one constant here.
 */
public final class NodeContext
{
    /** Key of the node's id. */
    public static final String NODE_PROP = "node";
    /** Key of the built-in noise model. */
    public static final String MODEL_PROP = "model";
    /** Key of the Stim DEM file. */
    public static final String DEM_PROP = "dem";
    /** Key of the code distance. */
    public static final String DISTANCE_PROP = "distance";
    /** Key of the noisy rounds per block. */
    public static final String ROUNDS_PROP = "rounds";
    /** Key of the built-in model's error probability. */
    public static final String P_PROP = "p";
    /** Key of the cluster growth. */
    public static final String DECODER_PROP = "decoder";
    /** Key of the decode window. */
    public static final String WINDOW_PROP = "window";
    /** Key of the channel the rounds arrive on. */
    public static final String IN_CHANNEL_PROP = "in-channel";
    /** Key of the stream the rounds arrive on. */
    public static final String IN_STREAM_PROP = "in-stream";
    /** Key of the channel the states leave on. */
    public static final String OUT_CHANNEL_PROP = "out-channel";
    /** Key of the stream the states leave on. */
    public static final String OUT_STREAM_PROP = "out-stream";
    /** Key of the hot thread's idle strategy. */
    public static final String IDLE_PROP = "idle";
    /** Key of the CPU the hot thread gets to itself. */
    public static final String PIN_PROP = "pin";
    /** Key of the decode threads. */
    public static final String DECODE_THREADS_PROP = "decode-threads";
    /** Key of the first CPU of the decode threads. */
    public static final String DECODE_PIN_PROP = "decode-pin";
    /** Key of the backlog bound, rounds. */
    public static final String BACKLOG_LIMIT_PROP = "backlog-limit";

    /** The node's id when none is given. */
    public static final int NODE_ID_DEFAULT = 1;
    /** The built-in noise model when neither a model nor a DEM is given. */
    public static final String MODEL_DEFAULT = "phenomenological";
    /** The distance of a built-in code when none is given (a DEM's is inferred from its first round). */
    public static final int DISTANCE_DEFAULT = 5;
    /** The built-in model's error probability when none is given. */
    public static final double P_DEFAULT = 0.001;
    /** Cluster growth when none is given. */
    public static final DecoderMode MODE_DEFAULT = DecoderMode.DEFAULT;
    /** The decode window when none is given. */
    public static final String WINDOW_DEFAULT = BlockDecoders.AUTO;
    /** Channel of the rounds in and the states out when none is given: the host's shared memory. */
    public static final String CHANNEL_DEFAULT = "aeron:ipc";
    /** Stream of the hardware's rounds; a chain's node k publishes its states on ROUNDS_STREAM_DEFAULT + k. */
    public static final int ROUNDS_STREAM_DEFAULT = 1001;
    /** Stream of the node's states when none is given. */
    public static final int STATES_STREAM_DEFAULT = ROUNDS_STREAM_DEFAULT + 1;
    /** The hot thread's idle strategy when none is given: a dedicated core spins. */
    public static final String IDLE_DEFAULT = "busy-spin";
    /** Hardware sources one node tracks sequences for. */
    public static final int MAX_SOURCES_DEFAULT = 16;
    /** Bytes of the ring that carries each block's times to the telemetry thread. */
    public static final int TELEMETRY_CAPACITY_DEFAULT = 1 << 20;
    /** No pinning. */
    public static final int PIN_NONE = -1;
    /** Decode threads when none is given: decode on the hot thread. */
    public static final int DECODE_THREADS_DEFAULT = 0;
    /** Most decode threads. */
    public static final int MAX_DECODE_THREADS = DecodeWorkers.MAX_THREADS;
    /**
     * The backlog bound when none is given, in blocks: a node more than this many blocks' rounds behind sheds blocks
     * to the fallback until it is back under half of it. The bound a run is judged fallen behind at (1000 blocks,
     * milliseconds of rounds at any distance): a descheduled millisecond or two on a shared host, common on the
     * development VM, is ridden out without shedding, while how stale a state can get stays bounded instead of an
     * ever-growing queue.
     */
    public static final int BACKLOG_BLOCKS_DEFAULT = 1000;
    /** The backlog bound left to its default: {@value #BACKLOG_BLOCKS_DEFAULT} blocks' rounds. */
    public static final int BACKLOG_LIMIT_AUTO = -1;
    /** Most noisy rounds per block a node takes. */
    public static final int MAX_ROUNDS = 10_000;

    private int nodeId = NODE_ID_DEFAULT;
    private CodeDescription code;
    private String model;
    private Path dem;
    private Integer distance;
    private Integer rounds;
    private double p = P_DEFAULT;
    private DecoderMode growth = MODE_DEFAULT;
    private String window = WINDOW_DEFAULT;
    private String inChannel = CHANNEL_DEFAULT;
    private int inStream = ROUNDS_STREAM_DEFAULT;
    private String outChannel = CHANNEL_DEFAULT;
    private int outStream = STATES_STREAM_DEFAULT;
    private String idle = IDLE_DEFAULT;
    private int maxSources = MAX_SOURCES_DEFAULT;
    private int telemetryCapacity = TELEMETRY_CAPACITY_DEFAULT;
    private JournalConfig journal;
    private int pinCpu = PIN_NONE;
    private int decodeThreads = DECODE_THREADS_DEFAULT;
    private int decodePinCpu = PIN_NONE;
    // Never shed unless asked: a node fed from a journal or a file (replay, recovery) has no hardware schedule to
    // hold, and must decode every block as the live node did. The live commands ask for BACKLOG_LIMIT_AUTO.
    private int backlogLimit = 0;

    private Supplier<BlockDecoder> decoders;
    private boolean decodersGiven;
    private IdleStrategy idleStrategy;
    private Subscription subscription;
    private FrameSender sender;
    private NodeCounters counters;
    private FrameCounters frameCounters;
    private RejectionLog rejectionLog;
    private NanoClock clock;
    private SingleWriterRecorder roundRecorder;
    private SingleWriterRecorder ingressRecorder;
    private BlockTelemetry telemetry;

    /**
     * Check every setting and fill every default left open; set everything first. Calling it again checks again
     * and fills only what is still missing.
     *
     * @return this context.
     * @throws NodeConfigException naming the setting at fault.
     */
    public NodeContext conclude()
    {
        checkSettings();
        clock = clock != null ? clock : SystemNanoClock.INSTANCE;
        frameCounters = frameCounters != null ? frameCounters : new LongArrayFrameCounters();
        rejectionLog = rejectionLog != null ? rejectionLog : RejectionLog.NO_OP;
        counters = counters != null ? counters : NodeCounters.allocate(NodeCounters.inMemoryManager(),
            String.valueOf(nodeId));
        roundRecorder = roundRecorder != null ? roundRecorder : HotRecorders.newRecorder();
        telemetry = telemetry != null ? telemetry : new BlockTelemetry(telemetryCapacity, counters.telemetryOverflow());
        return this;
    }

    /**
     * Check every setting and build the code and the block decoders, without filling in what a wiring site hands in
     * (counters, telemetry): for a command that refuses bad settings before anything starts.
     *
     * @return this context.
     * @throws NodeConfigException naming the setting at fault.
     */
    public NodeContext checkSettings()
    {
        NodeConfigException.check(nodeId >= 0, "must be >= 0", NODE_PROP, nodeId);
        NodeConfigException.check(inStream >= 1, "must be >= 1", IN_STREAM_PROP, inStream);
        NodeConfigException.check(outStream >= 1, "must be >= 1", OUT_STREAM_PROP, outStream);
        if (!decodersGiven)
        {
            decoders = BlockDecoders.forWindow(window, code(), growth);
        }
        try
        {
            idleStrategy = IdleStrategies.of(idle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new NodeConfigException(ex.getMessage(), IDLE_PROP, idle);
        }
        if (pinCpu != PIN_NONE)
        {
            checkCpu(pinCpu, PIN_PROP, pinCpu);
        }
        NodeConfigException.check(decodeThreads >= 0 && decodeThreads <= MAX_DECODE_THREADS,
            "must be in [0, " + MAX_DECODE_THREADS + "]", DECODE_THREADS_PROP, decodeThreads);
        NodeConfigException.check(backlogLimit >= BACKLOG_LIMIT_AUTO, "must be >= 0 (0: never shed)",
            BACKLOG_LIMIT_PROP, backlogLimit);
        if (decodePinCpu != PIN_NONE)
        {
            NodeConfigException.check(decodeThreads > 0, "goes with --" + DECODE_THREADS_PROP + " > 0",
                DECODE_PIN_PROP, decodePinCpu);
            for (int k = 0; k < decodeThreads; k++)
            {
                checkCpu(decodePinCpu + k, DECODE_PIN_PROP, decodePinCpu);
            }
        }
        return this;
    }

    private static void checkCpu(final int cpu, final String key, final int given)
    {
        try
        {
            CpuPinning.check(cpu);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new NodeConfigException(ex.getMessage(), key, given);
        }
    }

    private CodeDescription buildCode()
    {
        // Absent means the default (5, or inferred from a DEM); any value given is checked, 0 included.
        if (distance != null)
        {
            NodeConfigException.check((distance & 1) == 1 && distance >= RotatedSurfaceCode.MIN_DISTANCE &&
                distance <= RotatedSurfaceCode.MAX_DISTANCE, "must be an odd distance in [" +
                RotatedSurfaceCode.MIN_DISTANCE + ", " + RotatedSurfaceCode.MAX_DISTANCE + "]", DISTANCE_PROP,
                distance);
        }
        if (rounds != null)
        {
            NodeConfigException.check(rounds >= 1 && rounds <= MAX_ROUNDS, "must be in [1, " + MAX_ROUNDS + "]",
                ROUNDS_PROP, rounds);
        }
        NodeConfigException.check(p > 0 && p < 0.5, "must be a probability in (0, 0.5)", P_PROP, p);
        if (dem != null)
        {
            try
            {
                return CodeDescription.fromDem(dem, distance == null ? 0 : distance);
            }
            catch (final IOException ex)
            {
                throw new NodeConfigException("cannot read the DEM (" + DecodeFailure.reason(ex) + ")", DEM_PROP, dem,
                    true, ex);
            }
            catch (final DemFormatException ex)
            {
                throw new NodeConfigException(ex.getMessage(), DEM_PROP, dem, true, ex);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new NodeConfigException(ex.getMessage(), DEM_PROP, dem);
            }
        }
        final NoiseModel noise;
        try
        {
            noise = NoiseModel.fromCliName(modelName());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new NodeConfigException(ex.getMessage(), MODEL_PROP, modelName());
        }
        final int d = distance == null ? DISTANCE_DEFAULT : distance;
        return CodeDescription.builtIn(noise, d, rounds == null ? d : rounds, p);
    }

    /**
     * The decoding settings a journal records, one key=value line each in a fixed order: a journal is only valid
     * for the same values, and a replay rebuilds the decoder from them.
     *
     * @return the settings, defaults filled in.
     */
    public String decodingSettings()
    {
        final StringBuilder text = new StringBuilder();
        if (dem != null)
        {
            text.append(DEM_PROP).append('=').append(dem).append('\n');
        }
        else
        {
            text.append(MODEL_PROP).append('=').append(modelName()).append('\n');
            text.append(ROUNDS_PROP).append('=').append(rounds == null ? code().distance() : rounds).append('\n');
            text.append(P_PROP).append('=').append(p).append('\n');
        }
        text.append(DISTANCE_PROP).append('=').append(code().distance()).append('\n');
        text.append(DECODER_PROP).append('=').append(growth.cliName()).append('\n');
        text.append(WINDOW_PROP).append('=').append(window).append('\n');
        return text.toString();
    }

    private String modelName()
    {
        return model == null ? MODEL_DEFAULT : model;
    }

    /** @return a new block decoder as the window and growth ask, for the code; after {@link #conclude()}. */
    public BlockDecoder newBlockDecoder()
    {
        if (decoders == null)
        {
            throw new IllegalStateException("conclude() the node context first");
        }
        return decoders.get();
    }

    /**
     * Block decoders other than the window and growth settings make (e.g. a tighter defect cap, for tests); the
     * journal still records the window and growth settings.
     *
     * @param decoders makes the node's block decoder; null to go back to the settings.
     * @return this context.
     */
    public NodeContext blockDecoders(final Supplier<BlockDecoder> decoders)
    {
        this.decoders = decoders;
        this.decodersGiven = decoders != null;
        return this;
    }

    // ---- settings ----

    /**
     * @param id this node's id, written in every state; >= 0.
     * @return this context.
     */
    public NodeContext nodeId(final int id)
    {
        this.nodeId = id;
        return this;
    }

    /** @return this node's id. */
    public int nodeId()
    {
        return nodeId;
    }

    /**
     * A code already built; the model, DEM, distance, rounds and p settings are then not used.
     *
     * @param code the code and its noise.
     * @return this context.
     */
    public NodeContext code(final CodeDescription code)
    {
        this.code = code;
        return this;
    }

    /**
     * @return the code: as given, or built from the model, DEM, distance, rounds and p settings on first use.
     * @throws NodeConfigException naming the setting at fault.
     */
    public CodeDescription code()
    {
        if (code == null)
        {
            code = buildCode();
        }
        return code;
    }

    /**
     * @param model a built-in noise model's name (code-capacity, phenomenological); null for the default.
     * @return this context.
     */
    public NodeContext model(final String model)
    {
        this.model = model;
        return this;
    }

    /**
     * @param dem a Stim DEM to decode with instead of a built-in model; null for none.
     * @return this context.
     */
    public NodeContext dem(final Path dem)
    {
        this.dem = dem;
        return this;
    }

    /**
     * @param distance odd code distance; not set: 5, or inferred from a DEM.
     * @return this context.
     */
    public NodeContext distance(final int distance)
    {
        this.distance = distance;
        return this;
    }

    /**
     * @param rounds noisy rounds per block of a built-in model; not set: the distance.
     * @return this context.
     */
    public NodeContext rounds(final int rounds)
    {
        this.rounds = rounds;
        return this;
    }

    /**
     * @param p the built-in model's error probability, in (0, 0.5).
     * @return this context.
     */
    public NodeContext p(final double p)
    {
        this.p = p;
        return this;
    }

    /**
     * @param growth cluster growth.
     * @return this context.
     */
    public NodeContext growth(final DecoderMode growth)
    {
        this.growth = growth;
        return this;
    }

    /** @return cluster growth. */
    public DecoderMode growth()
    {
        return growth;
    }

    /**
     * @param window auto, batch or W,C; see {@link BlockDecoders}.
     * @return this context.
     */
    public NodeContext window(final String window)
    {
        this.window = window;
        return this;
    }

    /** @return the decode window setting. */
    public String window()
    {
        return window;
    }

    /**
     * @param channel Aeron channel of the hardware's rounds.
     * @param stream  their stream.
     * @return this context.
     */
    public NodeContext in(final String channel, final int stream)
    {
        this.inChannel = channel;
        this.inStream = stream;
        return this;
    }

    /**
     * @param channel Aeron channel of the node's states.
     * @param stream  their stream.
     * @return this context.
     */
    public NodeContext out(final String channel, final int stream)
    {
        this.outChannel = channel;
        this.outStream = stream;
        return this;
    }

    /** @return the channel of the rounds in. */
    public String inChannel()
    {
        return inChannel;
    }

    /** @return the stream of the rounds in. */
    public int inStream()
    {
        return inStream;
    }

    /** @return the channel of the states out. */
    public String outChannel()
    {
        return outChannel;
    }

    /** @return the stream of the states out. */
    public int outStream()
    {
        return outStream;
    }

    /**
     * @param idle the hot thread's idle strategy by name (see {@link IdleStrategies}).
     * @return this context.
     */
    public NodeContext idle(final String idle)
    {
        this.idle = idle;
        return this;
    }

    /** @return the idle strategy's name. */
    public String idle()
    {
        return idle;
    }

    /** @return the hot thread's idle strategy, once concluded. */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * @param sources hardware sources whose sequences the validator tracks.
     * @return this context.
     */
    public NodeContext maxSources(final int sources)
    {
        this.maxSources = sources;
        return this;
    }

    /** @return hardware sources whose sequences the validator tracks. */
    public int maxSources()
    {
        return maxSources;
    }

    /**
     * @param bytes the telemetry ring's capacity, a power of two.
     * @return this context.
     */
    public NodeContext telemetryCapacity(final int bytes)
    {
        this.telemetryCapacity = bytes;
        return this;
    }

    /**
     * @param journal the journal's settings; null for none.
     * @return this context.
     */
    public NodeContext journal(final JournalConfig journal)
    {
        this.journal = journal;
        return this;
    }

    /** @return the journal's settings, or null for none. */
    public JournalConfig journal()
    {
        return journal;
    }

    /**
     * @param cpu the CPU the hot thread gets to itself; {@link #PIN_NONE} for none.
     * @return this context.
     */
    public NodeContext pinCpu(final int cpu)
    {
        this.pinCpu = cpu;
        return this;
    }

    /** @return the hot thread's CPU, or {@link #PIN_NONE}. */
    public int pinCpu()
    {
        return pinCpu;
    }

    /**
     * @param threads decode threads, 0..{@value #MAX_DECODE_THREADS}: 0 decodes on the hot thread; N hands block k
     *                to thread k mod N and folds the results in block order.
     * @return this context.
     */
    public NodeContext decodeThreads(final int threads)
    {
        this.decodeThreads = threads;
        return this;
    }

    /** @return decode threads; 0 decodes on the hot thread. */
    public int decodeThreads()
    {
        return decodeThreads;
    }

    /**
     * @param cpu decode thread k runs on CPU cpu + k; {@link #PIN_NONE} for none.
     * @return this context.
     */
    public NodeContext decodePinCpu(final int cpu)
    {
        this.decodePinCpu = cpu;
        return this;
    }

    /** @return the first decode thread's CPU, or {@link #PIN_NONE}. */
    public int decodePinCpu()
    {
        return decodePinCpu;
    }

    /**
     * @param rounds backlog bound in rounds (0, the default: never shed; {@link #BACKLOG_LIMIT_AUTO}: {@value
     *               #BACKLOG_BLOCKS_DEFAULT} blocks' rounds, what the live commands ask for unless told).
     * @return this context.
     */
    public NodeContext backlogLimit(final int rounds)
    {
        this.backlogLimit = rounds;
        return this;
    }

    /** @return the backlog bound in rounds, the default resolved for the code; 0: never shed. */
    public long backlogLimitRounds()
    {
        return backlogLimit == BACKLOG_LIMIT_AUTO ? (long)BACKLOG_BLOCKS_DEFAULT * code().rounds().roundCount() :
            backlogLimit;
    }

    // ---- what a wiring site hands in ----

    /**
     * @param subscription where the rounds arrive; null when frames are handed to the agent directly.
     * @return this context.
     */
    public NodeContext subscription(final Subscription subscription)
    {
        this.subscription = subscription;
        return this;
    }

    /** @return where the rounds arrive, or null. */
    public Subscription subscription()
    {
        return subscription;
    }

    /**
     * @param sender the next hop; required.
     * @return this context.
     */
    public NodeContext sender(final FrameSender sender)
    {
        this.sender = sender;
        return this;
    }

    /** @return the next hop. */
    public FrameSender sender()
    {
        return sender;
    }

    /**
     * @param counters the node's counters; default: in memory.
     * @return this context.
     */
    public NodeContext counters(final NodeCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** @return the node's counters. */
    public NodeCounters counters()
    {
        return counters;
    }

    /**
     * @param counters the validator's counters, one per outcome; default: in memory.
     * @return this context.
     */
    public NodeContext frameCounters(final FrameCounters counters)
    {
        this.frameCounters = counters;
        return this;
    }

    /** @return the validator's counters. */
    public FrameCounters frameCounters()
    {
        return frameCounters;
    }

    /**
     * @param log told about the first rejection of each kind; default: nothing.
     * @return this context.
     */
    public NodeContext rejectionLog(final RejectionLog log)
    {
        this.rejectionLog = log;
        return this;
    }

    /** @return told about the first rejection of each kind. */
    public RejectionLog rejectionLog()
    {
        return rejectionLog;
    }

    /**
     * @param clock the hot thread's clock; default: the system's.
     * @return this context.
     */
    public NodeContext clock(final NanoClock clock)
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
     * @param recorder receives the time spent on every round that does not end a block; default: a new one.
     * @return this context.
     */
    public NodeContext roundRecorder(final SingleWriterRecorder recorder)
    {
        this.roundRecorder = recorder;
        return this;
    }

    /** @return receives the time spent on every round that does not end a block. */
    public SingleWriterRecorder roundRecorder()
    {
        return roundRecorder;
    }

    /**
     * @param recorder receives every round's transit from the hardware's emit time (same host clock only); null for
     *                 none, the default.
     * @return this context.
     */
    public NodeContext ingressRecorder(final SingleWriterRecorder recorder)
    {
        this.ingressRecorder = recorder;
        return this;
    }

    /** @return receives every round's transit, or null. */
    public SingleWriterRecorder ingressRecorder()
    {
        return ingressRecorder;
    }

    /**
     * @param telemetry the ring to the telemetry thread; default: a new one of the configured capacity.
     * @return this context.
     */
    public NodeContext telemetry(final BlockTelemetry telemetry)
    {
        this.telemetry = telemetry;
        return this;
    }

    /** @return the ring to the telemetry thread. */
    public BlockTelemetry telemetry()
    {
        return telemetry;
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "node %d, %s, decoder=%s, window=%s, in=%s stream=%d, out=%s stream=%d, " +
            "idle=%s%s%s", nodeId, code, growth.cliName(), window, inChannel, inStream,
            outChannel, outStream, idle, pinCpu == PIN_NONE ? "" : ", hot thread on CPU " + pinCpu,
            decodeThreads == 0 ? "" : ", decode threads=" + decodeThreads +
            (decodePinCpu == PIN_NONE ? "" : " from CPU " + decodePinCpu));
    }
}
