package io.qecnode.io.journal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a journal read stopped because the journal is damaged: a record whose checksum does not match, a document
 * or record whose framing is impossible, a cycle file cut short (a crash can leave one) or a file named like a cycle
 * file that is not one. Everything read before it was verified.
 *
 * @param record   records verified before the damage, counted from where the read started: the damaged record's
 *                 index in that read; -1 where records were not counted.
 * @param file     the cycle file.
 * @param offset   byte offset in the file of the damaged record or document.
 * @param reason   what is wrong.
 * @param skipped  bytes not read from here on: the rest of this file and every later cycle file.
 */
public record JournalDamage(long record, Path file, long offset, String reason, long skipped)
{
    /** @return one line: {@code CORRUPT record N at file=F offset=O: reason}, without the record if not counted. */
    public String describe()
    {
        return String.format(Locale.ROOT, "CORRUPT %sat file=%s offset=%d: %s", record < 0 ? "" : "record " + record +
            " ", file, offset, reason);
    }
}
