package io.qecnode.node.harness;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.cli.CodeOptions;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.cli.DecoderModeConverter;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.cli.JournalOptions;
import io.qecnode.node.cli.OptionDefaults;
import io.qecnode.node.cli.Ranges;
import io.qecnode.node.pipeline.BlockDecoders;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.faults.FaultPlan;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The whole-chain pipeline as every command that runs one takes it: code (model, distance, block length, p, or a
 * DEM), round period, chain length, channel, threads, hot idle strategy, decoder, window, faults, seed.
 */
public final class PipelineOptions
{
    /** What {@code --channel udp} stands for: UDP on localhost. */
    public static final String UDP_LOCALHOST = "aeron:udp?endpoint=localhost:24580";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Mixin
    private CodeOptions codeOptions;

    @Option(names = "--period", defaultValue = OptionDefaults.PERIOD, paramLabel = "DURATION",
        descriptionKey = "period", description = "Round period, with its unit (500ns, 1us, 1ms), at most 1s; 0 for as fast as possible. " +
            "Default: ${DEFAULT-VALUE}.")
    private String period;

    @Option(names = "--nodes", defaultValue = "2", paramLabel = "N",
        description = "Nodes in the chain, 1.." + Ranges.MAX_NODES + ": the first decodes, the others relay. " +
            "Default: ${DEFAULT-VALUE}.")
    private int nodes;

    @Option(names = "--channel", defaultValue = OptionDefaults.CHANNEL, paramLabel = "CHANNEL",
        description = "Aeron channel of every hop, e.g. aeron:udp?endpoint=localhost:24580; the shorthands ipc and " +
            "udp (UDP on localhost) are accepted. Default: ${DEFAULT-VALUE}.")
    private String channel;

    @Option(names = "--threads", paramLabel = "N",
        description = "Working threads: 1 runs every agent on the node's busy-spinning hot thread; 2 gives the node " +
            "a thread of its own and runs the simulator, relays and sink on a second, yielding one. Default: 1 on " +
            "machines with fewer than 4 cores, else 2.")
    private Integer threads;

    @Option(names = "--idle", defaultValue = OptionDefaults.IDLE, paramLabel = "STRATEGY",
        description = "Idle strategy of the hot thread: " + IdleStrategies.NAMES + ". Default: ${DEFAULT-VALUE}.")
    private String idle;

    @Option(names = "--decoder", defaultValue = DecoderModeConverter.DEFAULT_NAME, paramLabel = "NAME",
        converter = DecoderModeConverter.class,
        description = "Decoder: " + DecoderModeConverter.MODES + ". Default: ${DEFAULT-VALUE}.")
    private DecoderMode growth;

    @Option(names = "--window", defaultValue = BlockDecoders.AUTO, paramLabel = "W,C",
        description = BlockDecoders.DESCRIPTION)
    private String window;

