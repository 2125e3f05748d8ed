package io.qecnode.io.transport;

import io.aeron.CncFileDescriptor;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.IoUtil;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverDirectoryTest
{
    private static final byte[] IMPORTANT = "important\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldRefuseADirectoryWithSomeoneElsesFilesAndLeaveThemAlone(@TempDir final Path temp) throws Exception
    {
        final Path victim = Files.createDirectory(temp.resolve("victim"));
        Files.write(victim.resolve("important.txt"), IMPORTANT);

        final BusException ex = assertThrows(BusException.class,
            () -> MessageBus.launch(new BusContext().embeddedDirectoryName(victim.toString()),
                Throwable::printStackTrace));

        assertTrue(ex.problem().contains("holds files that are not a media driver's (important.txt)"), ex.getMessage());
        assertEquals(victim.toFile().getAbsoluteFile(), ex.directory());
        assertArrayEquals(new String[]{"important.txt"}, victim.toFile().list());
        assertArrayEquals(IMPORTANT, Files.readAllBytes(victim.resolve("important.txt")));
    }

    @Test
    void shouldRemoveADirectoryItCreatedWithTheParentsItCreatedButNoMore(@TempDir final Path temp)
    {
        final File directory = temp.resolve("a/b/driver").toFile();
        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(directory.getPath()),
            Throwable::printStackTrace))
        {
            assertTrue(new File(directory, CncFileDescriptor.CNC_FILE).isFile());
            assertEquals(directory.getPath(), bus.directoryName());
        }
        assertFalse(temp.resolve("a").toFile().exists(), "created parents are removed with the directory");
        assertTrue(temp.toFile().isDirectory(), "a parent that was there before stays");
    }

    @Test
    void shouldEmptyButKeepAnEmptyDirectoryItWasLent(@TempDir final Path temp) throws Exception
    {
        final Path lent = Files.createDirectory(temp.resolve("lent"));
        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(lent.toString()),
            Throwable::printStackTrace))
        {
            assertTrue(new File(bus.directoryName(), CncFileDescriptor.CNC_FILE).isFile());
        }
        assertTrue(lent.toFile().isDirectory());
        assertEquals(0, lent.toFile().list().length);
    }

    @Test
    void shouldRefuseTheDirectoryOfALiveDriverAndLeaveItRunning(@TempDir final Path temp)
    {
        final File directory = temp.resolve("live").toFile();
        try (MessageBus live = MessageBus.launch(new BusContext().embeddedDirectoryName(directory.getPath()),
            Throwable::printStackTrace))
        {
            final BusException ex = assertThrows(BusException.class, () -> MessageBus.launch(
                new BusContext().embeddedDirectoryName(directory.getPath()), Throwable::printStackTrace));

            assertTrue(ex.problem().startsWith("a live media driver is running there (pid " +
                ProcessHandle.current().pid() + ", heartbeat "), ex.getMessage());
            assertTrue(new File(directory, CncFileDescriptor.CNC_FILE).isFile());
            // The live driver still serves its client.
            assertTrue(live.publication("aeron:ipc", 7).streamId() == 7);
            assertEquals(DriverLiveness.State.ALIVE, DriverLiveness.of(directory).state());
        }
    }

    @Test
    void shouldTakeOverAndRemoveADeadDriversDirectory(@TempDir final Path temp)
    {
        final File directory = temp.resolve("dead").toFile();
        leaveDeadDriver(directory);
        final DriverLiveness dead = DriverLiveness.of(directory);
        assertEquals(DriverLiveness.State.DEAD, dead.state());
        assertEquals(ProcessHandle.current().pid(), dead.pid());
        assertTrue(dead.heartbeatAgeMs() >= 60_000, dead.describe());

        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(directory.getPath()),
            Throwable::printStackTrace))
        {
            assertEquals(DriverLiveness.State.ALIVE, DriverLiveness.of(new File(bus.directoryName())).state());
        }
        assertFalse(directory.exists(), "a directory taken over is removed with the driver");
    }

    @Test
    void shouldRefuseAPathItCannotCreate()
    {
        final BusException ex = assertThrows(BusException.class, () -> MessageBus.launch(
            new BusContext().embeddedDirectoryName("/proc/qec-node-test/x"), Throwable::printStackTrace));
        assertTrue(ex.problem().startsWith("cannot create the directory"), ex.getMessage());
        assertFalse(new File("/proc/qec-node-test").exists());
    }

    @Test
    void shouldRefuseBeforeCreatingAnythingWhenTheBuffersDoNotFit(@TempDir final Path temp)
    {
        final File directory = temp.resolve("a/driver").toFile();
        final long free = DriverDirectory.usableSpace(directory);
        final int publications = (int)Math.min(Integer.MAX_VALUE, free / (3L * 64 * 1024 * 1024) + 1);

        final BusException ex = assertThrows(BusException.class, () -> MessageBus.launch(new BusContext()
            .embeddedDirectoryName(directory.getPath()).plan("aeron:ipc", publications), Throwable::printStackTrace));

        assertTrue(ex.problem().startsWith("not enough room for the media driver's buffers: needs "),
            ex.getMessage());
        assertFalse(temp.resolve("a").toFile().exists(), "nothing is left of a refused directory");
    }

    @Test
    void shouldSayAtOnceThatNoDriverRunsInAnExternalDirectory(@TempDir final Path temp) throws Exception
    {
        final BusException missing = assertThrows(BusException.class, () -> MessageBus.launch(
            new BusContext().aeronDirectoryName(temp.resolve("missing").toString()), Throwable::printStackTrace));
        assertTrue(missing.problem().startsWith("no such directory"), missing.getMessage());

        final Path empty = Files.createDirectory(temp.resolve("empty"));
        final BusException none = assertThrows(BusException.class, () -> MessageBus.launch(
            new BusContext().aeronDirectoryName(empty.toString()), Throwable::printStackTrace));
        assertEquals("no media driver is running there (no cnc.dat)", none.problem());

        final File dead = temp.resolve("dead").toFile();
        leaveDeadDriver(dead);
        final BusException stale = assertThrows(BusException.class, () -> MessageBus.launch(
            new BusContext().aeronDirectoryName(dead.getPath()), Throwable::printStackTrace));
        assertTrue(stale.problem().startsWith("no media driver is running there (pid "), stale.getMessage());
        assertTrue(new File(dead, CncFileDescriptor.CNC_FILE).isFile(), "an external directory is never touched");
    }

    @Test
    void shouldRemoveOnlyTheDirectoriesOfKilledProcessesWhoseDriverIsDead(@TempDir final Path temp) throws Exception
    {
        final Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        final long gone = finished.pid();
        final File abandoned = temp.resolve("qec-node-" + gone + "-0000abcd").toFile();
        leaveDeadDriver(abandoned);
        final File ofALiveProcess = temp.resolve("qec-node-" + ProcessHandle.current().pid() + "-0000abcd").toFile();
        leaveDeadDriver(ofALiveProcess);
        final File withOtherFiles = temp.resolve("qec-node-" + gone + "-0000beef").toFile();
        leaveDeadDriver(withOtherFiles);
        Files.write(withOtherFiles.toPath().resolve("important.txt"), IMPORTANT);
        final File named = Files.createDirectory(temp.resolve("qec-node-it-" + gone)).toFile();

        assertEquals(1, DriverDirectory.removeAbandoned(temp.toFile(), BusContext.DIRECTORY_PREFIX));

        assertFalse(abandoned.exists());
        assertTrue(ofALiveProcess.isDirectory() && withOtherFiles.isDirectory() && named.isDirectory());
        assertArrayEquals(IMPORTANT, Files.readAllBytes(withOtherFiles.toPath().resolve("important.txt")));
    }

    @Test
    void shouldPlanTheLogBuffersOfEveryPublication()
    {
        final BusContext context = new BusContext().plan("aeron:ipc", 3).plan("aeron:udp?endpoint=localhost:1", 1);
        // Three IPC logs of three 64 MiB terms, a UDP publication's log and its image of three 16 MiB terms.
        final long metadata = io.aeron.logbuffer.LogBufferDescriptor.LOG_META_DATA_LENGTH;
        assertEquals(3 * (3L * 64 * 1024 * 1024 + metadata) + 2 * (3L * 16 * 1024 * 1024 + metadata) + 100,
            context.plannedBytes(64 * 1024 * 1024, 16 * 1024 * 1024, 100));
    }

    // A driver that ran here and died: its files stay, its heartbeat stopped a minute ago.
    private static void leaveDeadDriver(final File directory)
    {
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(directory.getPath())
            .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(false)))
        {
            assertTrue(driver.context().cncFile().isFile());
        }
        final MappedByteBuffer cnc = IoUtil.mapExistingFile(new File(directory, CncFileDescriptor.CNC_FILE), "cnc");
        try
        {
            new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(cnc, CncFileDescriptor.createMetaDataBuffer(
                cnc))).consumerHeartbeatTime(System.currentTimeMillis() - 60_000);
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }
}
