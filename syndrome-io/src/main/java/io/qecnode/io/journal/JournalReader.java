package io.qecnode.io.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a journal written by {@link JournalWriter}: finds its checkpoints and settings and walks its records in order.
 * Opening it does not disturb a node that is still appending.
 */
public final class JournalReader implements AutoCloseable
{
    /** Index meaning "no such record". */
    public static final long NONE = -1;

    /** Receives each record, its payload in a buffer that is valid only during the call. */
    @FunctionalInterface
    public interface RecordVisitor
    {
        /**
         * @param type    the record's type, or null for a code this version does not know.
         * @param index   Chronicle index of the document holding the record (a checkpoint is always the first record of
         *                its document, so its index is where a recovery starts reading).
         * @param payload the payload, from offset 0.
         * @param length  payload bytes.
         * @return false to stop reading.
         */
        boolean onRecord(RecordType type, long index, UnsafeBuffer payload, int length);
    }

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final byte[] scratch = new byte[1 << 16];
    private final UnsafeBuffer payload = new UnsafeBuffer(scratch);
    private int typeCode;

    private JournalReader(final Path directory)
    {
        this.directory = directory;
        this.queue = SingleChronicleQueueBuilder.binary(directory).build();
    }

    /**
     * @param directory the journal's directory.
     * @return a reader.
     * @throws JournalException if the directory holds no journal.
     */
    public static JournalReader open(final Path directory)
    {
        ChronicleDefaults.apply();
        if (!exists(directory))
        {
            throw new JournalException("no journal here (no " + JournalRetention.CYCLE_FILE_SUFFIX +
                " cycle files): dir=" + directory);
        }
        return new JournalReader(directory);
    }

    /**
     * @param directory a directory.
     * @return true if it holds at least one cycle file.
     */
    public static boolean exists(final Path directory)
    {
        return Files.isDirectory(directory) && !JournalRetention.cycleFiles(directory).isEmpty();
    }

    /** @return index of the last checkpoint, or {@link #NONE}. */
    public long lastCheckpoint()
    {
        return find(RecordType.CHECKPOINT, TailerDirection.BACKWARD, NONE);
    }

    /** @return index of the first checkpoint, or {@link #NONE}. */
    public long firstCheckpoint()
    {
        return find(RecordType.CHECKPOINT, TailerDirection.FORWARD, NONE);
    }

    /**
     * @param index a record's index.
     * @return the settings in force at that record: the nearest {@link RecordType#SETTINGS} at or before it, or null.
     */
    public String settingsAt(final long index)
    {
        final long at = find(RecordType.SETTINGS, TailerDirection.BACKWARD, index);
        if (at == NONE)
        {
            return null;
        }
        final String[] text = new String[1];
        read(at, (type, i, buffer, length) ->
        {
            text[0] = buffer.getStringWithoutLengthUtf8(0, length);
            return false;
        });
        return text[0];
    }

    /**
     * Walk the records from an index to the end, in order.
     *
     * @param fromIndex first record to visit; {@link #NONE} for the start of the journal.
     * @param visitor   receives each record.
     * @return records visited.
     * @throws JournalException if the index is not in the journal, or a record is malformed.
     */
    public long read(final long fromIndex, final RecordVisitor visitor)
    {
        long visited = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (fromIndex != NONE && !tailer.moveToIndex(fromIndex))
            {
                throw new JournalException("journal index not found: dir=" + directory + ", index=" +
                    Long.toHexString(fromIndex));
            }
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return visited;
                    }
                    if (!context.isData())
                    {
                        continue;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    final long index = context.index();
                    while (bytes.readRemaining() > 0)
                    {
                        final int length = nextRecord(bytes, index);
                        visited++;
                        if (!visitor.onRecord(RecordType.fromCode(typeCode), index, payload, length))
                        {
                            return visited;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }

    private long find(final RecordType wanted, final TailerDirection direction, final long startIndex)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(direction);
            if (startIndex != NONE)
            {
                if (!tailer.moveToIndex(startIndex))
                {
                    return NONE;
                }
            }
            else if (direction == TailerDirection.BACKWARD)
            {
                tailer.toEnd();
            }
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return NONE;
                    }
                    if (context.isData() && context.wire().bytes().readRemaining() >= Integer.BYTES &&
                        RecordType.fromCode(context.wire().bytes().readInt()) == wanted)
                    {
                        return context.index();
                    }
                }
            }
        }
    }

    // The next record of a document: its type into typeCode, its payload into the scratch array; returns the length.
    private int nextRecord(final Bytes<?> bytes, final long index)
    {
        if (bytes.readRemaining() < 2 * Integer.BYTES)
        {
            throw malformed(index, "record header cut short, " + bytes.readRemaining() + " bytes left");
        }
        typeCode = bytes.readInt();
        final int length = bytes.readInt();
        if (length < 0 || length > scratch.length || length > bytes.readRemaining())
        {
            throw malformed(index, "record length " + length + " with " + bytes.readRemaining() + " bytes left");
        }
        bytes.read(scratch, 0, length);
        return length;
    }

    private JournalException malformed(final long index, final String detail)
    {
        return new JournalException("malformed journal record: dir=" + directory + ", index=" +
            Long.toHexString(index) + ", " + detail);
    }
}
