package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns a Stim format name ({@code 01}, {@code b8}, {@code dets}, {@code r8}, {@code hits}, {@code ptb64}) into a
 * {@link ShotFormat}; an unknown name is a usage error that lists the accepted ones.
 */
public final class ShotFormatConverter implements ITypeConverter<ShotFormat>
{
    /**
     * @param name the format name as given on the command line, in any case.
     * @return the format.
     * @throws TypeConversionException naming the accepted formats when the name is not one.
     */
    @Override
    public ShotFormat convert(final String name)
    {
        try
        {
            return ShotFormat.fromStimName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
