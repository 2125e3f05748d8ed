package io.qecnode.node.cli;

import io.qecnode.node.pipeline.NodeContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * A node's settings as key=value pairs (a config file's keys are the long option names), read into a
 * {@link NodeContext} with clear errors that name the key as its option. A journal records the decoding ones
 * ({@link NodeContext#decodingSettings()}), which a replay reads back the same way.
 */
public final class NodeSettings
{
    private final CommandSpec spec;
    private final Properties values;

    /**
     * @param spec   the command, for errors.
     * @param values the settings by key.
     */
    public NodeSettings(final CommandSpec spec, final Properties values)
    {
        this.spec = spec;
        this.values = values;
    }

    /**
     * @param spec the command, for errors.
     * @param text settings as a journal records them.
     * @return the settings.
     */
    static NodeSettings parse(final CommandSpec spec, final String text)
    {
        final Properties values = new Properties();
        try
        {
            values.load(new StringReader(text));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("reading a string", ex);
        }
        return new NodeSettings(spec, values);
    }

    String get(final String key, final String defaultValue)
    {
        return values.getProperty(key, defaultValue);
    }

    /**
     * Set every node setting given; what is absent keeps the context's default.
     *
     * @param context receives the settings.
     * @return the context, its settings checked (what the wiring site hands in is left open).
     * @throws ParameterException naming the key for a value that is not of its type or out of range.
     * @throws CommandFailure     for a DEM that cannot be read.
     */
    NodeContext applyTo(final NodeContext context)
    {
        if (isGiven(NodeContext.NODE_PROP))
        {
            context.nodeId(integer(NodeContext.NODE_PROP));
        }
        context.model(values.getProperty(NodeContext.MODEL_PROP));
        if (isGiven(NodeContext.DEM_PROP))
        {
            context.dem(Paths.get(values.getProperty(NodeContext.DEM_PROP)));
        }
        if (isGiven(NodeContext.DISTANCE_PROP))
        {
            context.distance(integer(NodeContext.DISTANCE_PROP));
        }
        if (isGiven(NodeContext.ROUNDS_PROP))
        {
            context.rounds(integer(NodeContext.ROUNDS_PROP));
        }
        if (isGiven(NodeContext.P_PROP))
        {
            context.p(number(NodeContext.P_PROP));
        }
        if (isGiven(NodeContext.DECODER_PROP))
        {
            try
            {
                context.growth(new DecoderModeConverter().convert(values.getProperty(NodeContext.DECODER_PROP)));
            }
            catch (final RuntimeException ex)
            {
                throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --" + NodeContext.DECODER_PROP +
                    "=" + values.getProperty(NodeContext.DECODER_PROP));
            }
        }
        context.window(values.getProperty(NodeContext.WINDOW_PROP, NodeContext.WINDOW_DEFAULT));
        context.in(values.getProperty(NodeContext.IN_CHANNEL_PROP, NodeContext.CHANNEL_DEFAULT),
            isGiven(NodeContext.IN_STREAM_PROP) ? integer(NodeContext.IN_STREAM_PROP) :
            NodeContext.ROUNDS_STREAM_DEFAULT);
        context.out(values.getProperty(NodeContext.OUT_CHANNEL_PROP, NodeContext.CHANNEL_DEFAULT),
            isGiven(NodeContext.OUT_STREAM_PROP) ? integer(NodeContext.OUT_STREAM_PROP) :
            NodeContext.STATES_STREAM_DEFAULT);
        context.idle(values.getProperty(NodeContext.IDLE_PROP, NodeContext.IDLE_DEFAULT));
        if (isGiven(NodeContext.PIN_PROP))
        {
            context.pinCpu(Ranges.check(spec, "--" + NodeContext.PIN_PROP, integer(NodeContext.PIN_PROP), 0,
                Integer.MAX_VALUE));
        }
        if (isGiven(NodeContext.DECODE_THREADS_PROP))
        {
            context.decodeThreads(integer(NodeContext.DECODE_THREADS_PROP, "0", 0, NodeContext.MAX_DECODE_THREADS));
        }
        if (isGiven(NodeContext.DECODE_PIN_PROP))
        {
            context.decodePinCpu(integer(NodeContext.DECODE_PIN_PROP, "0", 0, Integer.MAX_VALUE));
        }
        if (isGiven(NodeContext.BACKLOG_LIMIT_PROP))
        {
            context.backlogLimit(integer(NodeContext.BACKLOG_LIMIT_PROP, "0", 0, Integer.MAX_VALUE));
        }
        context.journal(JournalOptions.config(spec, this));
        return ConfigErrors.checked(spec, context::checkSettings);
    }

    /**
     * @return the whole number under the key, checked to lie in [min, max]; the error names it as its option.
     */
    int integer(final String key, final String defaultValue, final int min, final int max)
    {
        return Ranges.check(spec, "--" + key, isGiven(key) ? integer(key) : parseInt(key, defaultValue), min, max);
    }

    // Given as a flag or in the config file, 0 included, rather than left to its default.
    private boolean isGiven(final String key)
    {
        return values.getProperty(key) != null;
    }

    private int integer(final String key)
    {
        return parseInt(key, values.getProperty(key));
    }

    private int parseInt(final String key, final String text)
    {
        final String value = text.trim();
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a whole number, --" + key + "=" + value);
        }
    }

    private double number(final String key)
    {
        final String value = values.getProperty(key).trim();
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a number, --" + key + "=" + value);
        }
    }
}
