package io.qecnode.node.journal;

import io.qecnode.io.frame.FrameCheck;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.journal.JournalDamage;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.RecordType;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeAgent;
import org.agrona.collections.Long2LongHashMap;

import java.util.Locale;
import java.util.function.Function;

/**
 * Decodes a journal offline, from its first checkpoint, through the same node code the live node ran, and holds every
 * state it produces against the state the node recorded as forwarded for that block.
 */
public final class JournalReplay
{
    /** How a replayed state compares with the journal. */
    public enum Verdict
    {
        /** Frame bits and flags equal what the node forwarded. */
        IDENTICAL,
        /** The node forwarded something else for this block. */
        DIFFERENT,
        /** The journal has no forwarded state for this block (lost in a journal gap, or held back after a crash). */
        NOT_IN_JOURNAL,
        /** Different, but the journal lost records just before it (a gap): what the node saw cannot be replayed. */
        UNVERIFIABLE
    }

    /** Receives each replayed state. */
    @FunctionalInterface
    public interface StateListener
    {
        /**
         * @param block     block sequence.
         * @param frameBits logical frame bits decoded.
         * @param flags     the state's flags.
         * @param verdict   against the journal.
         */
        void onState(long block, long frameBits, int flags, Verdict verdict);
    }

    /**
     * What a replay found.
     *
     * @param rounds         rounds replayed.
     * @param rejected       rejected frames recorded, by {@link FrameCheck} ordinal.
     * @param journaled      states the journal recorded as forwarded.
     * @param identical      replayed states equal to the journal's.
     * @param different      replayed states that differ from the journal's.
     * @param notInJournal   replayed states with no journal record.
     * @param notReplayed    journal states the replay did not produce.
     * @param unverifiable   replayed states that differ right after a journal gap.
     * @param gapRecords     records the journal lost at the hand-off.
     * @param fromCheckpoint false if the journal had no checkpoint and was replayed from its start.
     * @param damage         where the replay stopped because the journal is damaged; null if it read to the end.
     */
    public record Summary(
        long rounds, long[] rejected, long journaled, long identical, long different, long notInJournal,
        long notReplayed, long unverifiable, long gapRecords, boolean fromCheckpoint, JournalDamage damage)
    {
        /**
         * @return true if every state the node forwarded was produced again, bit for bit, except where the journal's
         *         own gaps make that impossible (the first state after each gap, and states whose rounds were lost).
         */
        public boolean reproduced()
        {
            return different == 0 && (notReplayed == 0 || gapRecords > 0);
        }

        /** @return one line for the console. */
        public String describe()
        {
            long rejectedTotal = 0;
            final StringBuilder reasons = new StringBuilder();
            for (int i = 0; i < rejected.length; i++)
            {
                rejectedTotal += rejected[i];
                if (rejected[i] > 0)
                {
                    reasons.append(reasons.length() == 0 ? " (" : ", ").append(FrameCheck.values()[i].name()
                        .toLowerCase(Locale.ROOT)).append(' ').append(rejected[i]);
                }
            }
            if (reasons.length() > 0)
            {
                reasons.append(')');
            }
            return String.format(Locale.ROOT, "replay: %s, %d rounds, %d rejected frames recorded%s; states the " +
                "node forwarded: %d, identical %d, different %d, not replayed %d; replayed states not in the " +
                "journal %d; records lost in journal gaps %d, states unverifiable after them %d: %s%s",
                fromCheckpoint ? "from the first checkpoint" : "from the start (no checkpoint)", rounds,
                rejectedTotal, reasons, journaled, identical, different, notReplayed, notInJournal, gapRecords,
                unverifiable, !reproduced() ? "NOT REPRODUCED" : gapRecords > 0 ?
                    "REPRODUCED WHERE THE JOURNAL IS WHOLE" : "REPRODUCED", damage == null ? "" :
                    " up to the damage\n" + stoppedAt(damage));
        }
    }

    /**
     * @param damage where a read stopped.
     * @return one line: the damaged record and what was and was not read.
     */
    public static String stoppedAt(final JournalDamage damage)
    {
        return String.format(Locale.ROOT, "%s; the %d records read before it verified, stopped there (%d bytes " +
            "not read: the rest of that file and every later cycle file)", damage.describe(), damage.record(),
            damage.skipped());
    }

    private JournalReplay()
    {
    }

