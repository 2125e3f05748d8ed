package io.qecnode.io.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalWriterTest
{
    private static final String SETTINGS = "distance=5\nmodel=phenomenological\n";

    @TempDir
    Path dir;

    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
    private final JournalCounters counters =
        new JournalCounters((typeId, label) -> countersManager.newCounter(label, typeId), "1");
    private final List<String> log = new ArrayList<>();

    @Test
    void shouldReadBackEveryRecordInOrderAfterTheSettings()
    {
        final JournalHandOff handOff = new JournalHandOff(1 << 16, counters.gaps());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[40]);
        try (JournalWriter writer = JournalWriter.open(config(1 << 16), handOff, counters, SETTINGS, log::add))
        {
            handOff.offerCheckpoint(-1, 0);
            for (int i = 0; i < 1000; i++)
            {
                frame.putInt(0, i);
                assertTrue(handOff.offerRound(frame, 0, 40, 1_000L + i));
                if (i % 10 == 9)
                {
                    handOff.offerState(frame, 0, 24);
                }
                writer.doWork();
            }
            handOff.offerRejected(frame, 0, 7, 4, 99);
            handOff.offerCheckpoint(999, 3);
            writer.drainAll();
        }

        final List<String> seen = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.read(JournalReader.NONE, (type, index, payload, length) ->
            {
                switch (type)
                {
                    case ROUND -> seen.add("round " + payload.getInt(8) + " at " + payload.getLong(0) + " len " +
                        length);
                    case STATE -> seen.add("state len " + length);
                    case REJECTED -> seen.add("rejected reason " + payload.getInt(8) + " len " + length);
                    case CHECKPOINT -> seen.add("checkpoint " + payload.getLong(0) + " " + payload.getLong(8));
                    // A new cycle file (a roll at midnight during the test) starts with the settings again.
                    case SETTINGS -> seen.add(seen.isEmpty() ? "settings " +
                        payload.getStringWithoutLengthUtf8(0, length) : "settings");
                    default -> seen.add(String.valueOf(type));
                }
                return true;
            });
            assertEquals(SETTINGS, reader.settingsAt(reader.lastCheckpoint()));
        }
        assertEquals("settings " + SETTINGS, seen.get(0));
        assertEquals("checkpoint -1 0", seen.get(1));
        assertEquals("round 0 at 1000 len 48", seen.get(2));
        assertEquals("round 9 at 1009 len 48", seen.get(11));
        assertEquals("state len 24", seen.get(12));
        assertEquals("rejected reason 4 len 19", seen.get(seen.size() - 2));
        assertEquals("checkpoint 999 3", seen.get(seen.size() - 1));
        seen.removeIf("settings"::equals);
        assertEquals(1 + 1 + 1000 + 100 + 1 + 1, seen.size());
        assertEquals(2, counters.checkpoints().get());
    }

    @Test
    void shouldCountAFullHandOffAsAGapAndWriteTheGapIntoTheJournal()
    {
        final JournalHandOff handOff = new JournalHandOff(4096, counters.gaps());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        int accepted = 0;
        for (int i = 0; i < 200; i++)
        {
            accepted += handOff.offerRound(frame, 0, 64, i) ? 1 : 0;
        }
        final long gaps = 200 - accepted;
        assertTrue(gaps > 0, "a 4 KiB ring cannot hold 200 records of 80 bytes");
        assertEquals(gaps, counters.gaps().get());
        try (JournalWriter writer = JournalWriter.open(config(4096), handOff, counters, SETTINGS, log::add))
        {
            writer.drainAll();
            // The first record that fits after the loss brings the GAP record, with the count, in front of it.
            assertTrue(handOff.offerRound(frame, 0, 64, 200));
            writer.drainAll();
        }
        final long[] counts = new long[2];
        final RecordType[] beforeLast = new RecordType[2];
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.read(JournalReader.NONE, (type, index, payload, length) ->
            {
                if (type == RecordType.GAP)
                {
                    counts[0] += payload.getLong(0);
                }
                counts[1] += type == RecordType.ROUND ? 1 : 0;
                if (type == RecordType.ROUND && payload.getLong(JournalHandOff.ARRIVED_OFFSET) == 200)
                {
                    beforeLast[1] = beforeLast[0];
                }
                beforeLast[0] = type;
                return true;
            });
        }
        assertArrayEquals(new long[] {gaps, accepted + 1}, counts);
        assertEquals(RecordType.GAP, beforeLast[1], "the GAP record sits where the records were lost");
    }

    @Test
    void shouldCountRecordsAsWriteFailuresWhileTheDiskIsFullAndResumeAfter() throws Exception
    {
        final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
        final JournalHandOff handOff = new JournalHandOff(1 << 16, counters.gaps());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        final JournalConfig config = new JournalConfig(dir, JournalConfig.Roll.DAILY,
            JournalConfig.RETAIN_BYTES_DEFAULT, 1 << 20, 1 << 16, 10);
        try (JournalWriter writer = JournalWriter.open(config, handOff, counters, SETTINGS, log::add,
            path -> free.get()))
        {
            writeRounds(writer, handOff, frame, 10);
            free.set(0);
            Thread.sleep(150);
            writeRounds(writer, handOff, frame, 10);
            assertEquals(10, counters.writeFailures().get(), "rounds while the disk was full");
            free.set(Long.MAX_VALUE);
            Thread.sleep(150);
            writeRounds(writer, handOff, frame, 10);
        }
        final long[] rounds = new long[1];
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.read(JournalReader.NONE, (type, index, payload, length) ->
            {
                rounds[0] += type == RecordType.ROUND ? 1 : 0;
                return true;
            });
        }
        assertEquals(20, rounds[0], "the rounds before and after the disk was full");
        assertTrue(log.stream().anyMatch(line -> line.contains("below the minimum")), String.valueOf(log));
        assertTrue(log.stream().anyMatch(line -> line.contains("writing again")), String.valueOf(log));
    }

    @Test
    void shouldRefuseADirectoryThatCannotBeCreatedOrADiskThatIsNearlyFull() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("plain-file"), "x");
        final JournalException notADirectory = assertThrows(JournalException.class,
            () -> JournalWriter.checkDirectory(JournalConfig.defaults(file.resolve("journal"))));
        assertTrue(notADirectory.getMessage().startsWith("journal directory cannot be created: dir="),
            notADirectory.getMessage());

        final JournalException full = assertThrows(JournalException.class, () -> JournalWriter.checkDirectory(
            new JournalConfig(dir.resolve("j"), JournalConfig.Roll.MINUTELY, 1L << 30, Long.MAX_VALUE, 4096, 1)));
        assertTrue(full.getMessage().startsWith("journal disk nearly full"), full.getMessage());
    }

    @Test
    void shouldDeleteTheOldestCycleFilesBeyondTheRetentionLimit() throws Exception
    {
        for (final String name : new String[] {"20261126-0001.cq4", "20261126-0002.cq4", "20261126-0003.cq4"})
        {
            Files.write(dir.resolve(name), new byte[1000]);
        }
        final int deleted = new JournalRetention(dir, 1500).apply(log::add);
        assertEquals(1, deleted);
        assertEquals(List.of(dir.resolve("20261126-0002.cq4"), dir.resolve("20261126-0003.cq4")),
            JournalRetention.cycleFiles(dir), "the oldest file went; the newest two stay even over the limit");
        assertEquals(0, new JournalRetention(dir, 1).apply(log::add),
            "the file being written and the one before it are never deleted");
    }

    @Test
    void shouldDeleteOldCycleFilesInTheBackgroundWhileWriting() throws Exception
    {
        // Two real cycle files from minutes long past, written by Chronicle on a clock set back.
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toMillis(10_000) * 1_000_000L);
        try (ChronicleQueue old = SingleChronicleQueueBuilder.binary(dir).rollCycle(JournalConfig.Roll.MINUTELY.cycle())
            .timeProvider(clock).build(); ExcerptAppender appender = old.createAppender())
        {
            appender.writeText("old");
            clock.advanceMillis(TimeUnit.MINUTES.toMillis(1));
            appender.writeText("old");
        }
        assertEquals(2, JournalRetention.cycleFiles(dir).size());
        final JournalHandOff handOff = new JournalHandOff(1 << 16, counters.gaps());
        try (JournalWriter writer = JournalWriter.open(new JournalConfig(dir, JournalConfig.Roll.MINUTELY, 1, 0,
            1 << 16, 10), handOff, counters, SETTINGS, log::add))
        {
            final long deadline = System.nanoTime() + 10_000_000_000L;
            // Until retention has caught up: a minute that turns during the test adds a third file to delete.
            while ((counters.filesDeleted().get() < 1 || JournalRetention.cycleFiles(dir).size() > 2) &&
                System.nanoTime() < deadline)
            {
                writer.doWork();
                Thread.sleep(10);
            }
        }
        // The oldest file goes; the newest two stay (if the minute turned during the test, the newest two are the
        // current file and the one just before it, and both old files may be gone).
        assertTrue(counters.filesDeleted().get() >= 1, String.valueOf(log));
        final List<Path> left = JournalRetention.cycleFiles(dir);
        assertEquals(2, left.size(), "the file being written and the one before it are kept: " + left);
        assertTrue(left.stream().noneMatch(file -> file.getFileName().toString().endsWith("-0000.cq4") &&
            file.getFileName().toString().startsWith("1997")), "the oldest file is gone: " + left);
        final String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace("-", "");
        final String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString()
            .replace("-", "");
        final String kept = left.get(1).getFileName().toString();
        assertTrue(kept.startsWith(today) || kept.startsWith(yesterday), "kept the current cycle: " + kept);
    }

    @Test
    void shouldSayThereIsNoJournalInAnEmptyDirectory()
    {
        final JournalException missing = assertThrows(JournalException.class, () -> JournalReader.open(dir));
        assertTrue(missing.getMessage().startsWith("no journal here"), missing.getMessage());
    }

    private static void writeRounds(
        final JournalWriter writer, final JournalHandOff handOff, final UnsafeBuffer frame, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            handOff.offerRound(frame, 0, 16, i);
        }
        writer.drainAll();
    }

    private JournalConfig config(final int handOffBytes)
    {
        return new JournalConfig(dir, JournalConfig.Roll.DAILY, JournalConfig.RETAIN_BYTES_DEFAULT, 0,
            handOffBytes, 10);
    }
}
