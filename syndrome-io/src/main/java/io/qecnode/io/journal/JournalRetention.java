package io.qecnode.io.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Keeps a journal directory under a size limit by deleting its oldest cycle files. Chronicle names cycle files by
 * date, so name order is time order. The newest file is the one being written and the one before it may still get
 * Chronicle's end-of-cycle marker (which would bring a deleted file back), so the newest two are never deleted.
 * <p>
 * Deleting a cycle file of several GB takes the file system most of a second, longer than the hot thread's hand-off
 * can hold at a round per microsecond, so it runs on a thread of its own, never on the journal thread.
 */
final class JournalRetention implements AutoCloseable
{
    static final String CYCLE_FILE_SUFFIX = ".cq4";
    private static final long PERIOD_MS = 1000;
    private static final int KEPT_NEWEST = 2;

    private final Path directory;
    private final long retainBytes;
    private final AtomicInteger deletedNotTaken = new AtomicInteger();
    private volatile boolean running = true;
    private Thread thread;
    private boolean failureReported;

    JournalRetention(final Path directory, final long retainBytes)
    {
        this.directory = directory;
        this.retainBytes = retainBytes;
    }

    /**
     * Apply the limit once a second on a daemon thread until closed.
     *
     * @param log told about each deletion and the first failure.
     */
    void startInBackground(final Consumer<String> log)
    {
        thread = new Thread(() ->
        {
            while (running)
            {
                deletedNotTaken.addAndGet(apply(log));
                try
                {
                    Thread.sleep(PERIOD_MS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "qec-journal-retention");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return cycle files deleted in the background since the last call. */
    int takeDeleted()
    {
        return deletedNotTaken.getAndSet(0);
    }

    @Override
    public void close()
    {
        running = false;
        if (thread != null)
        {
            thread.interrupt();
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
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
        for (int i = 0; i < files.size() - KEPT_NEWEST && total > retainBytes; i++)
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
