package io.qecnode.node.cli;

import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.pipeline.BlockDecoders;
import io.qecnode.node.pipeline.NodeContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code run} command's settings: a properties file whose keys are the long option names without dashes, and
 * the flags, which win over it.
 */
public final class RunOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private static final Set<String> KEYS = keys(NodeContext.NODE_PROP, NodeContext.MODEL_PROP, NodeContext.DEM_PROP,
        NodeContext.DISTANCE_PROP, NodeContext.ROUNDS_PROP, NodeContext.P_PROP, NodeContext.IN_CHANNEL_PROP,
        NodeContext.IN_STREAM_PROP, NodeContext.OUT_CHANNEL_PROP, NodeContext.OUT_STREAM_PROP,
        NodeContext.DECODER_PROP, NodeContext.WINDOW_PROP, NodeContext.IDLE_PROP, "aeron-dir", "embedded-dir", "report",
        NodeContext.PIN_PROP, NodeContext.DECODE_THREADS_PROP, NodeContext.DECODE_PIN_PROP,
        NodeContext.BACKLOG_LIMIT_PROP);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of the settings below.")
    private Path config;

    @Option(names = "--node", paramLabel = "ID", description = "This node's id, >= 0. Default: " + NodeContext.NODE_ID_DEFAULT + ".")
    private String node;

    @Option(names = "--model", paramLabel = "MODEL",
        description = "Built-in noise model: code-capacity or phenomenological. Default: " +
            NodeContext.MODEL_DEFAULT + ".")
    private String model;

    @Option(names = "--dem", paramLabel = "FILE", description = "Stim DEM to decode with, instead of --model.")
    private String dem;

    @Option(names = {"--distance", "-d"}, paramLabel = "D", description = OptionDefaults.DISTANCE_DESCRIPTION)
    private String distance;

    @Option(names = "--rounds", paramLabel = "R",
        description = "Noisy rounds per block, 1.." + Ranges.MAX_ROUNDS + ". Default: d.")
    private String rounds;

    @Option(names = {"--p", "-p"}, paramLabel = "P",
        description = "Error probability of the built-in model, for edge weights, in (0, 0.5). Default: " +
            NodeContext.P_DEFAULT + ".")
    private String p;

    @Option(names = "--in-channel", paramLabel = "CHANNEL", description = "Rounds in. Default: " +
        NodeContext.CHANNEL_DEFAULT + ".")
    private String inChannel;

    @Option(names = "--in-stream", paramLabel = "ID", description = "Stream of the rounds. Default: " +
        NodeContext.ROUNDS_STREAM_DEFAULT + ".")
    private String inStream;

    @Option(names = "--out-channel", paramLabel = "CHANNEL", description = "States out. Default: " +
        NodeContext.CHANNEL_DEFAULT + ".")
    private String outChannel;

    @Option(names = "--out-stream", paramLabel = "ID", description = "Stream of the states. Default: " +
        NodeContext.STATES_STREAM_DEFAULT + ".")
    private String outStream;

    @Option(names = "--decoder", paramLabel = "NAME",
        description = "Decoder: " + DecoderModeConverter.MODES + ". Default: " +
            DecoderModeConverter.DEFAULT_NAME + ".")
    private String decoder;

    @Option(names = "--window", paramLabel = "W,C", description = BlockDecoders.DESCRIPTION)
    private String window;

    @Option(names = "--idle", paramLabel = "STRATEGY",
        description = "Hot thread idle strategy: " + IdleStrategies.NAMES + ". Default: " + NodeContext.IDLE_DEFAULT + ".")
    private String idle;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = OptionDefaults.AERON_DIR_DESCRIPTION)
    private String aeronDir;

    @Option(names = "--embedded-dir", paramLabel = "DIR",
        description = "Directory of the embedded driver: new, empty, or a dead driver's (taken over). A directory " +
            "with other files or a live driver is refused. Default: a fresh one under /dev/shm.")
    private String embeddedDir;

    @Option(names = "--report", paramLabel = "DURATION",
        description = "Report interval, 100ms..24h, with its unit. Default: " + RunCommand.REPORT_DEFAULT + ".")
    private String report;

    @Option(names = "--pin", paramLabel = "CPU",
        description = "Give the hot thread this CPU to itself (Linux): every other thread of the process moves to " +
            "the other CPUs. Default: no pinning.")
    private String pin;

    @Option(names = "--decode-threads", paramLabel = "N", description = OptionDefaults.DECODE_THREADS_DESCRIPTION)
    private String decodeThreads;

    @Option(names = "--decode-pin", paramLabel = "CPU",
        description = "Run decode thread k on CPU CPU+k (Linux). Default: no pinning.")
    private String decodePin;

    @Option(names = "--backlog-limit", paramLabel = "ROUNDS", description = OptionDefaults.BACKLOG_LIMIT_DESCRIPTION)
    private String backlogLimit;

    @Option(names = "--topology", paramLabel = "FILE",
        description = "Run node --node of the repeater chain this topology file describes (see 'chain'): its code, " +
            "neighbours and endpoints come from the file, so the decoding, channel and journal options do not go " +
            "with it. No journal: every patch starts fresh each epoch, so a restarted node misses only the epochs " +
            "it was down for (flagged failed or incomplete at B). Idle default in this mode: backoff.")
    private Path topology;

    @Option(names = "--role", paramLabel = "ROLE",
        description = "With --topology: end or repeater, checked against the node's place in the chain.")
    private String role;

    @Mixin
    private JournalOptions journalOptions;

    /** @return the topology file, or null for a memory node. */
    Path topology()
    {
        return topology;
    }

    /** @return the role the command line says, or null. */
    String role()
    {
        return role;
    }

    /** @return true if a --config file was given. */
    boolean hasConfig()
    {
        return config != null;
    }

    // The config file first, then every flag given on the command line over it.
    Properties settings()
    {
        final Properties settings = new Properties();
        if (config != null)
        {
            try (InputStream in = Files.newInputStream(config))
            {
                settings.load(in);
            }
            catch (final IOException ex)
            {
                throw new CommandFailure("cannot read the config file (" + CliErrors.reason(ex) + "), --config=" +
                    config, ex);
            }
            for (final String key : settings.stringPropertyNames())
            {
                if (!KEYS.contains(key))
                {
                    throw new ParameterException(spec.commandLine(), "unknown setting '" + key + "' (known: " +
                        String.join(", ", KEYS) + "), --config=" + config);
                }
            }
        }
        put(settings, "node", node);
        put(settings, "model", model);
        put(settings, "dem", dem);
        put(settings, "distance", distance);
        put(settings, "rounds", rounds);
        put(settings, "p", p);
        put(settings, "in-channel", inChannel);
        put(settings, "in-stream", inStream);
        put(settings, "out-channel", outChannel);
        put(settings, "out-stream", outStream);
        put(settings, "decoder", decoder);
        put(settings, "window", window);
        put(settings, "idle", idle);
        put(settings, "aeron-dir", aeronDir);
        put(settings, "embedded-dir", embeddedDir);
        put(settings, "report", report);
        put(settings, "pin", pin);
        put(settings, NodeContext.DECODE_THREADS_PROP, decodeThreads);
        put(settings, NodeContext.DECODE_PIN_PROP, decodePin);
        put(settings, NodeContext.BACKLOG_LIMIT_PROP, backlogLimit);
        journalOptions.putInto(settings);
        return settings;
    }

    private static void put(final Properties settings, final String key, final String value)
    {
        if (value != null)
        {
            settings.setProperty(key, value);
        }
    }

    private static Set<String> keys(final String... keys)
    {
        final Set<String> all = new TreeSet<>(Arrays.asList(keys));
        all.addAll(JournalOptions.KEYS);
        return all;
    }

}