    /**
     * @param reader   the journal.
     * @param newNode  makes a fresh node (built from the journal's settings) whose way out is the given sender.
     * @param listener receives every replayed state.
     * @return the summary.
     */
    public static Summary replay(
        final JournalReader reader, final Function<FrameSender, NodeAgent> newNode, final StateListener listener)
    {
        final long start = reader.firstCheckpoint();
        final Long2LongHashMap journaledBits = new Long2LongHashMap(Long.MIN_VALUE);
        final Long2LongHashMap journaledFlags = new Long2LongHashMap(Long.MIN_VALUE);
        final LogicalStateView state = new LogicalStateView();
        final long[] gaps = new long[1];
        // Both walks stop at the same damaged record, if any: everything compared was verified.
        reader.read(start, (type, index, payload, length) ->
        {
            if (type == RecordType.STATE)
            {
                state.wrap(payload, 0);
                journaledBits.put(state.blockSequence(), state.frameBits());
                journaledFlags.put(state.blockSequence(), state.flags());
            }
            else if (type == RecordType.GAP)
            {
                gaps[0] += payload.getLong(0);
            }
            return true;
        });
        final long journaled = journaledBits.size();
        final long[] verdicts = new long[Verdict.values().length];
        final boolean[] afterGap = new boolean[1];
        // The frame bits the node forwarded for a block the replay got wrong, taken as the replay's own before its
        // next round (-1: none pending).
        final long[] takeFrame = {-1, -1};
        final LogicalStateView replayed = new LogicalStateView();
        final NodeAgent node = newNode.apply((buffer, offset, length) ->
        {
            replayed.wrap(buffer, offset);
            final long block = replayed.blockSequence();
            final long bits = journaledBits.remove(block);
            final long flags = journaledFlags.remove(block);
            Verdict verdict = bits == Long.MIN_VALUE ? Verdict.NOT_IN_JOURNAL :
                bits == replayed.frameBits() && flags == replayed.flags() ? Verdict.IDENTICAL : Verdict.DIFFERENT;
            if (verdict == Verdict.DIFFERENT && afterGap[0])
            {
                verdict = Verdict.UNVERIFIABLE;
            }
            if (verdict == Verdict.DIFFERENT || verdict == Verdict.UNVERIFIABLE)
            {
                // The frame outlives the block: left as it is, one difference would make every later state differ.
                // Taking the node's frame judges each later block on its own decode.
                takeFrame[0] = block;
                takeFrame[1] = bits;
            }
            // A state the journal lost says nothing about the gap before it; the next one it kept still may differ.
            afterGap[0] &= verdict == Verdict.NOT_IN_JOURNAL;
            verdicts[verdict.ordinal()]++;
            listener.onState(block, replayed.frameBits(), replayed.flags(), verdict);
            return true;
        });
        final long[] rounds = new long[1];
        final long[] rejected = new long[FrameCheck.values().length];
        reader.read(start, (type, index, payload, length) ->
        {
            if (type == RecordType.ROUND)
            {
                if (takeFrame[0] >= 0)
                {
                    node.restore(takeFrame[0], takeFrame[1]);
                    takeFrame[0] = -1;
                }
                rounds[0]++;
                node.onFrame(payload, JournalHandOff.ROUND_FRAME_OFFSET, length - JournalHandOff.ROUND_FRAME_OFFSET);
            }
            else if (type == RecordType.REJECTED)
            {
                final int reason = payload.getInt(JournalHandOff.REASON_OFFSET);
                rejected[reason >= 0 && reason < rejected.length ? reason : 0]++;
            }
            else if (type == RecordType.GAP)
            {
                afterGap[0] = true;
            }
            else if (type == RecordType.CHECKPOINT && index == start)
            {
                node.restore(payload.getLong(JournalHandOff.CHECKPOINT_BLOCK_OFFSET),
                    payload.getLong(JournalHandOff.CHECKPOINT_FRAME_OFFSET));
            }
            return true;
        });
        return new Summary(rounds[0], rejected, journaled, verdicts[Verdict.IDENTICAL.ordinal()],
            verdicts[Verdict.DIFFERENT.ordinal()], verdicts[Verdict.NOT_IN_JOURNAL.ordinal()], journaledBits.size(),
            verdicts[Verdict.UNVERIFIABLE.ordinal()], gaps[0], start != JournalReader.NONE, reader.damage());
    }
}
