package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.window.WindowConfig;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The block decoder a window setting asks for: {@value #AUTO} (streaming, shortest final window that keeps the
 * distance), {@value #BATCH} (decode each block when it ends), or {@code W,C} (streaming with W window rounds of which
 * the first C are committed).
 */
public final class BlockDecoders
{
    /** The streaming window chosen from the code: see {@link StreamingBlockDecoder#autoWindow}. */
    public static final String AUTO = "auto";

    /** Decode each block whole when its last round arrives. */
    public static final String BATCH = "batch";

    /** What the setting's help says. */
    public static final String DESCRIPTION = "Streaming decode window: auto (commit (d-1)/2 rounds with (d+1)/2 " +
        "rounds of lookahead), batch (decode each block when it ends), or W,C (window and commit rounds). " +
        "Default: auto.";

    private BlockDecoders()
    {
    }

    /**
     * @param window the setting's text.
     * @param code   the code decoded.
     * @param growth cluster growth.
     * @return a factory of block decoders, checked by building one.
     * @throws NodeConfigException naming the window setting when the text or the window does not fit the code.
     */
    public static Supplier<BlockDecoder> forWindow(
        final String window, final CodeDescription code, final DecoderMode growth)
    {
        final String text = window.trim().toLowerCase(Locale.ROOT);
        if (BATCH.equals(text))
        {
            return () -> new BatchBlockDecoder(code.graph(), code.rounds(), growth);
        }
        final WindowConfig config;
        try
        {
            config = AUTO.equals(text) ? StreamingBlockDecoder.autoWindow(code.distance(), code.rounds().roundCount(),
                growth) : explicit(text, growth);
            // Build one now so that a window the code cannot use fails before anything starts.
            new StreamingBlockDecoder(code.graph(), code.rounds(), config);
        }
        catch (final NumberFormatException ex)
        {
            throw new NodeConfigException("not a whole number", NodeContext.WINDOW_PROP, window);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new NodeConfigException(ex.getMessage(), NodeContext.WINDOW_PROP, window);
        }
        return () -> new StreamingBlockDecoder(code.graph(), code.rounds(), config);
    }

    private static WindowConfig explicit(final String text, final DecoderMode growth)
    {
        final String[] parts = text.split(",");
        if (parts.length != 2)
        {
            throw new IllegalArgumentException("expected auto, batch or W,C");
        }
        return WindowConfig.of(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())).growth(growth);
    }
}
