package io.qecnode.io.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32C;

/**
 * The journal thread: drains the hot thread's {@link JournalHandOff} into a Chronicle Queue. Records are batched into
 * documents of up to 32 KiB in {@link JournalFormat} 2: a format marker, then each record as type code, payload length,
 * payload and a CRC32C over all three; a checkpoint always opens a document, and so do the settings. The checksum is
 * computed here, while the record is copied out of the ring, so the hot thread's hand-off stays a plain copy.
 * <p>
 * It never stops the node. A full disk (free space below {@link JournalConfig#minFreeBytes()}) or a failed write turns
 * records into counted write failures, reported once, and writing resumes when space returns. Records the hot thread
 * could not hand over arrive as a {@link RecordType#GAP} record with their count, where they were lost, so the journal
 * itself says where it is incomplete. Every cycle file starts with the node's settings, so that retention never leaves a journal nobody can
 * replay.
 */
public final class JournalWriter implements Agent, AutoCloseable
{
    private static final int DRAIN_LIMIT = 4096;
    private static final int BATCH_BYTES = 32 * 1024;
    private static final long SPACE_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RETENTION_CHECK_NS = TimeUnit.SECONDS.toNanos(1);

    private final JournalConfig config;
    private final JournalHandOff handOff;
    private final JournalCounters counters;
    private final Consumer<String> log;
    private final NanoClock clock = new SystemNanoClock();
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final JournalRetention retention;
    private final byte[] settings;
    private final UnsafeBuffer settingsBuffer;
    private final byte[] scratch = new byte[JournalFormat.RECORD_HEADER_BYTES + (1 << 16)];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private final CRC32C crc = new CRC32C();
    private final MessageHandler onRecord = this::onRecord;
    private final ToLongFunction<Path> usableSpace;
    private DocumentContext batch;
    private Bytes<?> batchBytes;
    private long batchStart;
    private int batchRecords;
    private long settingsCycle = Long.MIN_VALUE;
    private boolean spaceLow;
    private boolean failureReported;
    private long nextSpaceCheckNs;
    private long nextRetentionNs;

    private JournalWriter(
        final JournalConfig config,
        final JournalHandOff handOff,
        final JournalCounters counters,
        final String settingsText,
        final Consumer<String> log,
        final ToLongFunction<Path> usableSpace)
    {
        this.usableSpace = usableSpace;
        this.config = config;
        this.handOff = handOff;
        this.counters = counters;
        this.log = log;
        this.settings = settingsText.getBytes(StandardCharsets.UTF_8);
        this.settingsBuffer = new UnsafeBuffer(settings);
        this.queue = SingleChronicleQueueBuilder.binary(config.directory()).rollCycle(config.roll().cycle()).build();
        this.retention = new JournalRetention(config.directory(), config.retainBytes());
        retention.startInBackground(log);
    }

    /**
     * Check the directory and open the queue; the settings are the first record the journal thread writes.
     *
     * @param config       where and how much.
     * @param handOff      the hot thread's hand-off.
     * @param counters     the journal's counters.
     * @param settingsText the node's settings (key=value lines), written at the start of every cycle file.
     * @param log          told about write failures and retention, once per change of state.
     * @return the writer; run it as an agent on its own (cold) thread.
     * @throws JournalException if the directory cannot be created or written, or the disk is nearly full.
     */
    public static JournalWriter open(
        final JournalConfig config,
        final JournalHandOff handOff,
        final JournalCounters counters,
        final String settingsText,
        final Consumer<String> log)
    {
        return open(config, handOff, counters, settingsText, log, JournalWriter::usableSpace);
    }

    // Tests pass their own measure of free space, to fill the disk without filling it.
    static JournalWriter open(
        final JournalConfig config,
        final JournalHandOff handOff,
        final JournalCounters counters,
        final String settingsText,
        final Consumer<String> log,
        final ToLongFunction<Path> usableSpace)
    {
        ChronicleDefaults.apply();
        checkDirectory(config);
        return new JournalWriter(config, handOff, counters, settingsText, log, usableSpace);
    }

