package io.qecnode.node.cli;

import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.decoder.code.CodeDescription;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A node's settings as key=value pairs (a config file's keys are the long option names), read with clear errors
 * that name the key. The code and decoder settings also go into the journal, so that a replay rebuilds the same
 * decoder and a restart refuses a journal written for another code.
 */
public final class NodeSettings
{
    /** Settings that decide what the node decodes and how: a journal is only valid for the same values. */
    static final List<String> DECODING_KEYS = List.of("model", "dem", "distance", "rounds", "p", "decoder", "window");

    private final CommandSpec spec;
    private final Properties values;

    public NodeSettings(final CommandSpec spec, final Properties values)
    {
        this.spec = spec;
        this.values = values;
    }

    /**
     * @param spec the command, for errors.
     * @param text settings as written by {@link #decodingText()}.
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

    /** @return the code the node decodes, from model/dem, distance, rounds and p. */
    CodeDescription code()
    {
        // Absent means the default (5, or inferred from a DEM); any value given is checked, 0 included.
        final int d = integer("distance", "0");
        if (isGiven("distance"))
        {
            Ranges.distance(spec, "--distance", d);
        }
        final int noisyRounds = integer("rounds", "0");
        if (isGiven("rounds"))
        {
            Ranges.check(spec, "--rounds", noisyRounds, 1, Ranges.MAX_ROUNDS);
        }
        final double p = Ranges.probability(spec, "--p", number("p", "0.001"));
        try
        {
            if (values.getProperty("dem") != null)
            {
                return CodeDescription.fromDem(Paths.get(values.getProperty("dem")), d);
            }
            final int size = d == 0 ? 5 : d;
            return CodeDescription.builtIn(NoiseModel.fromCliName(values.getProperty("model", "phenomenological")),
                size, noisyRounds == 0 ? size : noisyRounds, p);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot read the DEM (" + CliErrors.reason(ex) + "), --dem=" +
                values.getProperty("dem"), ex);
        }
        catch (final DemFormatException ex)
        {
            throw new CommandFailure(ex.getMessage() + ", --dem=" + values.getProperty("dem"), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

    /** @return cluster growth, from decoder. */
    UnionFindDecoder.Growth growth()
    {
        try
        {
            return new GrowthConverter().convert(values.getProperty("decoder", GrowthConverter.DEFAULT_NAME));
        }
        catch (final RuntimeException ex)
        {
            throw new ParameterException(spec.commandLine(), "decoder: " + ex.getMessage());
        }
    }

    /**
     * @param code the code, from {@link #code()}.
     * @return the block decoders, from window and decoder.
     */
    Supplier<BlockDecoder> decoders(final CodeDescription code)
    {
        return WindowOption.decoders(spec, values.getProperty("window", WindowOption.AUTO), code, growth());
    }

    /** @return the hot thread's idle strategy, from idle. */
    IdleStrategy idleStrategy()
    {
        try
        {
            return IdleStrategies.of(values.getProperty("idle", OptionDefaults.IDLE));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "idle: " + ex.getMessage());
        }
    }

    /**
     * @return the decoding settings with their defaults filled in, one key=value line each in a fixed order: what a
     *         journal records and compares.
     */
    public String decodingText()
    {
        final CodeDescription code = code();
        final StringBuilder text = new StringBuilder();
        if (values.getProperty("dem") != null)
        {
            text.append("dem=").append(values.getProperty("dem")).append('\n');
        }
        else
        {
            text.append("model=").append(values.getProperty("model", "phenomenological")).append('\n');
            final int noisyRounds = integer("rounds", "0");
            text.append("rounds=").append(noisyRounds == 0 ? code.distance() : noisyRounds).append('\n');
            text.append("p=").append(number("p", "0.001")).append('\n');
        }
        text.append("distance=").append(code.distance()).append('\n');
        text.append("decoder=").append(values.getProperty("decoder", GrowthConverter.DEFAULT_NAME)).append('\n');
        text.append("window=").append(values.getProperty("window", WindowOption.AUTO)).append('\n');
        return text.toString();
    }

    /**
     * @return the whole number under the key, checked to lie in [min, max]; the error names it as its option.
     */
    int integer(final String key, final String defaultValue, final int min, final int max)
    {
        return Ranges.check(spec, "--" + key, integer(key, defaultValue), min, max);
    }

    // Given as a flag or in the config file, 0 included, rather than left to its default.
    private boolean isGiven(final String key)
    {
        return values.getProperty(key) != null;
    }

    int integer(final String key, final String defaultValue)
    {
        final String value = values.getProperty(key, defaultValue).trim();
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a whole number, --" + key + "=" + value);
        }
    }

    double number(final String key, final String defaultValue)
    {
        final String value = values.getProperty(key, defaultValue).trim();
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
