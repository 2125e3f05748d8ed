package io.qecnode.node.offline;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotWriter;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the predictions go: a file, standard output, or nowhere when only mistakes are counted.
 * <p>
 * A file is deleted again when the run fails ({@link #abandon()}), so that a half-written prediction file never
 * passes for a finished one. Only a path that was absent or a plain file is deleted; a device, pipe or symbolic link
 * named as the output is left alone.
 */
final class PredictionOutput
{
    private final String label;
    private final ShotWriter writer;
    private final Path deleteOnFailure;

    private PredictionOutput(final String label, final ShotWriter writer, final Path deleteOnFailure)
    {
        this.label = label;
        this.writer = writer;
        this.deleteOnFailure = deleteOnFailure;
    }

    /**
     * @param inputs files the run reads, which the output must not overwrite.
     */
    static PredictionOutput open(
        final Path file,
        final ShotFormat format,
        final ShotLayout layout,
        final OutputStream standardOut,
        final List<Path> inputs) throws DecodeFailure
    {
        if (file == null)
        {
            return new PredictionOutput("(none)", null, null);
        }
        final String label = ShotFiles.label(ShotFiles.OUT_OPTION, file);
        if (format == ShotFormat.B8 && layout.bitCount() == 0)
        {
            throw new DecodeFailure(label + ": b8 cannot hold predictions of zero bits: observables=0 (the model " +
                "names no observable); use --out_format 01 or dets");
        }
        if (DecodeSettings.isStandardStream(file))
        {
            return new PredictionOutput(label, ShotWriter.create(format, new KeepOpen(standardOut), layout), null);
        }
        OutputFiles.refuseOverwritingAnInput(label, file, inputs);
        final boolean ownsPath = !Files.exists(file, LinkOption.NOFOLLOW_LINKS) ||
            Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        try
        {
            return new PredictionOutput(label, ShotWriter.create(format, file, layout), ownsPath ? file : null);
        }
        catch (final IOException ex)
        {
            throw ShotFiles.failure(label, "cannot write file", ex);
        }
    }

    /** The hot path: one call per shot; allocates nothing. */
    void write(final long prediction) throws DecodeFailure
    {
        if (writer != null)
        {
            try
            {
                writer.writeMask(prediction);
            }
            catch (final IOException ex)
            {
                throw ShotFiles.failure(label, "cannot write file", ex);
            }
        }
    }

    /** Flush and close after the last shot; on failure the output is abandoned. */
    void finish() throws DecodeFailure
    {
        if (writer != null)
        {
            try
            {
                writer.close();
            }
            catch (final IOException ex)
            {
                abandon();
                throw ShotFiles.failure(label, "cannot write file", ex);
            }
        }
    }

    /** Close without caring whether the last bytes made it, and delete the file if this run created or truncated it. */
    void abandon()
    {
        if (writer != null)
        {
            try
            {
                writer.close();
            }
            catch (final IOException ignored)
            {
                // The file is about to be deleted, or it is standard output, which has failed already.
            }
        }
        if (deleteOnFailure != null)
        {
            try
            {
                Files.deleteIfExists(deleteOnFailure);
            }
            catch (final IOException ignored)
            {
                // Nothing better to do: the run is failing with its own, more useful message.
            }
        }
    }

    // Standard output belongs to the process: closing the writer flushes it but leaves it open for what follows.
    private static final class KeepOpen extends FilterOutputStream
    {
        KeepOpen(final OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            // FilterOutputStream would write the array one byte at a time.
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException
        {
            out.flush();
        }
    }
}
