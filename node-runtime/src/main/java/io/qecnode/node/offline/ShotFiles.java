package io.qecnode.node.offline;

import io.qecnode.decoder.shots.B8Files;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotFormatException;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the inputs of an offline decode and words what goes wrong with them as one-line {@link DecodeFailure}s. Each
 * file is named by a label, the option that gave it and its path ({@code "--in=dets.b8"}), since the user knows the
 * file by the flag they typed.
 */
final class ShotFiles
{
    static final String DEM_OPTION = "--dem";
    static final String IN_OPTION = "--in";
    static final String OUT_OPTION = "--out";
    static final String OBS_IN_OPTION = "--obs_in";

    private ShotFiles()
    {
    }

    static String label(final String option, final Path file)
    {
        return option + "=" + file;
    }

    /**
     * @return a reader over the file, or over standard input for {@link DecodeSettings#STANDARD_STREAM}.
     */
    static ShotReader openReader(
        final String label,
        final Path file,
        final ShotFormat format,
        final ShotLayout layout,
        final InputStream standardIn) throws DecodeFailure
    {
        if (format == ShotFormat.B8 && layout.bitCount() == 0)
        {
            throw new DecodeFailure(label + ": b8 cannot hold records of zero bits, as the model gives: layout=" +
                layout + "; use the 01 or dets format");
        }
        return ShotReader.open(format, openInput(label, file, standardIn), layout);
    }

    static InputStream openInput(final String label, final Path file, final InputStream standardIn)
        throws DecodeFailure
    {
        if (DecodeSettings.isStandardStream(file))
        {
            return standardIn;
        }
        // Opening a directory succeeds on Linux and only the first read fails, with a vaguer message.
        if (Files.isDirectory(file))
        {
            throw new DecodeFailure(label + ": cannot read file: reason=is a directory");
        }
        try
        {
            return Files.newInputStream(file);
        }
        catch (final IOException ex)
        {
            throw failure(label, "cannot read file", ex);
        }
    }

    /**
     * @return shots in the file from its size when it is a regular b8 file, else {@link OfflineDecode#SHOTS_UNKNOWN}.
     */
    static long b8ShotCount(final String label, final Path file, final ShotFormat format, final ShotLayout layout)
        throws DecodeFailure
    {
        // A pipe or device has no size to go by; a missing file is reported when it is opened.
        if (format != ShotFormat.B8 || layout.bitCount() == 0 || DecodeSettings.isStandardStream(file) ||
            !Files.isRegularFile(file))
        {
            return OfflineDecode.SHOTS_UNKNOWN;
        }
        try
        {
            return B8Files.shotCount(Files.size(file), layout);
        }
        catch (final ShotFormatException ex)
        {
            throw new DecodeFailure(label + ": " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw failure(label, "cannot read file", ex);
        }
    }

    /** Shot data that breaks its format keeps the reader's own message; any other I/O failure is worded here. */
    static DecodeFailure readFailure(final String label, final IOException ex)
    {
        if (ex instanceof ShotFormatException)
        {
            return new DecodeFailure(label + ": " + ex.getMessage(), ex);
        }
        return failure(label, "cannot read file", ex);
    }

    /**
     * @return the failure, with a hint naming the format the file looks like when its data broke the format it was
     *         read as (a 01 file read as b8, say); the failure as it was otherwise.
     */
    static DecodeFailure withFormatHint(
        final DecodeFailure failure, final Path file, final ShotFormat format, final String formatOption)
    {
        if (!(failure.getCause() instanceof ShotFormatException) || file == null ||
            DecodeSettings.isStandardStream(file) || !Files.isRegularFile(file))
        {
            return failure;
        }
        final byte[] head = new byte[4096];
        int length = 0;
        try (InputStream in = Files.newInputStream(file))
        {
            length = Math.max(0, in.readNBytes(head, 0, head.length));
        }
        catch (final IOException ignored)
        {
            return failure;
        }
        final ShotFormat guess = ShotFormat.guess(head, length);
        if (guess == null || guess == format && !guess.isBinary())
        {
            return failure;
        }
        if (guess.isBinary())
        {
            return new DecodeFailure(failure.getMessage() + ", hint: the file looks binary (" + formatOption + " " +
                otherBinaryFormats(format) + "?)", failure.getCause());
        }
        return new DecodeFailure(failure.getMessage() + ", hint: the file looks like " + guess + " (" + formatOption +
            " " + guess + "?)", failure.getCause());
    }

    // Binary shot data looks alike at a glance: name every binary format but the one that failed ("b8, r8 or ptb64").
    private static String otherBinaryFormats(final ShotFormat format)
    {
        final List<String> names = new ArrayList<>();
        for (final ShotFormat candidate : ShotFormat.values())
        {
            if (candidate.isBinary() && candidate != format)
            {
                names.add(candidate.stimName());
            }
        }
        final int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }

    static DecodeFailure failure(final String label, final String problem, final IOException ex)
    {
        return new DecodeFailure(label + ": " + problem + ": reason=" + DecodeFailure.reason(ex), ex);
    }
}
