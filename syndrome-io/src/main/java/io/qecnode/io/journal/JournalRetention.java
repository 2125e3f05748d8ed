package io.qecnode.io.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps a journal directory under a size limit by deleting its oldest cycle files. Chronicle names cycle files by
 * date, so name order is time order; the newest file is the one being written and is never deleted.
 */
final class JournalRetention
{
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private final Path directory;
    private final long retainBytes;
    private boolean failureReported;

    JournalRetention(final Path directory, final long retainBytes)
    {
        this.directory = directory;
        this.retainBytes = retainBytes;
    }

    /**
     * @param log told about each deletion and the first failure.
     * @return cycle files deleted.
     */
    int apply(final Consumer<String> log)
    {
        final List<Path> files = cycleFiles(directory);
        long total = 0;
        final long[] sizes = new long[files.size()];
        for (int i = 0; i < files.size(); i++)
        {
            sizes[i] = sizeOf(files.get(i));
            total += sizes[i];
        }
        int deleted = 0;
        for (int i = 0; i < files.size() - 1 && total > retainBytes; i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
                total -= sizes[i];
                deleted++;
                log.accept("journal: retention deleted " + files.get(i).getFileName() + " (" + sizes[i] +
                    " bytes); kept " + total + " bytes of at most " + retainBytes);
            }
            catch (final IOException ex)
            {
                if (!failureReported)
                {
                    failureReported = true;
                    log.accept("journal: retention cannot delete " + files.get(i) + ": " + ex);
                }
                break;
            }
        }
        return deleted;
    }

    /**
     * @param directory a journal directory.
     * @return its cycle files, oldest first; empty if there are none or the directory cannot be read.
     */
    static List<Path> cycleFiles(final Path directory)
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + CYCLE_FILE_SUFFIX))
        {
            stream.forEach(files::add);
        }
        catch (final IOException ex)
        {
            return files;
        }
        Collections.sort(files);
        return files;
    }

    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
