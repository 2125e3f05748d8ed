package io.qecnode.node.journal;

import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.journal.JournalDamage;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.RecordType;
import io.qecnode.node.pipeline.NodeAgent;

import java.util.List;
import java.util.Locale;

/**
 * Brings a restarted node back to where its journal ends: restore the last checkpoint (taken between blocks, where
 * the decoder window is empty), then hand every round recorded after it to the node again, in order. The decoder is
 * deterministic, so the node ends up holding exactly the rounds and window it held before the crash.
 * <p>
 * A damaged tail (a cycle file cut short by a crash, a record whose checksum fails) ends the replay there: the node
 * resumes from the last checkpoint before the damage with every verified round after it, and the report says what was
 * skipped. Reading never changes the journal.
 */
public final class NodeRecovery
{
    /**
     * What recovery found and did.
     *
     * @param checkpointBlock    last block finished at the checkpoint; -1 for none, or with no checkpoint at all.
     * @param fromCheckpoint     false if the journal had no checkpoint and was replayed from its start.
     * @param roundsReplayed     rounds handed to the node again.
     * @param statesSuppressed   states already forwarded before the crash, not sent again.
     * @param statesResent       states of blocks finished in the tail with no record of being forwarded, sent now.
     * @param gapRecords         records the journal says it lost at the hand-off (a journal gap) in the tail.
     * @param openBlock          the block in hand after recovery, or the last one finished.
     * @param roundsInHand       rounds of the open block held (0 between blocks).
     * @param resumedAt          where the checkpoint is: {@code file=F offset=O}.
     * @param damage             where the replay stopped because the journal is damaged; null if it read to the end.
     * @param setAside           damaged cycle files moved out of the writer's way, as {@code old -> new} names.
     */
    public record Report(
        long checkpointBlock,
        boolean fromCheckpoint,
        long roundsReplayed,
        long statesSuppressed,
        long statesResent,
        long gapRecords,
        long openBlock,
        int roundsInHand,
        String resumedAt,
        JournalDamage damage,
        List<String> setAside)
    {
        /** @return one line for the log. */
        public String describe()
        {
            return String.format(Locale.ROOT, "recovered: %s, %d rounds replayed from the journal, %d states " +
                "already forwarded (held back), %d states sent now, %d journal gap records, %s%s%s%s",
                fromCheckpoint ? "checkpoint after block " + checkpointBlock : "no checkpoint, replayed from the start",
                roundsReplayed, statesSuppressed, statesResent, gapRecords,
                roundsInHand > 0 ? "block " + openBlock + " open with " + roundsInHand + " rounds" :
                    "between blocks after block " + openBlock, fromCheckpoint ? "; checkpoint at " + resumedAt : "",
                damage == null ? "" : "\njournal: " + JournalReplay.stoppedAt(damage) + "; the node resumed from the " +
                    "last checkpoint before it",
                setAside.isEmpty() ? "" : "\njournal: damaged cycle files set aside, byte for byte as they were, so " +
                    "that the writer never extends them: " + String.join(", ", setAside));
        }

        /**
         * @param moved damaged cycle files moved out of the writer's way.
         * @return this report, with them.
         */
        public Report withSetAside(final List<String> moved)
        {
            return new Report(checkpointBlock, fromCheckpoint, roundsReplayed, statesSuppressed, statesResent,
                gapRecords, openBlock, roundsInHand, resumedAt, damage, List.copyOf(moved));
        }
    }

    private NodeRecovery()
    {
    }

    /**
     * @param reader the journal.
     * @param agent  a fresh node, not yet started, whose way out is {@code sender}.
     * @param sender the node's way out; left recovering, for the caller to end.
     * @return what was done.
     */
    public static Report recover(final JournalReader reader, final NodeAgent agent, final RecoveringSender sender)
    {
        final long checkpoint = reader.lastCheckpoint();
        final LogicalStateView state = new LogicalStateView();
        final long[] gaps = new long[1];
        final long[] checkpointBlock = {-1};
        reader.read(checkpoint, (type, index, payload, length) ->
        {
            if (type == RecordType.STATE)
            {
                sender.forwarded(state.wrap(payload, 0).blockSequence());
            }
            else if (type == RecordType.GAP)
            {
                gaps[0] += payload.getLong(0);
            }
            else if (type == RecordType.CHECKPOINT && index == checkpoint)
            {
                checkpointBlock[0] = payload.getLong(JournalHandOff.CHECKPOINT_BLOCK_OFFSET);
                agent.restore(checkpointBlock[0], payload.getLong(JournalHandOff.CHECKPOINT_FRAME_OFFSET));
            }
            return true;
        });
        final long[] rounds = new long[1];
        // Stops at the same damaged record as the walk above, if any.
        reader.read(checkpoint, (type, index, payload, length) ->
        {
            if (type == RecordType.ROUND)
            {
                rounds[0]++;
                agent.onFrame(payload, JournalHandOff.ROUND_FRAME_OFFSET, length - JournalHandOff.ROUND_FRAME_OFFSET);
            }
            return true;
        });
        return new Report(checkpointBlock[0], checkpoint != JournalReader.NONE, rounds[0], sender.suppressed(),
            sender.resent(), gaps[0], agent.currentBlock(), agent.roundsInHand(), reader.describe(checkpoint),
            reader.damage(), List.of());
    }
}
