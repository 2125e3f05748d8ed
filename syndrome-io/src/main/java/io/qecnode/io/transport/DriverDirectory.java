package io.qecnode.io.transport;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;

/**
 * The directory an embedded media driver is given, and what this process may delete of it. The driver itself wipes
 * whatever directory it starts in, so the directory is checked first: a missing one is created (and removed on
 * release, with the parents created for it); an empty one is used (its contents removed on release); an Aeron
 * directory whose driver is dead is taken over (removed on release); anything else is refused before it is touched:
 * a directory with other files in it, or one where a driver is alive or starting.
 */
public final class DriverDirectory
{
    /** What a media driver puts in its directory; anything else there means the directory is someone else's. */
    private static final Set<String> DRIVER_FILES =
        Set.of(CncFileDescriptor.CNC_FILE, "loss-report.dat", "publications", "images");

    private final File directory;
    private final File topCreated;
    private final boolean removeDirectory;

    private DriverDirectory(final File directory, final File topCreated, final boolean removeDirectory)
    {
        this.directory = directory;
        this.topCreated = topCreated;
        this.removeDirectory = removeDirectory;
    }

    /**
     * Check the directory and make it ready for a driver: afterwards it exists and is empty.
     *
     * @param directory     where the driver is to run.
     * @param requiredBytes what the driver will map there, for the free space check.
     * @return the claim, to {@link #release()} once the driver has closed.
     * @throws BusException if the directory is not this process's to use, or its file system lacks the room.
     */
    public static DriverDirectory claim(final File directory, final long requiredBytes)
    {
        final File absolute = directory.getAbsoluteFile();
        if (!absolute.exists())
        {
            final File top = create(absolute);
            if (top != null)
            {
                final DriverDirectory claim = new DriverDirectory(absolute, top, true);
                try
                {
                    checkRoom(absolute, requiredBytes, 0);
                }
                catch (final BusException ex)
                {
                    claim.release();
                    throw ex;
                }
                return claim;
            }
        }
        if (!absolute.isDirectory())
        {
            throw new BusException("not a directory", absolute);
        }
        final String[] names = absolute.list();
        if (names == null)
        {
            throw new BusException("cannot list the directory", absolute);
        }
        if (names.length == 0)
        {
            checkRoom(absolute, requiredBytes, 0);
            return new DriverDirectory(absolute, null, false);
        }
        for (final String name : names)
        {
            if (!DRIVER_FILES.contains(name))
            {
                throw new BusException("the directory holds files that are not a media driver's (" + name +
                    "); name a new or empty directory", absolute);
            }
        }
        final DriverLiveness liveness = DriverLiveness.of(absolute);
        if (liveness.state() == DriverLiveness.State.NO_CNC_FILE)
        {
            throw new BusException("the directory holds driver files but no cnc.dat; name a new or empty directory",
                absolute);
        }
        if (liveness.mayBeAlive())
        {
            throw new BusException("a live media driver is running there (" + liveness.describe() + ")", absolute);
        }
        // A dead driver's directory, left by a crash: ours to take over.
        checkRoom(absolute, requiredBytes, sizeOf(absolute));
        IoUtil.delete(absolute, false);
        IoUtil.ensureDirectoryExists(absolute, "media driver directory");
        return new DriverDirectory(absolute, absolute, true);
    }

    /**
     * Remove the directories that SIGKILLed processes left under a parent: named {@code <prefix><pid>-...}, holding
     * only a media driver's files, their process gone and their driver's heartbeat older than the clients' timeout.
     * Nothing else is touched: a live process's directory, a directory with other files, one being created.
     *
     * @param parent where the processes made their directories, e.g. /dev/shm.
     * @param prefix the name up to the pid, e.g. "qec-node-".
     * @return how many directories were removed.
     */
    public static int removeAbandoned(final File parent, final String prefix)
    {
        final File[] candidates = parent.listFiles((dir, name) -> name.startsWith(prefix));
        int removed = 0;
        for (final File candidate : candidates == null ? new File[0] : candidates)
        {
            final long pid = pidOf(candidate.getName().substring(prefix.length()));
            if (pid > 0 && ProcessHandle.of(pid).isEmpty() && holdsOnlyDriverFiles(candidate) &&
                DriverLiveness.of(candidate).state() == DriverLiveness.State.DEAD)
            {
                IoUtil.delete(candidate, true);
                removed += candidate.exists() ? 0 : 1;
            }
        }
        return removed;
    }

