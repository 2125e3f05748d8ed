package io.qecnode.io.journal;

import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a journal written by {@link JournalWriter}: finds its checkpoints and settings and walks its records in order,
 * checking each record's CRC32C.
 * <p>
 * It reads the cycle files itself, through {@link CycleFile}s (a read-only channel, positional reads), not through
 * Chronicle: Chronicle's read-only queue leaves files unchanged but touches a file cut short through a memory map and
 * dies of the fault (a JVM {@code InternalError}), and its writable queue extends such a file to its block size. Here a
 * damaged journal is an answer: a read stops at the first damaged record, {@link #damage()} says where and why, and
 * every record before it was verified. Opening it does not disturb a node that is still appending: a document still
 * being written ends that file's data (as one a killed node left unfinished does). Opening walks every document header
 * once (a positional read each), to find the checkpoints, the settings and the damaged files.
 * <p>
 * A position names a document: its cycle file's place in the directory and its byte offset in that file.
 */
public final class JournalReader implements AutoCloseable
{
    /** Position meaning "no such record". */
    public static final long NONE = -1;

    private static final int FILE_SHIFT = 40;
    private static final long OFFSET_MASK = (1L << FILE_SHIFT) - 1;
    private static final int MAX_PAYLOAD = 1 << 16;
    private static final int MAX_DOCUMENT = 64 << 20;
    private static final int PROBE_BYTES = 64;
    private static final int DATA = 0;
    private static final int END = 1;
    private static final int DAMAGED = 2;
    private static final int UNFINISHED = 3;

    /** Receives each record, its payload in a buffer that is valid only during the call. */
    @FunctionalInterface
    public interface RecordVisitor
    {
        /**
         * @param type     the record's type, or null for a code this version does not know.
         * @param position the document holding the record (a checkpoint is always the first record of its document,
         *                 so its position is where a recovery starts reading).
         * @param payload  the payload, from offset 0.
         * @param length   payload bytes.
         * @return false to stop reading.
         */
        boolean onRecord(RecordType type, long position, UnsafeBuffer payload, int length);
    }

    private final Path directory;
    private final List<CycleFile> files = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);
    private final LongArrayList settingsPositions = new LongArrayList();
    private final List<JournalDamage> damagedFiles = new ArrayList<>();
    private long firstCheckpoint = NONE;
    private long lastCheckpoint = NONE;
    private JournalDamage damage;
    private boolean unfinished;
    private long documentStart;
    private int documentLength;
    private String problem;

    private JournalReader(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Open every cycle file for reading and walk their documents once, to find the checkpoints and settings and the
     * files that are damaged.
     *
     * @param directory the journal's directory.
     * @return a reader.
     * @throws JournalException if the directory holds no journal, a cycle file cannot be read, or the journal was
     *                          written in format 1 (without checksums) by an older version.
     */
    public static JournalReader open(final Path directory)
    {
        if (!exists(directory))
        {
            throw new JournalException("no journal here (no " + JournalRetention.CYCLE_FILE_SUFFIX +
                " cycle files): dir=" + directory);
        }
        final JournalReader reader = new JournalReader(directory);
        try
        {
            for (final Path path : JournalRetention.cycleFiles(directory))
            {
                reader.files.add(new CycleFile(path));
            }
            reader.survey();
            return reader;
        }
        catch (final IOException ex)
        {
            reader.close();
            throw new JournalException("journal file cannot be read: dir=" + directory + ", reason=" + ex, ex);
        }
        catch (final RuntimeException ex)
        {
            reader.close();
            throw ex;
        }
    }

    /**
     * @param directory a directory.
     * @return true if it holds at least one cycle file.
     */
    public static boolean exists(final Path directory)
    {
        return Files.isDirectory(directory) && !JournalRetention.cycleFiles(directory).isEmpty();
    }

    /** @return position of the last checkpoint, or {@link #NONE}. */
    public long lastCheckpoint()
    {
        return lastCheckpoint;
    }

    /** @return position of the first checkpoint, or {@link #NONE}. */
    public long firstCheckpoint()
    {
        return firstCheckpoint;
    }

    /**
     * @param position a record's position, or {@link #NONE} for the end of the journal.
     * @return the settings in force there: the nearest {@link RecordType#SETTINGS} at or before it, or null.
     */
    public String settingsAt(final long position)
    {
        long at = NONE;
        for (int i = 0; i < settingsPositions.size(); i++)
        {
            final long candidate = settingsPositions.getLong(i);
            if (position == NONE || candidate <= position)
            {
                at = candidate;
            }
        }
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
     * Walk the records from a position to the end, in order, checking each one's checksum; stop at the first damaged
     * record or document, which {@link #damage()} then describes.
     *
     * @param fromPosition first document to visit; {@link #NONE} for the start of the journal.
     * @param visitor      receives each record.
     * @return records visited.
     * @throws JournalException if a cycle file cannot be read.
     */
    public long read(final long fromPosition, final RecordVisitor visitor)
    {
        damage = null;
        unfinished = false;
        long visited = 0;
        int fileIndex = fromPosition == NONE ? 0 : (int)(fromPosition >>> FILE_SHIFT);
        long position = fromPosition == NONE ? 0 : fromPosition & OFFSET_MASK;
        try
        {
            for (; fileIndex < files.size(); fileIndex++, position = 0)
            {
                final CycleFile file = files.get(fileIndex);
                for (int outcome = nextData(file, position, Integer.MAX_VALUE); outcome != END;
                    outcome = nextData(file, position, Integer.MAX_VALUE))
                {
                    if (outcome == UNFINISHED)
                    {
                        unfinished = true;
                        break;
                    }
                    if (outcome != DATA)
                    {
                        damage = damage(visited, fileIndex, documentStart, problem);
                        return visited;
                    }
                    final long document = documentStart;
                    final long body = document + JournalFormat.DOCUMENT_HEADER_BYTES;
                    final int start = file.load(body, documentLength);
                    final int end = start + documentLength;
                    if (documentLength < Integer.BYTES || file.intAt(start) != JournalFormat.DOCUMENT_MARKER)
                    {
                        damage = damage(visited, fileIndex, body, "the document does not start with the journal's " +
                            "format marker");
                        return visited;
                    }
                    for (int offset = start + Integer.BYTES; offset < end; )
                    {
                        final int length = checkedRecord(file, offset, end);
                        if (length < 0)
                        {
                            damage = damage(visited, fileIndex, body + offset - start, problem);
                            return visited;
                        }
                        payload.wrap(file.array(), offset + JournalFormat.RECORD_HEADER_BYTES, length);
                        visited++;
                        if (!visitor.onRecord(RecordType.fromCode(file.intAt(offset)),
                            ((long)fileIndex << FILE_SHIFT) | document, payload, length))
                        {
                            return visited;
                        }
                        offset += JournalFormat.RECORD_HEADER_BYTES + length + JournalFormat.CRC_BYTES;
                    }
                    position = JournalFormat.align(body + documentLength);
                }
            }
            return visited;
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal file cannot be read: file=" + files.get(fileIndex).path() +
                ", reason=" + ex, ex);
        }
    }

    /** @return where the last {@link #read} stopped because the journal is damaged; null if it was not. */
    public JournalDamage damage()
    {
        return damage;
    }

    /**
     * @return true if the last {@link #read} met a document the writer had not finished: what a node that is still
     *         writing, or was killed while writing, leaves at the end of a cycle file. Not damage: those records were
     *         never committed; the read goes on with the next cycle file.
     */
    public boolean endedUnfinished()
    {
        return unfinished;
    }

    /**
     * @return the cycle files whose documents cannot be walked to their end (cut short, not a cycle file, a document
     *         that cannot be framed), each with the first damage found in it ({@link JournalDamage#record()} is -1:
     *         records are not counted here).
     */
    public List<JournalDamage> damagedFiles()
    {
        return Collections.unmodifiableList(damagedFiles);
    }

    /**
     * @param position a document's position, or {@link #NONE} for the start of the journal.
     * @return the damaged files (as {@link #damagedFiles()}) whose damage lies before it: a read from there never
     *         meets them.
     */
    public List<JournalDamage> damagedBefore(final long position)
    {
        final List<JournalDamage> before = new ArrayList<>();
        if (position != NONE)
        {
            final Path file = files.get((int)(position >>> FILE_SHIFT)).path();
            for (final JournalDamage damaged : damagedFiles)
            {
                final int order = damaged.file().compareTo(file);
                if (order < 0 || order == 0 && damaged.offset() < (position & OFFSET_MASK))
                {
                    before.add(damaged);
                }
            }
        }
        return before;
    }

    /**
     * @param position a document's position.
     * @return {@code file=F offset=O}.
     */
    public String describe(final long position)
    {
        return position == NONE ? "the start of the journal" : "file=" +
            files.get((int)(position >>> FILE_SHIFT)).path() + " offset=" + (position & OFFSET_MASK);
    }

    /** @return the journal's directory. */
    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        files.forEach(CycleFile::close);
    }

    // Once, at open: every document's first record, for the checkpoints and settings; every file's framing.
    private void survey() throws IOException
    {
        for (int fileIndex = 0; fileIndex < files.size(); fileIndex++)
        {
            final CycleFile file = files.get(fileIndex);
            long position = 0;
            for (int outcome = nextData(file, position, PROBE_BYTES); outcome != END;
                outcome = nextData(file, position, PROBE_BYTES))
            {
                if (outcome == UNFINISHED)
                {
                    break;
                }
                if (outcome != DATA)
                {
                    damagedFiles.add(damage(-1, fileIndex, documentStart, problem));
                    break;
                }
                final long body = documentStart + JournalFormat.DOCUMENT_HEADER_BYTES;
                final int start = file.load(body, Math.min(documentLength, PROBE_BYTES), PROBE_BYTES);
                final int marker = documentLength < Integer.BYTES ? 0 : file.intAt(start);
                if (marker != JournalFormat.DOCUMENT_MARKER)
                {
                    if (JournalFormat.isFormatOne(marker))
                    {
                        throw new JournalException("journal written in format 1 by an older qec-node (records " +
                            "without checksums); this version reads format 2 only: replay it with the version that " +
                            "wrote it, or record into a fresh directory, file=" + file.path());
                    }
                    damagedFiles.add(damage(-1, fileIndex, body, "the document does not start with the journal's " +
                        "format marker"));
                    break;
                }
                noteFirstRecord(file, fileIndex, body);
                position = JournalFormat.align(body + documentLength);
            }
        }
    }

    private void noteFirstRecord(final CycleFile file, final int fileIndex, final long body) throws IOException
    {
        final int headerEnd = Integer.BYTES + JournalFormat.RECORD_HEADER_BYTES;
        if (documentLength < headerEnd)
        {
            return;
        }
        int start = file.load(body, headerEnd, PROBE_BYTES);
        final RecordType type = RecordType.fromCode(file.intAt(start + Integer.BYTES));
        if (type != RecordType.CHECKPOINT && type != RecordType.SETTINGS)
        {
            return;
        }
        final int length = file.intAt(start + Integer.BYTES + Integer.BYTES);
        final int recordEnd = headerEnd + Math.max(0, length) + JournalFormat.CRC_BYTES;
        if (length < 0 || length > MAX_PAYLOAD || recordEnd > documentLength)
        {
            return;
        }
        start = file.load(body, recordEnd, recordEnd);
        if (checkedRecord(file, start + Integer.BYTES, start + recordEnd) < 0)
        {
            return;
        }
        final long position = ((long)fileIndex << FILE_SHIFT) | (body - JournalFormat.DOCUMENT_HEADER_BYTES);
        if (type == RecordType.SETTINGS)
        {
            settingsPositions.addLong(position);
        }
        else
        {
            firstCheckpoint = firstCheckpoint == NONE ? position : firstCheckpoint;
            lastCheckpoint = position;
        }
    }

    // The record at offset of the file's view, up to end: its payload length if its framing and checksum are right,
    // else -1 with the reason in problem.
    private int checkedRecord(final CycleFile file, final int offset, final int end)
    {
        if (end - offset < JournalFormat.RECORD_HEADER_BYTES + JournalFormat.CRC_BYTES)
        {
            problem = "record header cut short: " + (end - offset) + " bytes left in its document";
            return -1;
        }
        final int length = file.intAt(offset + Integer.BYTES);
        final int room = end - offset - JournalFormat.RECORD_HEADER_BYTES - JournalFormat.CRC_BYTES;
        if (length < 0 || length > MAX_PAYLOAD || length > room)
        {
            problem = "record length " + length + " does not fit its document (" + room + " bytes left)";
            return -1;
        }
        final int stored = file.intAt(offset + JournalFormat.RECORD_HEADER_BYTES + length);
        if (JournalFormat.checksum(crc, file.array(), offset, length) != stored)
        {
            problem = "checksum mismatch (CRC32C)";
            return -1;
        }
        return length;
    }

    // From the document header at position, skipping Chronicle's metadata: DATA (documentStart and documentLength
    // set), END, DAMAGED or UNFINISHED (problem set).
    private int nextData(final CycleFile file, final long from, final int readAhead) throws IOException
    {
        long position = from;
        while (true)
        {
            documentStart = position;
            if (position + JournalFormat.DOCUMENT_HEADER_BYTES > file.size())
            {
                problem = "the file ends without an end-of-data mark (" + file.size() + " bytes): it was cut short";
                return DAMAGED;
            }
            final int header = file.intAt(file.load(position, JournalFormat.DOCUMENT_HEADER_BYTES, readAhead));
            final int length = header & JournalFormat.LENGTH_MASK;
            if (position == 0 && !isQueueHeader(file, header, length))
            {
                problem = "not a Chronicle cycle file (no queue header)";
                return DAMAGED;
            }
            if (header == 0 || header == JournalFormat.END_OF_DATA)
            {
                return END;
            }
            if (header == JournalFormat.NOT_COMPLETE)
            {
                problem = "a document the writer never finished";
                return UNFINISHED;
            }
            if ((header & JournalFormat.NOT_COMPLETE) != 0 || length > MAX_DOCUMENT)
            {
                problem = "impossible document header 0x" + Integer.toHexString(header);
                return DAMAGED;
            }
            final long body = position + JournalFormat.DOCUMENT_HEADER_BYTES;
            if (body + length > file.size())
            {
                problem = "a document of " + length + " bytes runs past the end of the file (" + file.size() +
                    " bytes): the file was cut short";
                return DAMAGED;
            }
            if ((header & JournalFormat.META_DATA) == 0)
            {
                documentLength = length;
                return DATA;
            }
            position = JournalFormat.align(body + length);
        }
    }

    private static boolean isQueueHeader(final CycleFile file, final int header, final int length) throws IOException
    {
        if ((header & ~JournalFormat.LENGTH_MASK) != JournalFormat.META_DATA ||
            JournalFormat.DOCUMENT_HEADER_BYTES + (long)length > file.size())
        {
            return false;
        }
        final int bytes = JournalFormat.QUEUE_HEADER_FIELD.length;
        final int at = file.load(JournalFormat.DOCUMENT_HEADER_BYTES, Math.min(length, bytes), bytes);
        return at >= 0 && JournalFormat.startsWithQueueHeader(file.view(), at, length);
    }

    private JournalDamage damage(final long record, final int fileIndex, final long offset, final String reason)
    {
        long skipped = files.get(fileIndex).size() - offset;
        for (int i = fileIndex + 1; i < files.size(); i++)
        {
            skipped += files.get(i).size();
        }
        return new JournalDamage(record, files.get(fileIndex).path(), offset, reason, skipped);
    }
}
