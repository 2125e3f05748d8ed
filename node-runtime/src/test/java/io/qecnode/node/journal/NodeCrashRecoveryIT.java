package io.qecnode.node.journal;

import io.aeron.Subscription;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.journal.JournalCounters;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.cli.QecNodeMain;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A node in its own process, journaling, killed with SIGKILL in the middle of a block and started again on the same
 * journal: what it forwards, before and after, must be what an uninterrupted node forwards for the same rounds (the
 * accumulated Pauli frame included, restored from a checkpoint), and an offline replay of the journal must reproduce
 * every state bit for bit.
 * <p>
 * The test process plays the hardware and the next node on a media driver of its own, so the bus outlives the node.
 * It waits for the journal to hold what the node received before killing it: rounds still in the node's hand-off
 * ring at the instant of a kill (what the journal thread had not drained) cannot survive, and would show up as an
 * incomplete block.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeCrashRecoveryIT
{
    private static final File JAR = new File("target/qec-node.jar");
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";
    private static final int BLOCKS = 300;
    private static final int KILL_BLOCK = 150;
    private static final int ROUNDS_BEFORE_KILL = 3;
    private static final int CHECKPOINT_EVERY = 7;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final LogicalStateView view = new LogicalStateView();
    private final Map<Long, String> forwarded = new TreeMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<Map.Entry<Long, String>> everyState = new ArrayList<>();

    @AfterEach
    void stopProcesses()
    {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldForwardAfterASigkillWhatAnUninterruptedNodeForwards() throws Exception
    {
        final RecordedStream stream = new RecordedStream(BLOCKS, 4242);
        final Map<Long, String> uninterrupted = stream.uninterruptedStates();
        final String driverDir = "/dev/shm/qec-node-crash-it-" + UUID.randomUUID();
        final Path journal = dir.resolve("journal");
        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(driverDir), Throwable::printStackTrace))
        {
            final FramePublisher hardware = BusCounters.publisher(bus.aeron(), bus.publication("aeron:ipc", 1001),
                "test rounds", new YieldingIdleStrategy(), 100_000);
            final Subscription nextHop = bus.subscription("aeron:ipc", 1002);
            final int cut = KILL_BLOCK * RecordedStream.ROUNDS_PER_BLOCK + ROUNDS_BEFORE_KILL;

            final Process first = startNode(driverDir, journal, dir.resolve("node-1.log"));
            await(hardware::isConnected, "the node subscribed", dir.resolve("node-1.log"));
            send(hardware, stream, 0, cut);
            await(() -> poll(nextHop) && forwarded.size() == KILL_BLOCK, "states of the blocks before the kill",
                dir.resolve("node-1.log"));
            final CountersReader counters = bus.aeron().countersReader();
            // Settings, every round, every state, the first checkpoint and one per CHECKPOINT_EVERY blocks; then
            // no change for a while, in case a new cycle file repeated the settings.
            final long records = 1 + cut + KILL_BLOCK + 1 + KILL_BLOCK / CHECKPOINT_EVERY;
            await(() -> journalAppended(counters) >= records, "the journal caught up", dir.resolve("node-1.log"));
            long appended;
            do
            {
                appended = journalAppended(counters);
                TimeUnit.MILLISECONDS.sleep(300);
            }
            while (appended != journalAppended(counters));

            first.destroyForcibly();
            assertEquals(137, first.waitFor(), "the node died of SIGKILL (128 + 9)");

            final Process second = startNode(driverDir, journal, dir.resolve("node-2.log"));
            await(() -> log(dir.resolve("node-2.log")).contains("run: node 1"), "the node restarted",
                dir.resolve("node-2.log"));
            send(hardware, stream, cut, stream.frames.size());
            await(() -> poll(nextHop) && forwarded.size() == BLOCKS, "states of every block",
                dir.resolve("node-2.log"));
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);

            final String restartLog = log(dir.resolve("node-2.log"));
            final long lastCheckpointBlock = (KILL_BLOCK / CHECKPOINT_EVERY) * CHECKPOINT_EVERY - 1;
            assertTrue(restartLog.contains("recovered: checkpoint after block " + lastCheckpointBlock + ", "),
                restartLog);
            assertTrue(restartLog.contains("block " + KILL_BLOCK + " open with " + ROUNDS_BEFORE_KILL + " rounds"),
                restartLog);
        }

        assertEquals(uninterrupted, forwarded, "states forwarded across the crash");
        assertTrue(duplicates.isEmpty(), "states forwarded twice with different content: " + duplicates);

        final StringWriter out = new StringWriter();
        final int exit = QecNodeMain.commandLine().setOut(new PrintWriter(out))
            .execute("replay", "--journal", journal.toString(), "--summary");
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("states the node forwarded: " + BLOCKS + ", identical " + BLOCKS +
            ", different 0, not replayed 0"), out.toString());
    }

    @Test
    void shouldNeverForwardAWrongStateWhenKilledAtAnArbitraryMoment() throws Exception
    {
        final int blocks = 2000;
        final RecordedStream stream = new RecordedStream(blocks, 99);
        final Map<Long, String> uninterrupted = stream.uninterruptedStates();
        final String driverDir = "/dev/shm/qec-node-crash-it-" + UUID.randomUUID();
        final Path journal = dir.resolve("journal");
        final long killAfterMs = 100 + new java.util.Random().nextInt(400);
        try (MessageBus bus = MessageBus.launch(new BusContext().embeddedDirectoryName(driverDir), Throwable::printStackTrace))
        {
            final FramePublisher hardware = BusCounters.publisher(bus.aeron(), bus.publication("aeron:ipc", 1001),
                "test rounds", new YieldingIdleStrategy(), 100_000);
            final Subscription nextHop = bus.subscription("aeron:ipc", 1002);
            final Process first = startNode(driverDir, journal, dir.resolve("node-1.log"));
            await(() -> hardware.isConnected() && log(dir.resolve("node-1.log")).contains("run: node 1"),
                "the node started", dir.resolve("node-1.log"));

            // The hardware keeps a steady pace and pauses while the node is down, as a source with a buffer would.
            final java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
            final Thread source = new Thread(() ->
            {
                for (int i = 0; i < stream.frames.size(); i++)
                {
                    while (paused.get())
                    {
                        Thread.onSpinWait();
                    }
                    final UnsafeBuffer frame = stream.frames.get(i);
                    hardware.send(frame, 0, frame.capacity());
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }, "test-hardware");
            source.start();
            final long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMs);
            while (System.nanoTime() - killAt < 0)
            {
                poll(nextHop);
                TimeUnit.MILLISECONDS.sleep(1);
            }
            first.destroyForcibly();
            paused.set(true);
            assertEquals(137, first.waitFor(), "the node died of SIGKILL (128 + 9)");
            TimeUnit.MILLISECONDS.sleep(100);
            poll(nextHop);
            final int beforeKill = forwarded.size();
            assertTrue(beforeKill > 0 && beforeKill < blocks, "killed mid-stream: " + beforeKill + " states before");

            final Process second = startNode(driverDir, journal, dir.resolve("node-2.log"));
            await(() -> log(dir.resolve("node-2.log")).contains("run: node 1"), "the node restarted",
                dir.resolve("node-2.log"));
            paused.set(false);
            source.join();
            await(() -> poll(nextHop) && forwarded.containsKey((long)blocks - 1), "the last block's state",
                dir.resolve("node-2.log"));
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
            assertTrue(log(dir.resolve("node-2.log")).contains("journal: recovered: checkpoint after block "),
                log(dir.resolve("node-2.log")));
        }

        // A block the first life forwarded whole may come again from the second, flagged incomplete, when the kill
        // took its state's journal record with it: two honest states. The frame outlives a block, so rounds lost to
        // the kill may leave it different from an uninterrupted node's from there on; that difference (the
        // residual) may change only at a state flagged incomplete: a complete state changes the frame as an
        // uninterrupted node does, with the same flags.
        final java.util.Set<Long> incompleteBlocks = new java.util.TreeSet<>();
        long residual = 0;
        for (final Map.Entry<Long, String> state : everyState)
        {
            final String expected = uninterrupted.get(state.getKey());
            final long now = frameBits(state.getValue()) ^ frameBits(expected);
            if (isIncomplete(state.getValue()))
            {
                incompleteBlocks.add(state.getKey());
            }
            else
            {
                assertEquals(residual + "/" + expected.split("/")[1], now + "/" + state.getValue().split("/")[1],
                    "block " + state.getKey() + " was forwarded complete, so it must change the frame as an " +
                    "uninterrupted node does (killed after " + killAfterMs + " ms)");
            }
            residual = now;
        }
        final int incomplete = incompleteBlocks.size();
        assertTrue(duplicates.isEmpty(), "states forwarded twice with different content: " + duplicates +
            " (killed after " + killAfterMs + " ms); first node:\n" + log(dir.resolve("node-1.log")) +
            "\nrestarted node:\n" + log(dir.resolve("node-2.log")));
        assertTrue(incomplete <= 2, "only the block cut by the kill may be incomplete: " + incomplete);
        assertTrue(forwarded.size() >= blocks - 2, "blocks forwarded: " + forwarded.size() + " of " + blocks);
    }

    private Process startNode(final String driverDir, final Path journal, final Path log) throws IOException
    {
        final Process process = new ProcessBuilder(JAVA, "-jar", JAR.getPath(), "run", "--aeron-dir", driverDir,
            "--journal", journal.toString(), "--checkpoint-every", String.valueOf(CHECKPOINT_EVERY), "--idle",
            "yield", "-d", String.valueOf(RecordedStream.DISTANCE), "-p", String.valueOf(RecordedStream.P),
            "--report", "500ms")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static void send(final FramePublisher hardware, final RecordedStream stream, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final UnsafeBuffer frame = stream.frames.get(i);
            assertTrue(hardware.send(frame, 0, frame.capacity()), "round " + i + " sent");
        }
    }

    private boolean poll(final Subscription nextHop)
    {
        nextHop.poll((buffer, offset, length, header) ->
        {
            view.wrap(buffer, offset);
            final String state = view.frameBits() + "/" + view.flags();
            final String before = forwarded.put(view.blockSequence(), state);
            everyState.add(Map.entry(view.blockSequence(), state));
            if (before != null && !before.equals(state) && !isIncomplete(before) && !isIncomplete(state))
            {
                duplicates.add(view.blockSequence() + ": " + before + " then " + state);
            }
        }, 64);
        return true;
    }

    private static long frameBits(final String state)
    {
        return Long.parseLong(state.split("/")[0]);
    }

    private static boolean isIncomplete(final String state)
    {
        return (Integer.parseInt(state.split("/")[1]) & io.qecnode.io.frame.LogicalStateFlags.INCOMPLETE) != 0;
    }

    private static long journalAppended(final CountersReader counters)
    {
        final long[] value = {-1};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == JournalCounters.APPENDED_TYPE_ID)
            {
                value[0] = Math.max(value[0], counters.getCounterValue(counterId));
            }
        });
        return value[0];
    }

    private static void await(final BooleanSupplier condition, final String what, final Path log)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what + "; node log:\n" + log(log));
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static String log(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final IOException ex)
        {
            return "cannot read " + file + ": " + ex;
        }
    }
}
