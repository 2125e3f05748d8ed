package io.qecnode.node.cli;

import io.aeron.Subscription;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.journal.DamagedJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest
{
    private static final Pattern REPLAYED = Pattern.compile("replay: from the first checkpoint, (\\d+) rounds, 0 " +
        "rejected frames recorded; states the node forwarded: (\\d+), identical (\\d+), different 0, not replayed 0");

    private static final int BLOCKS = 400;
    private static final int ROUNDS = DamagedJournal.ROUNDS_PER_BLOCK;

    @TempDir
    Path dir;

    @Test
    void shouldReproduceEveryStateASimulationForwarded()
    {
        final Path journal = record();
        final CommandRunner.Run replay = CommandRunner.run("replay", "--journal", journal.toString());
        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        final Matcher summary = REPLAYED.matcher(replay.out());
        assertTrue(summary.find(), replay.out());
        final long blocks = Long.parseLong(summary.group(2));
        assertTrue(blocks > 100, replay.out());
        assertEquals(blocks, Long.parseLong(summary.group(3)), replay.out());
        assertTrue(replay.out().contains("block 0 frame "), replay.out());
        assertEquals(blocks, replay.out().lines().filter(line -> line.endsWith(" identical")).count(),
            "one line per state");
    }

    @Test
    void shouldPlayTheRecordedRoundsOntoTheBus()
    {
        final Path journal = record();
        final long rounds = roundsIn(CommandRunner.run("replay", "--journal", journal.toString(), "--summary").out());
        final String driverDir = "/dev/shm/qec-node-replay-test-" + UUID.randomUUID();
        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(driverDir),
            Throwable::printStackTrace))
        {
            final Subscription hardware = bus.subscription("aeron:ipc", 1001);
            final AtomicLong received = new AtomicLong();
            final AtomicLong expectedSequence = new AtomicLong();
            final SyndromeRoundView view = new SyndromeRoundView();
            final Thread reader = new Thread(() ->
            {
                final long deadline = System.nanoTime() + 30_000_000_000L;
                while (received.get() < rounds && System.nanoTime() < deadline)
                {
                    hardware.poll((buffer, offset, length, header) ->
                    {
                        if (view.wrap(buffer, offset).sequence() == expectedSequence.get())
                        {
                            expectedSequence.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }, 256);
                }
            });
            reader.start();
            final CommandRunner.Run play = CommandRunner.run("replay", "--journal", journal.toString(), "--publish",
                "aeron:ipc", "--pace", "max", "--aeron-dir", driverDir);
            assertEquals(0, play.exitCode(), play.out() + play.err());
            assertTrue(play.out().contains("replay: " + rounds + " rounds sent, 0 not sent"), play.out());
            reader.join();
            assertEquals(rounds, received.get(), "rounds received");
            assertEquals(rounds, expectedSequence.get(), "in their recorded order");
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldRefuseADirectoryWithoutAJournalOrASimulationOverAnOldJournal()
    {
        final CommandRunner.Run missing = CommandRunner.run("replay", "--journal", dir.toString());
        assertEquals(2, missing.exitCode(), missing.out());
        assertTrue(missing.err().contains("no journal here (no .cq4 cycle files), --journal=" + dir), missing.err());

        final Path journal = record();
        final CommandRunner.Run again = CommandRunner.run("simulate", "--memory", "-d", "3", "--duration", "1s", "--warmup",
            "500ms", "--journal", journal.toString());
        assertEquals(2, again.exitCode(), again.out());
        assertTrue(again.err().contains("the journal directory already holds a journal"), again.err());
    }

    @Test
    void shouldReportAByteOverwrittenInARecordAsCorruptNotAsADifferentState() throws IOException
    {
        final CommandRunner.Run replay = replayDamaged(journal -> journal.flipByteOfRound(200 * ROUNDS + 2));
        assertTrue(replay.out().contains(": checksum mismatch (CRC32C); the "), replay.out());
        assertTrue(replay.out().lines().noneMatch(line -> line.endsWith(" different")), replay.out());
        assertTrue(replay.out().contains(", different 0, "), replay.out());
        assertTrue(verifiedBlocks(replay) >= 190, "the blocks before the damage: " + replay.out());
    }

    @Test
    void shouldVerifyACycleFileCutShortUpToTheCut() throws IOException
    {
        final CommandRunner.Run replay = replayDamaged(journal -> journal.cutAtRound(200 * ROUNDS + 2));
        assertTrue(replay.out().contains("runs past the end of the file"), replay.out());
        assertTrue(replay.out().contains("the file was cut short; the "), replay.out());
        assertTrue(verifiedBlocks(replay) >= 190, "the blocks before the cut: " + replay.out());
    }

    @Test
    void shouldReportRandomBytesNamedLikeACycleFileAsCorrupt() throws IOException
    {
        final Path[] noise = new Path[1];
        final CommandRunner.Run replay = replayDamaged(journal -> noise[0] = journal.addRandomCycleFile(
            "29991231F.cq4"));
        assertTrue(replay.out().contains(" at file=" + noise[0] + " offset=0: not a Chronicle cycle file (no queue " +
            "header); the "), replay.out());
        assertEquals(BLOCKS, verifiedBlocks(replay), "every block of the whole file before it");

        Files.delete(noise[0]);
        final Path[] early = new Path[1];
        final CommandRunner.Run before = replayDamaged(journal -> early[0] = journal.addRandomCycleFile(
            "19991231F.cq4"));
        assertTrue(before.out().contains("replay: before the first checkpoint, not read: CORRUPT at file=" + early[0] +
            " offset=0: not a Chronicle cycle file (no queue header)"), before.out());
        Files.delete(early[0]);

        final CommandRunner.Run alone = replayDamaged(journal ->
        {
            journal.addRandomCycleFile(noise[0].getFileName().toString());
            Files.delete(journal.cycleFile());
        });
        assertTrue(alone.out().startsWith("replay: no settings read before the damage: CORRUPT record 0 at file=" +
            noise[0] + " offset=0: not a Chronicle cycle file"), alone.out());
    }

    @Test
    void shouldReproduceTheWholeJournalTheDamageTestsStartFrom() throws IOException
    {
        final DamagedJournal journal = new DamagedJournal(dir.resolve("whole"), BLOCKS);
        journal.record(journal.rounds(), (buffer, offset, length) -> true);
        final CommandRunner.Run replay = CommandRunner.run("replay", "--journal", journal.directory().toString(),
            "--summary");
        assertEquals(0, replay.exitCode(), replay.toString());
        assertTrue(replay.out().contains("identical " + BLOCKS + ", different 0, not replayed 0"), replay.out());
        assertTrue(replay.out().endsWith(": REPRODUCED" + System.lineSeparator()), replay.out());
    }

    @FunctionalInterface
    private interface Damage
    {
        void apply(DamagedJournal journal) throws IOException;
    }

    // A whole journal, damaged once (or again, on the same directory): replay exits 1 with one CORRUPT line, no
    // trace, and leaves every byte as it was.
    private CommandRunner.Run replayDamaged(final Damage damage) throws IOException
    {
        final DamagedJournal journal = new DamagedJournal(dir.resolve("damaged"), BLOCKS);
        if (!Files.exists(journal.directory()))
        {
            journal.record(journal.rounds(), (buffer, offset, length) -> true);
        }
        damage.apply(journal);
        final Map<String, String> before = journal.fingerprint();
        final CommandRunner.Run replay = CommandRunner.run("replay", "--journal", journal.directory().toString(),
            "--summary");
        assertEquals(before, journal.fingerprint(), "replay changed the journal");
        assertEquals(1, replay.exitCode(), replay.toString());
        assertEquals(1, replay.out().lines().filter(line -> line.contains("CORRUPT ")).count(), replay.out());
        assertTrue(replay.out().matches("(?s).*CORRUPT (record \\d+ )?at file=\\S+ offset=\\d+: .*"), replay.out());
        assertFalse((replay.out() + replay.err()).contains("Exception"), replay.toString());
        assertFalse((replay.out() + replay.err()).contains("\tat "), replay.toString());
        return replay;
    }

    private static long verifiedBlocks(final CommandRunner.Run replay)
    {
        final Matcher identical = Pattern.compile("identical (\\d+), different 0").matcher(replay.out());
        assertTrue(identical.find(), replay.out());
        return Long.parseLong(identical.group(1));
    }

    private Path record()
    {
        final Path journal = dir.resolve("journal");
        final CommandRunner.Run simulate = CommandRunner.run("simulate", "--memory", "-d", "3", "-p", "0.01", "--period", "10us",
            "--duration", "2s", "--warmup", "500ms", "--probe-every", "0", "--journal", journal.toString());
        assertEquals(0, simulate.exitCode(), simulate.out() + simulate.err());
        assertTrue(simulate.out().contains("lost at the hand-off (gaps)"), simulate.out());
        return journal;
    }

    private static long roundsIn(final String replayOutput)
    {
        final Matcher summary = REPLAYED.matcher(replayOutput);
        assertTrue(summary.find(), replayOutput);
        return Long.parseLong(summary.group(1));
    }
}
