package io.qecnode.node.cli;

import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.offline.OutputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A file that gets a command's one result line, such as {@code count_mistakes --out}: checked before the decode so
 * that a typo costs no run (pymatching opens it first too), written whole after it, and deleted again if that write
 * fails, so that a half-written result never passes for one.
 */
final class ResultLineFile
{
    private final String label;
    private final Path file;

    private ResultLineFile(final String label, final Path file)
    {
        this.label = label;
        this.file = file;
    }

    /**
     * @param option the option that named the file, for messages.
     * @param file   where the line goes.
     * @param inputs files the run reads, which the line must not replace.
     * @return the file, checked.
     * @throws CommandFailure when the file is a directory, its directory is missing, or it is an input.
     */
    static ResultLineFile check(final String option, final Path file, final List<Path> inputs)
    {
        final String label = option + "=" + file;
        final Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file))
        {
            throw new CommandFailure("cannot write file: reason=is a directory, " + label);
        }
        if (parent != null && !Files.isDirectory(parent))
        {
            throw new CommandFailure("cannot write file: reason=no such directory, " + label);
        }
        try
        {
            OutputFiles.refuseOverwritingAnInput(label, file, inputs);
        }
        catch (final DecodeFailure ex)
        {
            throw new CommandFailure(ex.getMessage(), ex);
        }
        return new ResultLineFile(label, file);
    }

    /**
     * @param text the whole content, e.g. {@code "3 / 512\n"}.
     * @throws CommandFailure when the file cannot be written; what was begun is deleted.
     */
    void write(final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            deletePlainFile();
            throw new CommandFailure("cannot write file: reason=" + CliErrors.reason(ex) + ", " + label, ex);
        }
    }

    private void deletePlainFile()
    {
        try
        {
            // A device or pipe named as the output is not ours to remove.
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
            {
                Files.delete(file);
            }
        }
        catch (final IOException ignored)
        {
            // The write failed with its own, more useful message.
        }
    }
}
