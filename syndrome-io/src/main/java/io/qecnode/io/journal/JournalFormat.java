package io.qecnode.io.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * The journal's layout inside Chronicle's documents, format 2: every data document starts with
 * {@link #DOCUMENT_MARKER}, then records, each as type code (int32), payload length (int32), payload and the CRC32C
 * (int32) of the type, length and payload, little-endian. Format 1 (no marker, no checksums) is refused with a clear
 * message: its documents start with a record type code instead.
 * <p>
 * Chronicle frames each document with a 4-byte header: length in the low 30 bits, bit 30 for metadata (the queue's
 * own header and indexes), bit 31 while the document is still being written; documents start on 4-byte boundaries and
 * a zero header (or {@link #END_OF_DATA}) ends the data of a cycle file.
 */
final class JournalFormat
{
    /** "QJ2\0" read as a little-endian int32: format 2 of the journal. */
    static final int DOCUMENT_MARKER = 0x00324A51;
    static final int RECORD_HEADER_BYTES = 2 * Integer.BYTES;
    static final int CRC_BYTES = Integer.BYTES;

    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int META_DATA = 0x4000_0000;
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int END_OF_DATA = NOT_COMPLETE | META_DATA;
    static final int DOCUMENT_HEADER_BYTES = Integer.BYTES;

    /** A cycle file opens with a metadata document whose first field is named "header" (binary wire: 0xB9, 6). */
    static final byte[] QUEUE_HEADER_FIELD = {(byte)0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r'};

    private JournalFormat()
    {
    }

    /**
     * @param crc    reused; reset here.
     * @param record the record from its type code: header and payload, {@code RECORD_HEADER_BYTES + length} bytes.
     * @param offset where the record starts.
     * @param length payload bytes.
     * @return the checksum stored after the payload.
     */
    static int checksum(final CRC32C crc, final byte[] record, final int offset, final int length)
    {
        crc.reset();
        crc.update(record, offset, RECORD_HEADER_BYTES + length);
        return (int)crc.getValue();
    }

    /**
     * @param code the first int32 of a document.
     * @return true if it is a record type code, as format 1 documents start.
     */
    static boolean isFormatOne(final int code)
    {
        return RecordType.fromCode(code) != null;
    }

    static long align(final long position)
    {
        return (position + 3) & ~3L;
    }

    static boolean startsWithQueueHeader(final UnsafeBuffer buffer, final int offset, final int length)
    {
        if (length < QUEUE_HEADER_FIELD.length)
        {
            return false;
        }
        for (int i = 0; i < QUEUE_HEADER_FIELD.length; i++)
        {
            if (buffer.getByte(offset + i) != QUEUE_HEADER_FIELD[i])
            {
                return false;
            }
        }
        return true;
    }
}
