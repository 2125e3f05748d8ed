package io.qecnode.io.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged journal is read up to the damage, which is named with its record index and place, and reading never
 * changes a byte of it.
 */
class JournalDamageTest
{
    private static final int ROUNDS = 20_000;
    private static final int FRAME_BYTES = 16;
    private static final long TAG = 0x5155_4543_0000_0000L;

    @TempDir
    Path dir;

    private Path journal;
    private Path cycleFile;

    @BeforeEach
    void record()
    {
        journal = dir.resolve("journal");
        final CountersManager countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
        final JournalCounters counters = new JournalCounters((type, label) -> countersManager.newCounter(label, type),
            "1");
        final JournalHandOff handOff = new JournalHandOff(1 << 20, counters.gaps());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_BYTES]);
        try (JournalWriter writer = JournalWriter.open(new JournalConfig(journal, JournalConfig.Roll.DAILY,
            JournalConfig.RETAIN_BYTES_DEFAULT, 0, 1 << 20, 10), handOff, counters, "distance=5\n", line -> { }))
        {
            writer.doWork();
            for (int i = 0; i < ROUNDS; i++)
            {
                frame.putLong(0, TAG | i, ByteOrder.LITTLE_ENDIAN);
                handOff.offerRound(frame, 0, FRAME_BYTES, i);
                if ((i & 1023) == 0)
                {
                    writer.doWork();
                }
            }
            writer.drainAll();
        }
        final List<Path> files = JournalRetention.cycleFiles(journal);
        assertEquals(1, files.size(), "one daily cycle file (a test run across midnight would make two)");
        cycleFile = files.get(0);
    }

    @Test
    void shouldReadAWholeJournalToTheEnd()
    {
        try (JournalReader reader = JournalReader.open(journal))
        {
            assertEquals(1 + ROUNDS, reader.read(JournalReader.NONE, (type, position, payload, length) -> true));
            assertNull(reader.damage());
            assertTrue(reader.damagedFiles().isEmpty());
        }
    }

    @Test
    void shouldReportAByteOverwrittenInsideARecordAsCorruptAndVerifyEverythingBeforeIt() throws IOException
    {
        final int damaged = 12_345;
        final long tagAt = offsetOf(TAG | damaged);
        flip(cycleFile, tagAt + 5);
        final Path copy = copyOf(journal);

        final List<Long> rounds = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final long visited = reader.read(JournalReader.NONE, (type, position, payload, length) ->
            {
                if (type == RecordType.ROUND)
                {
                    rounds.add(payload.getLong(JournalHandOff.ROUND_FRAME_OFFSET, ByteOrder.LITTLE_ENDIAN) & ~TAG);
                }
                return true;
            });
            final JournalDamage damage = reader.damage();
            assertNotNull(damage, "damage found");
            // The settings are record 0, round i is record 1 + i; a record starts 8 bytes of header and 8 of
            // arrival time before its frame.
            assertEquals(1 + damaged, damage.record(), damage.describe());
            assertEquals(1 + damaged, visited);
            assertEquals(tagAt - 16, damage.offset(), damage.describe());
            assertEquals(cycleFile, damage.file());
            assertTrue(damage.describe().startsWith("CORRUPT record " + (1 + damaged) + " at file=" + cycleFile +
                " offset=" + (tagAt - 16) + ": checksum mismatch"), damage.describe());
        }
        assertEquals(damaged, rounds.size());
        for (int i = 0; i < damaged; i++)
        {
            assertEquals(i, rounds.get(i), "round " + i + " in order");
        }
        assertUnchanged(copy, journal);
    }

    @Test
    void shouldReadACycleFileCutShortUpToWhereItWasCut() throws IOException
    {
        final long cutAt = offsetOf(TAG | 15_000) + 3;
        try (RandomAccessFile file = new RandomAccessFile(cycleFile.toFile(), "rw"))
        {
            file.setLength(cutAt);
        }
        final Path copy = copyOf(journal);

        try (JournalReader reader = JournalReader.open(journal))
        {
            final long[] lastRound = {-1};
            final long visited = reader.read(JournalReader.NONE, (type, position, payload, length) ->
            {
                if (type == RecordType.ROUND)
                {
                    final long round = payload.getLong(JournalHandOff.ROUND_FRAME_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    assertEquals(lastRound[0] + 1, round & ~TAG, "rounds in order, none skipped");
                    lastRound[0] = round & ~TAG;
                }
                return true;
            });
            final JournalDamage damage = reader.damage();
            assertNotNull(damage);
            assertTrue(damage.reason().contains("cut short"), damage.describe());
            assertEquals(visited, damage.record());
            assertTrue(lastRound[0] > 10_000 && lastRound[0] < 15_000, "the documents before the cut: " + lastRound[0]);
            assertEquals(cutAt - damage.offset(), damage.skipped(), damage.describe());
            assertEquals(List.of(cycleFile), reader.damagedFiles().stream().map(JournalDamage::file).toList());
        }
        assertEquals(cutAt, Files.size(cycleFile), "not grown back");
        assertUnchanged(copy, journal);
    }

    @Test
    void shouldReportRandomBytesNamedLikeACycleFileAsCorrupt() throws IOException
    {
        final byte[] noise = new byte[100 * 1024];
        new Random(42).nextBytes(noise);
        final Path later = journal.resolve("29991231F.cq4");
        Files.write(later, noise);
        final Path copy = copyOf(journal);

        try (JournalReader reader = JournalReader.open(journal))
        {
            final long visited = reader.read(JournalReader.NONE, (type, position, payload, length) -> true);
            assertEquals(1 + ROUNDS, visited, "the whole file before it");
            final JournalDamage damage = reader.damage();
            assertEquals(new JournalDamage(1 + ROUNDS, later, 0, "not a Chronicle cycle file (no queue header)",
                noise.length), damage);
        }
        Files.delete(cycleFile);
        try (JournalReader reader = JournalReader.open(journal))
        {
            assertEquals(0, reader.read(JournalReader.NONE, (type, position, payload, length) -> true));
            assertEquals(0, reader.damage().record());
            assertNull(reader.settingsAt(JournalReader.NONE));
            assertEquals(JournalReader.NONE, reader.lastCheckpoint());
        }
        assertEquals(-1, Files.mismatch(later, copy.resolve(later.getFileName())), "unchanged");
    }

    @Test
    void shouldEndTheReadQuietlyAtADocumentTheWriterNeverFinished() throws IOException
    {
        // A node killed while the journal thread had a document open leaves its header marked "not complete".
        final long end = (offsetOf(TAG | (ROUNDS - 1)) + FRAME_BYTES + JournalFormat.CRC_BYTES + 3) & ~3L;
        try (RandomAccessFile file = new RandomAccessFile(cycleFile.toFile(), "rw"))
        {
            file.seek(end);
            assertEquals(0, file.readInt(), "the end of the data");
            file.seek(end);
            file.writeInt(Integer.reverseBytes(JournalFormat.NOT_COMPLETE));
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            assertEquals(1 + ROUNDS, reader.read(JournalReader.NONE, (type, position, payload, length) -> true));
            assertNull(reader.damage());
            assertTrue(reader.endedUnfinished());
            assertTrue(reader.damagedFiles().isEmpty());
        }
    }

    @Test
    void shouldReadOnAcrossCycleFiles()
    {
        // Two minutely cycle files written on a clock set back: the first ends with Chronicle's end-of-cycle mark.
        final Path rolled = dir.resolve("rolled");
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toMillis(10_000) * 1_000_000L);
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(rolled)
            .rollCycle(JournalConfig.Roll.MINUTELY.cycle()).timeProvider(clock).build();
            ExcerptAppender appender = queue.createAppender())
        {
            writeDocument(appender, RecordType.SETTINGS, 7);
            writeDocument(appender, RecordType.CHECKPOINT, 16);
            clock.advanceMillis(TimeUnit.MINUTES.toMillis(1));
            writeDocument(appender, RecordType.SETTINGS, 7);
            writeDocument(appender, RecordType.CHECKPOINT, 16);
            writeDocument(appender, RecordType.ROUND, 24);
        }
        assertEquals(2, JournalRetention.cycleFiles(rolled).size());
        try (JournalReader reader = JournalReader.open(rolled))
        {
            final List<RecordType> types = new ArrayList<>();
            reader.read(JournalReader.NONE, (type, position, payload, length) -> types.add(type));
            assertEquals(List.of(RecordType.SETTINGS, RecordType.CHECKPOINT, RecordType.SETTINGS,
                RecordType.CHECKPOINT, RecordType.ROUND), types);
            assertNull(reader.damage());
            assertTrue(reader.describe(reader.firstCheckpoint()).contains(
                JournalRetention.cycleFiles(rolled).get(0).toString()));
            assertTrue(reader.describe(reader.lastCheckpoint()).contains(
                JournalRetention.cycleFiles(rolled).get(1).toString()));
            assertEquals(2, reader.read(reader.lastCheckpoint(), (type, position, payload, length) -> true));
        }
    }

    // One document in format 2: the marker, then one record of zeros with its checksum.
    private static void writeDocument(final ExcerptAppender appender, final RecordType type, final int length)
    {
        final byte[] record = new byte[JournalFormat.RECORD_HEADER_BYTES + length];
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(type.code()).putInt(length);
        final int checksum = JournalFormat.checksum(new CRC32C(), record, 0, length);
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().writeInt(JournalFormat.DOCUMENT_MARKER).write(record).writeInt(checksum);
        }
    }

    @Test
    void shouldRefuseAJournalOfTheFormatWithoutChecksums() throws IOException
    {
        final Path old = dir.resolve("old");
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(old).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext document = appender.writingDocument())
        {
            // Format 1: a record's type code, length and payload, with nothing before or after.
            document.wire().bytes().writeInt(RecordType.SETTINGS.code()).writeInt(2).write(new byte[] {'d', '5'});
        }
        final JournalException refused = assertThrows(JournalException.class, () -> JournalReader.open(old));
        assertTrue(refused.getMessage().startsWith("journal written in format 1 by an older qec-node (records " +
            "without checksums)"), refused.getMessage());
    }

    // The record of a round is found by the tag at the start of its frame.
    private long offsetOf(final long tag) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel file = FileChannel.open(cycleFile))
        {
            file.read(bytes, 0);
        }
        for (int i = 0; i + Long.BYTES <= bytes.position(); i++)
        {
            if (bytes.getLong(i) == tag)
            {
                return i;
            }
        }
        throw new AssertionError("round not found: " + Long.toHexString(tag));
    }

    private static void flip(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x5A);
        }
    }

    private Path copyOf(final Path directory) throws IOException
    {
        final Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static void assertUnchanged(final Path copy, final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory); Stream<Path> copies = Files.list(copy))
        {
            assertEquals(copies.map(Path::getFileName).sorted().toList(),
                files.map(Path::getFileName).sorted().toList(), "no file created or removed");
        }
        try (Stream<Path> copies = Files.list(copy))
        {
            for (final Path file : copies.toList())
            {
                assertEquals(-1, Files.mismatch(file, directory.resolve(file.getFileName())), "unchanged: " + file);
            }
        }
    }
}
