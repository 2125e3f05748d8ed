package io.qecnode.node.cli;

import io.qecnode.decoder.unionfind.DecoderMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns a decoder name ({@link DecoderMode#cliName()}, in any case) into the decoder mode it selects.
 */
public final class DecoderModeConverter implements ITypeConverter<DecoderMode>
{
    /** The name of {@link DecoderMode#DEFAULT}, for an option's default, which must be a constant. */
    public static final String DEFAULT_NAME = "weighted";

    /** What each decoder does, for the options' descriptions, which must be constants. */
    public static final String MODES = "unweighted (half-edge growth), weighted (edges as long as their weights), " +
        "exact-small (weighted, clusters of 3 to 10 defects corrected by exact minimum-weight matching) or correlated (weighted, decoded again with the edges that a Stim model's decomposed errors tie to the first " +
        "correction made lighter; as weighted without such a model)";

    /**
     * @param name the decoder name as given on the command line.
     * @return the mode it selects.
     * @throws TypeConversionException naming the accepted decoders when the name is not one.
     */
    @Override
    public DecoderMode convert(final String name)
    {
        final DecoderMode mode = DecoderMode.fromCliName(name);
        if (mode == null)
        {
            throw new TypeConversionException(
                "unknown decoder: name='" + name + "', accepted=" + DecoderMode.cliNames());
        }
        return mode;
    }
}
