package io.qecnode.node.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks on a file an offline command is about to write, made before any work so that a typo costs no decode.
 */
public final class OutputFiles
{
    private OutputFiles()
    {
    }

    /**
     * @param label  the option and file, as {@code "--out=p.01"}, to start the message with.
     * @param file   the output about to be written.
     * @param inputs files the run reads; {@link DecodeSettings#STANDARD_STREAM} and missing ones are skipped.
     * @throws DecodeFailure when the output is one of the inputs, which writing it would destroy.
     */
    public static void refuseOverwritingAnInput(final String label, final Path file, final List<Path> inputs)
        throws DecodeFailure
    {
        if (!Files.exists(file))
        {
            return;
        }
        for (final Path input : inputs)
        {
            try
            {
                if (!DecodeSettings.isStandardStream(input) && Files.exists(input) && Files.isSameFile(file, input))
                {
                    throw new DecodeFailure(label + ": the output is also an input and would be overwritten: " +
                        "input=" + input);
                }
            }
            catch (final IOException ex)
            {
                throw ShotFiles.failure(label, "cannot compare with the inputs", ex);
            }
        }
    }
}