    private static long pidOf(final String rest)
    {
        final int dash = rest.indexOf('-');
        try
        {
            return dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static boolean holdsOnlyDriverFiles(final File directory)
    {
        final String[] names = directory.list();
        return names != null && names.length > 0 && DRIVER_FILES.containsAll(Set.of(names));
    }

    /** @return the directory. */
    public File directory()
    {
        return directory;
    }

    /**
     * Remove what this process may remove: a directory it created or took over (and any parents it created for it,
     * if empty), or the contents of an empty directory it was lent. Call once the driver has closed.
     */
    public void release()
    {
        if (!removeDirectory)
        {
            final File[] files = directory.listFiles();
            if (files != null)
            {
                for (final File file : files)
                {
                    IoUtil.delete(file, true);
                }
            }
            return;
        }
        IoUtil.delete(directory, true);
        File parent = directory.getParentFile();
        while (parent != null && !directory.equals(topCreated) && isWithin(parent, topCreated) && parent.delete())
        {
            parent = parent.getParentFile();
        }
    }

    /**
     * @param directory a directory that may not exist yet.
     * @return the bytes free on the file system that holds it (or would).
     */
    public static long usableSpace(final File directory)
    {
        File existing = directory.getAbsoluteFile();
        while (existing != null && !existing.exists())
        {
            existing = existing.getParentFile();
        }
        return existing == null ? 0 : existing.getUsableSpace();
    }

    private static boolean isWithin(final File file, final File ancestor)
    {
        return file.toPath().startsWith(ancestor.toPath());
    }

    // Returns the topmost directory created, or null if another process created the directory first.
    private static File create(final File directory)
    {
        File top = directory;
        while (top.getParentFile() != null && !top.getParentFile().exists())
        {
            top = top.getParentFile();
        }
        try
        {
            Files.createDirectories(directory.getParentFile().toPath());
            Files.createDirectory(directory.toPath());
            return top;
        }
        catch (final FileAlreadyExistsException ex)
        {
            // Another process made it in the meantime: judged as an existing directory.
            return directory.isDirectory() ? null : fail(directory, ex);
        }
        catch (final IOException | SecurityException ex)
        {
            return fail(directory, ex);
        }
    }

    private static File fail(final File directory, final Exception cause)
    {
        final String reason = cause instanceof FileSystemException && ((FileSystemException)cause).getReason() != null ?
            ((FileSystemException)cause).getReason() : cause.getClass().getSimpleName()
            .replaceAll("([a-z])([A-Z])", "$1 $2").replace(" Exception", "");
        throw new BusException("cannot create the directory (" + reason.toLowerCase(Locale.ROOT) + ")", directory);
    }

    private static void checkRoom(final File directory, final long requiredBytes, final long reclaimedBytes)
    {
        final long free = usableSpace(directory) + reclaimedBytes;
        if (free < requiredBytes)
        {
            throw new BusException(String.format(Locale.ROOT, "not enough room for the media driver's buffers: " +
                "needs %d MiB, %d MiB free", mib(requiredBytes), mib(free)), directory);
        }
    }

    private static long mib(final long bytes)
    {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static long sizeOf(final File file)
    {
        final File[] children = file.listFiles();
        if (children == null)
        {
            return file.length();
        }
        long size = 0;
        for (final File child : children)
        {
            size += sizeOf(child);
        }
        return size;
    }
}