    /**
     * The checks made at start, before anything runs: the directory exists or can be made, is writable, and leaves
     * {@link JournalConfig#minFreeBytes()} free.
     *
     * @param config the journal's settings.
     * @throws JournalException saying what is wrong.
     */
    public static void checkDirectory(final JournalConfig config)
    {
        final Path dir = config.directory();
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new JournalException("journal directory cannot be created: dir=" + dir + ", reason=" + ex, ex);
        }
        try
        {
            Files.delete(Files.createTempFile(dir, ".qec-write-check", ".tmp"));
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal directory is not writable: dir=" + dir + ", reason=" + ex, ex);
        }
        final long usable = usableSpace(dir);
        if (usable < config.minFreeBytes())
        {
            throw new JournalException("journal disk nearly full: dir=" + dir + ", usable=" + usable +
                " bytes, below the minimum free=" + config.minFreeBytes() + " bytes");
        }
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs - nextSpaceCheckNs >= 0)
        {
            nextSpaceCheckNs = nowNs + SPACE_CHECK_NS;
            checkSpace();
        }
        if (nowNs - nextRetentionNs >= 0)
        {
            nextRetentionNs = nowNs + RETENTION_CHECK_NS;
            writeSettingsOnNewCycle();
            applyRetention();
        }
        final int drained = handOff.drain(onRecord, DRAIN_LIMIT);
        closeBatch();
        return drained;
    }

    /** Write whatever the hot thread has handed over so far; for a clean stop after the hot thread ended. */
    public void drainAll()
    {
        while (doWork() > 0)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public String roleName()
    {
        return "qec-journal";
    }

    @Override
    public void onClose()
    {
        // The last records the hot thread handed over before it stopped.
        drainAll();
        close();
    }

    @Override
    public void close()
    {
        retention.close();
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }

    /** @return the queue's directory. */
    public Path directory()
    {
        return config.directory();
    }

    private void onRecord(final int typeCode, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (typeCode == RecordType.CHECKPOINT.code())
        {
            // A checkpoint opens a document, so that recovery can find it by its document alone.
            closeBatch();
            counters.checkpoints().incrementOrdered();
        }
        write(typeCode, buffer, index, length);
        if (batchBytes != null && batchBytes.writePosition() - batchStart >= BATCH_BYTES)
        {
            closeBatch();
        }
    }

    // Records go into the open document, opened on demand: one Chronicle document per batch costs far less than one
    // per record, and the journal keeps up with a round per microsecond.
    private void write(final int typeCode, final DirectBuffer buffer, final int index, final int length)
    {
        if (spaceLow)
        {
            counters.writeFailures().incrementOrdered();
            return;
        }
        try
        {
            if (batch == null)
            {
                if (appender == null)
                {
                    // Chronicle's appenders belong to the thread that makes them: the journal thread.
                    appender = queue.createAppender();
                }
                batch = appender.writingDocument();
                batchBytes = batch.wire().bytes();
                batchStart = batchBytes.writePosition();
                batchRecords = 0;
                batchBytes.writeInt(JournalFormat.DOCUMENT_MARKER);
            }
            scratchBuffer.putInt(0, typeCode, ByteOrder.LITTLE_ENDIAN);
            scratchBuffer.putInt(Integer.BYTES, length, ByteOrder.LITTLE_ENDIAN);
            buffer.getBytes(index, scratch, JournalFormat.RECORD_HEADER_BYTES, length);
            final int checksum = JournalFormat.checksum(crc, scratch, 0, length);
            batchBytes.write(scratch, 0, JournalFormat.RECORD_HEADER_BYTES + length);
            batchBytes.writeInt(checksum);
            batchRecords++;
        }
        catch (final RuntimeException | InternalError ex)
        {
            failed(ex, batchRecords + 1);
        }
    }

    private void closeBatch()
    {
        if (batch == null)
        {
            return;
        }
        final int records = batchRecords;
        try
        {
            batch.close();
            counters.appended().getAndAddOrdered(records);
        }
        catch (final RuntimeException | InternalError ex)
        {
            failed(ex, records);
        }
        finally
        {
            batch = null;
            batchBytes = null;
        }
    }

    // InternalError: the JVM's report of a fault on a mapped page, e.g. a disk that filled up under it.
    private void failed(final Throwable ex, final int records)
    {
        counters.writeFailures().getAndAddOrdered(records);
        if (batch != null)
        {
            try
            {
                batch.rollbackOnClose();
                batch.close();
            }
            catch (final RuntimeException | InternalError ignored)
            {
                // Counted above; the next batch opens a fresh document.
            }
            batch = null;
            batchBytes = null;
        }
        if (!failureReported)
        {
            failureReported = true;
            log.accept("journal: write failed, records are counted as write failures: dir=" + config.directory() +
                ", reason=" + ex);
        }
    }

    private void writeSettingsOnNewCycle()
    {
        final int cycle = queue.cycle();
        if (cycle != settingsCycle && !spaceLow)
        {
            settingsCycle = cycle;
            write(RecordType.SETTINGS.code(), settingsBuffer, 0, settings.length);
            closeBatch();
        }
    }

    private void checkSpace()
    {
        final long usable = usableSpace.applyAsLong(config.directory());
        final boolean low = usable < config.minFreeBytes();
        if (low != spaceLow)
        {
            spaceLow = low;
            log.accept(low ?
                "journal: free space " + usable + " bytes is below the minimum " + config.minFreeBytes() +
                    " bytes: records are counted as write failures until space returns: dir=" + config.directory() :
                "journal: free space is back (" + usable + " bytes): writing again: dir=" + config.directory());
        }
    }

    private void applyRetention()
    {
        final int deleted = retention.takeDeleted();
        if (deleted > 0)
        {
            counters.filesDeleted().getAndAddOrdered(deleted);
            queue.refreshDirectoryListing();
        }
    }

    private static long usableSpace(final Path dir)
    {
        try
        {
            return Files.getFileStore(dir).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