    @Option(names = "--faults", defaultValue = "none", paramLabel = "PLAN",
        description = "Faults the simulator injects (see 'sim --help'; simulate's repeater chain takes its own " +
            "plan, see 'simulate --help'). Default: ${DEFAULT-VALUE}.")
    private String faults;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--pin", paramLabel = "CPU",
        description = "Give the hot thread this CPU to itself (Linux): every other thread of the process moves to " +
            "the other CPUs. Default: no pinning.")
    private Integer pin;

    @Option(names = "--decode-threads", defaultValue = "0", paramLabel = "N",
        description = OptionDefaults.DECODE_THREADS_DESCRIPTION)
    private int decodeThreads;

    // Unpaced (--period 0), there is no round rate to hold: no shedding unless a bound is given.
    @Option(names = "--backlog-limit", paramLabel = "ROUNDS", description = OptionDefaults.BACKLOG_LIMIT_DESCRIPTION)
    private Integer backlogLimit;

    @Mixin
    private JournalOptions journalOptions;

    /** @return the fault plan as given, to be read by whoever runs it. */
    public String faults()
    {
        return faults;
    }

    /** @return the code. */
    public CodeDescription code()
    {
        return codeOptions.code();
    }

    /** @return the round period in nanoseconds. */
    public long periodNs()
    {
        return Durations.nanos(spec, "--period", period, 0, TimeUnit.SECONDS.toNanos(1));
    }

    /** @return the Aeron channel of every hop: the URI given, or the one a shorthand stands for. */
    public String channel()
    {
        switch (channel)
        {
            case "ipc":
                return NodeContext.CHANNEL_DEFAULT;
            case "udp":
                return UDP_LOCALHOST;
            default:
                if (!channel.startsWith("aeron:ipc") && !channel.startsWith("aeron:udp?"))
                {
                    throw new ParameterException(spec.commandLine(), "must be an Aeron channel (aeron:ipc, " +
                        "aeron:udp?endpoint=host:port) or the shorthand ipc or udp, --channel=" + channel);
                }
                return channel;
        }
    }

    /**
     * @param code     the code, from {@link #code()}.
     * @param listener sees every state at the sink.
     * @return the pipeline configuration: the simulated hardware's context and the decoding node's.
     * @throws ParameterException naming the option at fault.
     */
    public PipelineConfig config(final CodeDescription code, final SinkAgent.StateListener listener)
    {
        Ranges.check(spec, "--nodes", nodes, 1, Ranges.MAX_NODES);
        if (threads != null)
        {
            Ranges.check(spec, "--threads", threads, 1, 2);
        }
        final FaultPlan plan;
        try
        {
            plan = FaultPlan.parse(faults);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --faults=" + faults);
        }
        final SimulatorContext hardware = new SimulatorContext().code(code).periodNs(periodNs()).faults(plan)
            .seed(seed).out(channel(), NodeContext.ROUNDS_STREAM_DEFAULT);
        final JournalConfig journal = journalOptions.config(spec);
        // Unpaced hardware has no rate to hold, and replay could not reproduce a shed block: never shed by default
        // then, hold the rate otherwise.
        final int backlogDefault = periodNs() == 0 || journal != null ? 0 : NodeContext.BACKLOG_LIMIT_AUTO;
        final NodeContext node = codeOptions.applyTo(new NodeContext()).code(code).growth(growth).window(window)
            .idle(idle).journal(journal).pinCpu(pin == null ? NodeContext.PIN_NONE : pin)
            .decodeThreads(Ranges.check(spec, "--decode-threads", decodeThreads, 0, NodeContext.MAX_DECODE_THREADS))
            .backlogLimit(backlogLimit != null ? Ranges.check(spec, "--backlog-limit", backlogLimit, 0,
            Integer.MAX_VALUE) : backlogDefault);
        // Checked now, before anything starts; the chain's wiring concludes it again with its resources.
        ConfigErrors.checked(spec, () -> hardware.conclude() != null && node.checkSettings() != null);
        final boolean shared = threads == null ? PipelineConfig.fewCores() : threads == 1;
        return new PipelineConfig(hardware, node, nodes, new YieldingIdleStrategy(), shared, listener, 0);
    }

    /**
     * @param code a link's code.
     * @return the decoding settings of a patch on that link: the code, the decoder growth and window.
     */
    public NodeContext decoding(final CodeDescription code)
    {
        return codeOptions.applyTo(new NodeContext()).code(code).growth(growth).window(window).idle(idle);
    }

    /** @return the hardware's seed. */
    public long seed()
    {
        return seed;
    }

    /**
     * @return true when every agent runs on one thread: {@code --threads 1}, or by default on a machine with few
     * cores.
     * @throws ParameterException naming {@code --threads} if out of range.
     */
    public boolean sharedThread()
    {
        if (threads != null)
        {
            Ranges.check(spec, "--threads", threads, 1, 2);
        }
        return threads == null ? PipelineConfig.fewCores() : threads == 1;
    }

    /** @return the hot thread's idle strategy, by its name. */
    public IdleStrategy hotIdle()
    {
        return IdleStrategies.of(idle);
    }

    /** @return the round period as given, e.g. {@code 1us}. */
    public String period()
    {
        return period;
    }

    /** @return the decoder growth's name and the window, as a report prints them. */
    public String decoderLine()
    {
        return "decoder=" + growth.cliName() + ", window=" + window + ", idle=" + idle;
    }

    /**
     * @param config the configuration these options made.
     * @return one line naming what runs, for the head of a report.
     */
    public String describe(final PipelineConfig config)
    {
        return String.format(Locale.ROOT, "%s, period=%s, nodes=%d, channel=%s, decoder=%s, window=%s, faults=%s, " +
            "threads=%d, idle=%s%s, decode threads=%d, backlog limit=%d rounds", config.code(), period,
            config.nodes(), channel, growth.cliName(), window, config.hardware().faults(),
            config.sharedThread() ? 1 : 2, idle,
            config.hotCpu() != NodeContext.PIN_NONE ? ", hot thread on CPU " + config.hotCpu() : "",
            config.node().decodeThreads(), config.node().backlogLimitRounds());
    }
}
