package io.qecnode.node.cli;

import io.qecnode.decoder.unionfind.UnionFindDecoder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * Turns a decoder name, {@code weighted} or {@code unweighted} in any case, into the union-find growth it selects.
 */
public final class GrowthConverter implements ITypeConverter<UnionFindDecoder.Growth>
{
    /** The name of {@link UnionFindDecoder#GROWTH_DEFAULT}, for an option's default, which must be a constant. */
    public static final String DEFAULT_NAME = "weighted";

    /**
     * @param name the decoder name as given on the command line.
     * @return the growth it selects.
     * @throws TypeConversionException naming the accepted decoders when the name is not one.
     */
    @Override
    public UnionFindDecoder.Growth convert(final String name)
    {
        for (final UnionFindDecoder.Growth growth : UnionFindDecoder.Growth.values())
        {
            if (growth.name().equalsIgnoreCase(name))
            {
                return growth;
            }
        }
        throw new TypeConversionException("unknown decoder: name='" + name + "', accepted=" + acceptedNames());
    }

    private static String acceptedNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final UnionFindDecoder.Growth growth : UnionFindDecoder.Growth.values())
        {
            names.append(names.length() > 0 ? ", " : "").append(growth.name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }
}
