package io.qecnode.node.cli;

import io.aeron.Subscription;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest
{
    private static final Pattern REPLAYED = Pattern.compile("replay: from the first checkpoint, (\\d+) rounds, 0 " +
        "rejected frames recorded; states the node forwarded: (\\d+), identical (\\d+), different 0, not replayed 0");

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
        assertTrue(missing.err().contains("no journal here (no .cq4 cycle files): dir=" + dir), missing.err());

        final Path journal = record();
        final CommandRunner.Run again = CommandRunner.run("simulate", "-d", "3", "--duration", "1s", "--warmup",
            "500ms", "--journal", journal.toString());
        assertEquals(2, again.exitCode(), again.out());
        assertTrue(again.err().contains("the journal directory already holds a journal"), again.err());
    }

    private Path record()
    {
        final Path journal = dir.resolve("journal");
        final CommandRunner.Run simulate = CommandRunner.run("simulate", "-d", "3", "-p", "0.01", "--period", "10us",
            "--duration", "2s", "--warmup", "500ms", "--baseline-frames", "0", "--journal", journal.toString());
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
