package io.qecnode.node.cli;

import io.qecnode.node.journal.DamagedJournal;
import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.node.telemetry.CounterSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest
{
    @Test
    void shouldRefuseABadConfigurationBeforeStarting(@TempDir final Path dir) throws Exception
    {
        final Path unknown = Files.write(dir.resolve("a.properties"), "distance=5\nspeed=fast\n"
            .getBytes(StandardCharsets.UTF_8));
        assertBad("unknown setting 'speed' (known: ", "--config", unknown.toString());
        assertBad(", --config=" + unknown, "--config", unknown.toString());
        final Path badNumber = Files.write(dir.resolve("b.properties"), "distance=five\n"
            .getBytes(StandardCharsets.UTF_8));
        assertBad("not a whole number, --distance=five", "--config", badNumber.toString());
        assertBad("unknown idle strategy 'fast'", "--idle", "fast");
        assertBad("--idle=fast", "--idle", "fast");
        assertBad("--decoder=magic", "--decoder", "magic");
        assertBad("expected auto, batch or W,C, --window=wide", "--window", "wide");
        assertBad("must be an odd distance in [3, 51], --distance=6", "-d", "6");
        assertBad("--pin=4096", "--pin", "4096");
        assertBad("must be in [0, 64], --decode-threads=65", "--decode-threads", "65");
        assertBad("must be in [0, 64], --decode-threads=-1", "--decode-threads", "-1");
        assertBad("not a whole number, --backlog-limit=many", "--backlog-limit", "many");
    }

    @Test
    void shouldLetFlagsWinOverTheConfigFile(@TempDir final Path dir) throws Exception
    {
        // The file asks for an even distance; the flag overrides it with a valid one, so the run starts and stops.
        final Path config = Files.write(dir.resolve("node.properties"),
            "distance=4\nnode=7\nidle=yield\n".getBytes(StandardCharsets.UTF_8));
        final CommandRunner.Run run = CommandRunner.run("run", "--config", config.toString(), "-d", "3",
            "--stop-after", "300ms", "--report", "100ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("run: node 7, phenomenological d=3"), run.out());
        assertTrue(run.out().contains("run: stopped:"), run.out());
    }

    @Test
    void shouldNotShowAReactionTimeForAnIntervalWithoutBlocks()
    {
        final CommandRunner.Run run = CommandRunner.run("run", "-d", "3", "--idle", "yield", "--stop-after", "300ms",
            "--report", "100ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("0 incomplete, reaction -, no blocks, rejected 0, not sent 0"), run.out());
        assertFalse(run.out().contains("reaction p50 0 ns"), run.out());
        assertTrue(run.out().contains("run: stopped: 0 rounds decoded, 0 blocks out, rejected 0"), run.out());
    }

    @Test
    @Timeout(60)
    void shouldShowFramesRejectedByKindInTheReportAndTheLastLine() throws Exception
    {
        // A d=5 simulator into a d=3 node: every frame is rejected, which the report lines must say.
        final String dir = "/dev/shm/qec-run-test-" + ProcessHandle.current().pid();
        final CommandRunner.Run[] node = new CommandRunner.Run[1];
        final Thread nodeThread = new Thread(() -> node[0] = CommandRunner.run("run", "-d", "3", "--idle", "yield",
            "--embedded-dir", dir, "--stop-after", "4s", "--report", "500ms"));
        nodeThread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!new File(dir, "cnc.dat").exists() && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        final CommandRunner.Run sim = CommandRunner.run("sim", "-d", "5", "--aeron-dir", dir, "--period", "100us",
            "--duration", "1s");
        nodeThread.join();
        assertEquals(0, sim.exitCode(), sim.toString());
        assertEquals(0, node[0].exitCode(), node[0].toString());
        final String out = node[0].out();
        final Matcher last = Pattern.compile("run: stopped: 0 rounds decoded, 0 blocks out, rejected (\\d+) \\(" +
            "[a-z ]+ \\d+").matcher(out);
        assertTrue(last.find(), out);
        assertTrue(Long.parseLong(last.group(1)) > 1000, "1 s of 100 us rounds, all rejected: " + out);
        assertTrue(Pattern.compile("run: \\d+ rounds, .*, rejected [1-9]\\d* \\([a-z ]+ [1-9]").matcher(out).find(),
            "a report line shows them too: " + out);
    }

    @Test
    @Timeout(60)
    void shouldDecodeOnDecodeThreadsWhatASimulatorInItsOwnProcessSends() throws Exception
    {
        // The simulator publishes to the node's bus, as it would from a process of its own.
        final String dir = "/dev/shm/qec-run-threads-test-" + ProcessHandle.current().pid();
        final CommandRunner.Run[] node = new CommandRunner.Run[1];
        final Thread nodeThread = new Thread(() -> node[0] = CommandRunner.run("run", "-d", "3", "--idle", "yield",
            "--decode-threads", "2", "--embedded-dir", dir, "--stop-after", "6s", "--report", "500ms"));
        nodeThread.start();
        // The node's counters are made once it subscribes: rounds sent before that would never reach it.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!nodeCountersAppeared(new File(dir)) && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        final CommandRunner.Run sim = CommandRunner.run("sim", "-d", "3", "--aeron-dir", dir, "--period", "100us",
            "--duration", "1s");
        nodeThread.join();
        assertEquals(0, sim.exitCode(), sim.toString());
        assertEquals(0, node[0].exitCode(), node[0].toString());
        final String out = node[0].out();
        assertTrue(out.contains("decode threads=2"), out);
        final Matcher last = Pattern.compile("run: stopped: (\\d+) rounds decoded, (\\d+) blocks out, .*" +
            "backlog \\d+ rounds \\(max \\d+\\), shed \\d+ blocks").matcher(out);
        assertTrue(last.find(), out);
        // 1 s of 100 us rounds, whole blocks of d + 1 rounds, every one decoded and sent.
        assertTrue(Long.parseLong(last.group(1)) > 5_000, node[0].toString() + sim);
        assertEquals(Long.parseLong(last.group(1)), 4 * Long.parseLong(last.group(2)), out);
        assertTrue(Pattern.compile("run: \\d+ rounds, .* [1-9]\\d* rounds/s decoded, backlog").matcher(out).find(),
            "a report line shows the rate while rounds arrive: " + out);
    }

    private static boolean nodeCountersAppeared(final File dir)
    {
        try
        {
            return new File(dir, "cnc.dat").exists() && CounterSnapshot.read(dir).stream()
                .anyMatch(entry -> entry.typeId() == NodeCounters.ROUNDS_DECODED_TYPE_ID);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    @Test
    void shouldRefuseAJournalItCannotWriteBeforeStarting(@TempDir final Path dir) throws Exception
    {
        final Path file = Files.write(dir.resolve("plain-file"), new byte[1]);
        assertBad("journal directory cannot be created: dir=" + file.resolve("journal"), "--journal",
            file.resolve("journal").toString());
        assertBad("journal disk nearly full: dir=" + dir.resolve("j"), "--journal", dir.resolve("j").toString(),
            "--journal-min-free", "1000000g");
        assertBad("journal: unknown roll cycle 'weekly'", "--journal", dir.resolve("j").toString(), "--journal-roll",
            "weekly");
        assertBad("journal-retain: not a size (bytes, or with k, m or g): lots", "--journal",
            dir.resolve("j").toString(), "--journal-retain", "lots");
        assertBad("hand-off capacity must be a power of two", "--journal", dir.resolve("j").toString(),
            "--journal-hand-off", "3m");
    }

    @Test
    void shouldRecordAJournalThatAReplayReproduces(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        // Daily files: a minutely roll inside the run would write the settings a second time.
        final CommandRunner.Run run = CommandRunner.run("run", "--journal", journal.toString(), "-d", "3",
            "--idle", "yield", "--stop-after", "300ms", "--report", "100ms", "--journal-roll", "daily");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("journal: new journal in " + journal), run.out());
        assertTrue(run.out().contains("journal: 2 records appended, 0 lost at the hand-off (gaps), 0 write failures, 1 checkpoints"),
            "settings and the first checkpoint; no hardware, so no rounds: " + run.out());

        final CommandRunner.Run again = CommandRunner.run("run", "--journal", journal.toString(), "-d", "3",
            "--idle", "yield", "--stop-after", "200ms", "--report", "100ms");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("journal: recovered: checkpoint after block -1, 0 rounds replayed"),
            again.out());

        final CommandRunner.Run other = CommandRunner.run("run", "--journal", journal.toString(), "-d", "5",
            "--stop-after", "200ms");
        assertEquals(2, other.exitCode(), other.out());
        assertTrue(other.err().contains("the journal was written with other decoding settings"), other.err());
    }

    @Test
    void shouldResumeFromTheLastCheckpointBeforeATornTailAndCarryOn(@TempDir final Path dir) throws Exception
    {
        final DamagedJournal journal = new DamagedJournal(dir.resolve("journal"), 400);
        journal.record(300 * DamagedJournal.ROUNDS_PER_BLOCK, (buffer, offset, length) -> true);
        journal.cutAtRound(250 * DamagedJournal.ROUNDS_PER_BLOCK + 2);
        final Path torn = journal.cycleFile();
        final String tornPrint = DamagedJournal.sha256(torn);

        final CommandRunner.Run run = CommandRunner.run("run", "--journal", journal.directory().toString(), "-d",
            "5", "-p", "0.01", "--idle", "yield", "--stop-after", "300ms", "--report", "100ms", "--journal-roll",
            "daily");
        assertEquals(0, run.exitCode(), run.toString());
        // A checkpoint every 10 blocks opens a document: the one after block 249 opens the document that was cut.
        assertTrue(run.out().contains("journal: recovered: checkpoint after block 239, "), run.out());
        assertTrue(run.out().contains("journal: CORRUPT record "), run.out());
        assertTrue(run.out().contains("the file was cut short; the "), run.out());
        assertTrue(run.out().contains("the node resumed from the last checkpoint before it"), run.out());
        assertTrue(run.out().contains("journal: damaged cycle files set aside, byte for byte as they were, so that " +
            "the writer never extends them: " + torn.getFileName() + " -> " + torn.getFileName() + ".damaged"),
            run.out());
        assertTrue(run.out().contains("run: stopped: "), run.out());
        assertFalse((run.out() + run.err()).contains("Exception"), run.toString());
        assertFalse((run.out() + run.err()).contains("\tat "), run.toString());
        assertEquals(tornPrint, DamagedJournal.sha256(torn.resolveSibling(torn.getFileName() + ".damaged")));
    }

    private static void assertBad(final String expected, final String... flags)
    {
        final String[] args = new String[flags.length + 1];
        args[0] = "run";
        System.arraycopy(flags, 0, args, 1, flags.length);
        final CommandRunner.Run run = CommandRunner.run(args);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains(expected), run.err());
    }
}
