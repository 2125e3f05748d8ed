package io.qecnode.node.journal;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.node.pipeline.NodeAgent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
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

    private DamagedJournal recorded;
    private RecordedStream stream;
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));

    @BeforeEach
    void stream()
    {
        recorded = new DamagedJournal(dir, BLOCKS);
        stream = recorded.stream;
    }

    @Test
    void shouldResumeMidBlockFromTheJournalAndForwardWhatAnUninterruptedNodeForwards()
    {
        final Map<Long, String> expected = stream.uninterruptedStates();
        final Map<Long, String> forwarded = new TreeMap<>();
        final int cut = 200 * RecordedStream.ROUNDS_PER_BLOCK + 3;

        // First life: record the first 'cut' rounds, then stop without any goodbye.
        final NodeJournal first = journal();
        final NodeAgent before = RecordedStream.node(RecordedStream.collector(forwarded),
            DecoderMode.WEIGHTED);
        try (JournalWriter writer = first.start(before, SETTINGS, line -> { }))
        {
            feed(before, writer, 0, cut);
            writer.drainAll();
        }

        // Second life: recover into a fresh node and carry on with the rest of the stream.
        final NodeJournal second = journal();
        final RecoveringSender sender = new RecoveringSender(RecordedStream.collector(forwarded));
        final NodeAgent after = RecordedStream.node(sender, DecoderMode.WEIGHTED);
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
                out -> RecordedStream.node(out, DecoderMode.WEIGHTED), (block, bits, flags, verdict) ->
                {
                });
            assertTrue(summary.reproduced(), summary.describe());
            assertEquals(BLOCKS, summary.identical(), summary.describe());
            assertEquals(stream.frames.size(), summary.rounds(), summary.describe());
        }
    }

    @Test
    void shouldReplayFromALaterCheckpointThatCarriesTheQubitsFrame()
    {
        // The journal starts after the node has run a while: its first checkpoint holds the frame those blocks left,
        // chosen not to be the identity so that a replay that dropped it could not pass.
        final Map<Long, String> expected = stream.uninterruptedStates();
        long before = 100;
        while (expected.get(before).startsWith("0/"))
        {
            before++;
        }
        final int firstJournaled = (int)(before + 1) * RecordedStream.ROUNDS_PER_BLOCK;
        final Map<Long, String> forwarded = new TreeMap<>();
        final NodeAgent node = RecordedStream.node(RecordedStream.collector(forwarded),
            DecoderMode.WEIGHTED);
        for (int i = 0; i < firstJournaled; i++)
        {
            node.onFrame(stream.frames.get(i), 0, stream.frames.get(i).capacity());
        }
        final NodeJournal journal = journal();
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, firstJournaled, stream.frames.size());
            writer.drainAll();
        }
        assertEquals(expected, forwarded, "the frame outlives every block");

        final Map<Long, String> replayed = new TreeMap<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalReplay.Summary summary = JournalReplay.replay(reader,
                out -> RecordedStream.node(out, DecoderMode.WEIGHTED), (block, bits, flags, verdict) ->
                    replayed.put(block, bits + "/" + flags));
            assertTrue(summary.fromCheckpoint(), summary.describe());
            assertTrue(summary.reproduced(), summary.describe());
            assertEquals(BLOCKS - before - 1, summary.identical(), summary.describe());
        }
        assertEquals(new TreeMap<>(expected).tailMap(before, false), replayed);
    }

    @Test
    void shouldReportAReplayWithAnotherDecoderAsNotReproduced()
    {
        final NodeJournal journal = journal();
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, DecoderMode.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, stream.frames.size());
            writer.drainAll();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalReplay.Summary summary = JournalReplay.replay(reader,
                out -> RecordedStream.node(out, DecoderMode.UNWEIGHTED), (block, bits, flags, verdict) ->
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
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, DecoderMode.WEIGHTED);
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
                out -> RecordedStream.node(out, DecoderMode.WEIGHTED), (block, bits, flags, verdict) ->
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
        final NodeAgent node = RecordedStream.node((buffer, offset, length) -> true, DecoderMode.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, 60);
            writer.drainAll();
        }
        final RecoveringSender sender = new RecoveringSender((buffer, offset, length) -> true);
        final JournalException refused = assertThrows(JournalException.class, () -> journal().recover(
            RecordedStream.node(sender, DecoderMode.WEIGHTED), sender, "model=phenomenological\n" +
            "distance=7\n"));
        assertTrue(refused.getMessage().startsWith("the journal was written with other decoding settings"),
            refused.getMessage());
    }

    @Test
    void shouldResumeFromTheLastCheckpointBeforeATornTailAndSetTheTornFileAside() throws IOException
    {
        final int tornAt = 250 * RecordedStream.ROUNDS_PER_BLOCK + 2;
        recorded.record(300 * RecordedStream.ROUNDS_PER_BLOCK + 3, (buffer, offset, length) -> true);
        recorded.cutAtRound(tornAt);
        final Path torn = recorded.cycleFile();
        final String tornPrint = DamagedJournal.sha256(torn);
        final long tornBytes = Files.size(torn);

        final SecondLife second = new SecondLife(journal());
        final NodeRecovery.Report report = second.report;

        final Path aside = torn.resolveSibling(torn.getFileName() + NodeJournal.DAMAGED_SUFFIX);
        assertEquals(tornPrint, DamagedJournal.sha256(aside), "set aside byte for byte: " + report.describe());
        assertEquals(tornBytes, Files.size(aside), "neither grown nor cut");
        assertFalse(Files.exists(torn), "out of the writer's way");
        assertTrue(report.damage().reason().contains("cut short"), report.describe());
        assertTrue(report.checkpointBlock() >= 230 && report.checkpointBlock() < 250,
            "the last checkpoint before the damage: " + report.describe());
        final int resumedAt = resumedAt(report);
        assertTrue(resumedAt <= tornAt, "no round after the damage: " + resumedAt);
        final String said = report.describe();
        assertTrue(said.contains("journal: CORRUPT record " + report.damage().record() + " at file=" + torn +
            " offset="), said);
        assertTrue(said.contains("the node resumed from the last checkpoint before it"), said);
        assertTrue(said.contains("damaged cycle files set aside, byte for byte as they were"), said);

        second.carryOn(resumedAt);
    }

    @Test
    void shouldStopRecoveryAtAFlippedByteWithoutChangingTheJournal() throws IOException
    {
        // Checkpoints every 10 blocks: the damaged round comes after the last one.
        final int cut = 305 * RecordedStream.ROUNDS_PER_BLOCK + 3;
        recorded.record(cut, (buffer, offset, length) -> true);
        final int damaged = cut - 2;
        recorded.flipByteOfRound(damaged);
        final Map<String, String> before = recorded.fingerprint();

        final SecondLife second = new SecondLife(journal());
        final NodeRecovery.Report report = second.report;

        assertEquals(before, recorded.fingerprint(), "recovery read the journal and left it as it was");
        assertEquals("checksum mismatch (CRC32C)", report.damage().reason(), report.describe());
        assertEquals(damaged, resumedAt(report), "every round before the damaged one, and none after");
        assertTrue(report.setAside().isEmpty(), "the file itself is whole: the writer goes on in it");
        second.carryOn(damaged);
    }

    // The stream index of the first round the recovered node has not seen: the checkpoint's block ends one.
    private static int resumedAt(final NodeRecovery.Report report)
    {
        return (int)((report.checkpointBlock() + 1) * RecordedStream.ROUNDS_PER_BLOCK + report.roundsReplayed());
    }

    // A node restarted on the journal: recovered, then given the stream from a round on.
    private final class SecondLife
    {
        final NodeJournal journal;
        final Map<Long, String> forwarded = new TreeMap<>();
        final NodeAgent node;
        final NodeRecovery.Report report;

        SecondLife(final NodeJournal journal)
        {
            this.journal = journal;
            final RecoveringSender sender = new RecoveringSender(RecordedStream.collector(forwarded));
            node = RecordedStream.node(sender, DecoderMode.WEIGHTED);
            report = journal.recover(node, sender, DamagedJournal.SETTINGS);
            sender.endRecovery();
        }

        // Given the rounds from 'from' on, the node forwards what an uninterrupted node forwards.
        void carryOn(final int from)
        {
            try (JournalWriter writer = journal.start(node, DamagedJournal.SETTINGS, line -> { }))
            {
                feed(node, writer, from, stream.frames.size());
                writer.drainAll();
            }
            final TreeMap<Long, String> expected = new TreeMap<>(stream.uninterruptedStates());
            final long resumedBlock = from / RecordedStream.ROUNDS_PER_BLOCK;
            assertEquals(expected.tailMap(resumedBlock, false), new TreeMap<>(forwarded).tailMap(resumedBlock, false));
            forwarded.forEach((block, state) -> assertEquals(expected.get(block), state, "block " + block));
        }
    }

    private NodeJournal journal()
    {
        return recorded.journal();
    }

    private void feed(final NodeAgent node, final JournalWriter writer, final int from, final int to)
    {
        recorded.feed(node, writer, from, to);
    }
}
