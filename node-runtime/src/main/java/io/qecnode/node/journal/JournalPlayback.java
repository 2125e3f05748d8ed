package io.qecnode.node.journal;

import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.RecordType;
import io.qecnode.io.transport.FrameSender;
import org.agrona.concurrent.NanoClock;

/**
 * Plays a journal's rounds onto the bus as a hardware source: the frames exactly as the node received them, either
 * at the pace they arrived (each frame held until its recorded arrival offset from the first) or as fast as the bus
 * takes them.
 */
public final class JournalPlayback
{
    /**
     * @param sent    frames sent.
     * @param notSent frames the bus refused after its bounded retries, counted by the publisher.
     * @param spanNs  recorded time from the first round to the last.
     */
    public record Result(long sent, long notSent, long spanNs)
    {
    }

    private JournalPlayback()
    {
    }

    /**
     * @param reader       the journal.
     * @param out          the bus.
     * @param recordedPace true to keep the recorded spacing, false for as fast as possible.
     * @param clock        the clock pacing is measured on.
     * @return what was sent.
     */
    public static Result play(
        final JournalReader reader, final FrameSender out, final boolean recordedPace, final NanoClock clock)
    {
        final long[] counts = new long[2];
        final long[] first = {Long.MIN_VALUE, 0, 0};
        reader.read(JournalReader.NONE, (type, index, payload, length) ->
        {
            if (Thread.currentThread().isInterrupted())
            {
                return false; // a signal: stop playing, so that the bus closes before the JVM exits
            }
            if (type != RecordType.ROUND)
            {
                return true;
            }
            final long arrivedNs = payload.getLong(JournalHandOff.ARRIVED_OFFSET);
            if (first[0] == Long.MIN_VALUE)
            {
                first[0] = arrivedNs;
                first[1] = clock.nanoTime();
            }
            if (recordedPace)
            {
                final long dueNs = first[1] + (arrivedNs - first[0]);
                while (clock.nanoTime() - dueNs < 0)
                {
                    Thread.onSpinWait();
                }
            }
            first[2] = arrivedNs - first[0];
            final boolean sent = out.send(payload, JournalHandOff.ROUND_FRAME_OFFSET,
                length - JournalHandOff.ROUND_FRAME_OFFSET);
            counts[sent ? 0 : 1]++;
            return true;
        });
        return new Result(counts[0], counts[1], first[2]);
    }
}
