package io.qecnode.node.journal;

import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.node.pipeline.NodeAgent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record, recover and replay in one process; {@code NodeCrashRecoveryIT} does the same with a real process and a
 * real kill.
 */
class NodeJournalTest
{
    private static final String SETTINGS = "model=phenomenological\ndistance=5\n";
    private static final int BLOCKS = 400;

    @TempDir
    Path dir;

    private final RecordedStream stream = new RecordedStream(BLOCKS, 77);
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));

    @Test
    void shouldResumeMidBlockFromTheJournalAndForwardWhatAnUninterruptedNodeForwards()
    {
        final Map<Long, String> expected = stream.uninterruptedStates();
        final Map<Long, String> forwarded = new TreeMap<>();
        final int cut = 200 * RecordedStream.ROUNDS_PER_BLOCK + 3;

        // First life: record the first 'cut' rounds, then stop without any goodbye.
        final NodeJournal first = journal();
        final NodeAgent before = RecordedStream.node(RecordedStream.collector(forwarded),
            UnionFindDecoder.Growth.WEIGHTED);
        try (JournalWriter writer = first.start(before, SETTINGS, line -> { }))
        {
            feed(before, writer, 0, cut);
            writer.drainAll();
        }

        // Second life: recover into a fresh node and carry on with the rest of the stream.
        final NodeJournal second = journal();
        final RecoveringSender sender = new RecoveringSender(RecordedStream.collector(forwarded));
        final NodeAgent after = RecordedStream.node(sender, UnionFindDecoder.Growth.WEIGHTED);
        final NodeRecovery.Report report = second.recover(after, sender, SETTINGS);
        sender.endRecovery();
        assertTrue(report.fromCheckpoint(), report.describe());
        assertTrue(report.checkpointBlock() >= 190 && report.checkpointBlock() <= 199, report.describe());
        assertEquals(200, report.openBlock(), report.describe());
        assertEquals(3, report.roundsInHand(), report.describe());
        assertEquals(0, report.statesResent(), "every state had been journaled: " + report.describe());
        try (JournalWriter writer = second.start(after, SETTINGS, line -> { }))
        {
            feed(after, writer, cut, stream.frames.size());
            writer.drainAll();
        }

        assertEquals(expected, forwarded);

        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalReplay.Summary summary = JournalReplay.replay(reader,
                out -> RecordedStream.node(out, UnionFindDecoder.Growth.WEIGHTED), (block, bits, flags, verdict) ->
                {
                });
            assertTrue(summary.reproduced(), summary.describe());
            assertEquals(BLOCKS, summary.identical(), summary.describe());
            assertEquals(stream.frames.size(), summary.rounds(), summary.describe());
        }
    }

    @Test
    void shouldReportAReplayWithAnotherDecoderAsNotReproduced()
    {
        final NodeJournal journal = journal();
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, UnionFindDecoder.Growth.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, stream.frames.size());
            writer.drainAll();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalReplay.Summary summary = JournalReplay.replay(reader,
                out -> RecordedStream.node(out, UnionFindDecoder.Growth.UNWEIGHTED), (block, bits, flags, verdict) ->
                {
                });
            assertFalse(summary.reproduced(), summary.describe());
            assertTrue(summary.different() > 0, summary.describe());
            assertEquals(BLOCKS, summary.identical() + summary.different(), summary.describe());
        }
    }

    @Test
    void shouldReproduceEveryStateTheJournalCanVouchForWhenItHasGaps()
    {
        // A 4 KiB hand-off drained every 256 rounds: most rounds are lost to journal gaps.
        final NodeJournal journal = NodeJournal.prepare(new JournalConfig(dir, JournalConfig.Roll.DAILY,
            JournalConfig.RETAIN_BYTES_DEFAULT, 0, 4096, 10), (typeId, label) -> countersManager.newCounter(label,
            typeId), "1");
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, UnionFindDecoder.Growth.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, stream.frames.size());
            writer.drainAll();
            assertTrue(journal.handOff().flushGap(), "room for the last loss once drained");
            writer.drainAll();
        }
        assertTrue(journal.counters().gaps().get() > 0, "the hand-off overflowed");
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalReplay.Summary summary = JournalReplay.replay(reader,
                out -> RecordedStream.node(out, UnionFindDecoder.Growth.WEIGHTED), (block, bits, flags, verdict) ->
                {
                });
            // Losses before the first checkpoint are before where a replay starts.
            assertTrue(summary.gapRecords() > 0 && summary.gapRecords() <= journal.counters().gaps().get(),
                summary.describe());
            assertEquals(0, summary.different(), summary.describe());
            assertTrue(summary.identical() > 0, summary.describe());
            assertTrue(summary.reproduced(), summary.describe());
            assertTrue(summary.describe().endsWith("REPRODUCED WHERE THE JOURNAL IS WHOLE"), summary.describe());
        }
    }

    @Test
    void shouldRefuseToRecoverAJournalWrittenForAnotherCode()
    {
        final NodeJournal journal = journal();
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, UnionFindDecoder.Growth.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, 60);
            writer.drainAll();
        }
        final RecoveringSender sender = new RecoveringSender((buffer, offset, length) -> true);
        final JournalException refused = assertThrows(JournalException.class, () -> journal().recover(
            RecordedStream.node(sender, UnionFindDecoder.Growth.WEIGHTED), sender, "model=phenomenological\n" +
            "distance=7\n"));
        assertTrue(refused.getMessage().startsWith("the journal was written with other decoding settings"),
            refused.getMessage());
    }

    private NodeJournal journal()
    {
        return NodeJournal.prepare(new JournalConfig(dir, JournalConfig.Roll.DAILY, JournalConfig.RETAIN_BYTES_DEFAULT,
            0, 1 << 20, 10), (typeId, label) -> countersManager.newCounter(label, typeId), "1");
    }

    private void feed(final NodeAgent node, final JournalWriter writer, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final UnsafeBuffer frame = stream.frames.get(i);
            node.onFrame(frame, 0, frame.capacity());
            if ((i & 255) == 0)
            {
                writer.doWork();
            }
        }
    }
}
