package io.qecnode.node.cli;

import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.decoder.window.WindowConfig;
import io.qecnode.node.pipeline.BatchBlockDecoder;
import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.node.pipeline.StreamingBlockDecoder;
import io.qecnode.decoder.code.CodeDescription;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.function.Supplier;

/**
 * The {@code --window} setting: {@code auto} (the default), {@code batch}, or {@code W,C}: window and commit rounds.
 */
public final class WindowOption
{
    /** The default: the window {@link StreamingBlockDecoder#autoWindow} picks for the code. */
    public static final String AUTO = "auto";

    /** What the option's help says. */
    public static final String DESCRIPTION = "Streaming decode window: auto (commit (d-1)/2 rounds with (d+1)/2 " +
        "rounds of lookahead), batch (decode each block when it ends), or W,C (window and commit rounds). " +
        "Default: " + AUTO + ".";

    private WindowOption()
    {
    }

    /**
     * @param spec   the command, for errors.
     * @param value  the option's text.
     * @param code   the code decoded.
     * @param growth cluster growth.
     * @return a factory of block decoders.
     * @throws ParameterException when the text or the window is not valid for the code.
     */
    public static Supplier<BlockDecoder> decoders(
        final CommandSpec spec, final String value, final CodeDescription code, final UnionFindDecoder.Growth growth)
    {
        final String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        if ("batch".equals(text))
        {
            return () -> new BatchBlockDecoder(code.graph(), code.rounds(), growth);
        }
        final WindowConfig config;
        try
        {
            if (AUTO.equals(text))
            {
                config = StreamingBlockDecoder.autoWindow(code.distance(), code.rounds().roundCount(), growth);
            }
            else
            {
                final String[] parts = text.split(",");
                if (parts.length != 2)
                {
                    throw new IllegalArgumentException("expected auto, batch or W,C: " + value);
                }
                config = WindowConfig.of(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()))
                    .growth(growth);
            }
            // Build one now so that a window the code cannot use fails before anything starts.
            new StreamingBlockDecoder(code.graph(), code.rounds(), config);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "not a whole number, --window=" + value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage() + ", --window=" + value);
        }
        return () -> new StreamingBlockDecoder(code.graph(), code.rounds(), config);
    }
}
