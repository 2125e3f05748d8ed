package io.qecnode.bench.jmh;

import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalCounters;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalWriter;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The journal's append rate: rounds handed over and appended to Chronicle Queue by the journal thread's code, one
 * thread doing both so the figure is the writer's own cost per record (hand-off copy, Chronicle document, counters).
 * The directory is under java.io.tmpdir (a real disk here) or, with {@code -p dir=/dev/shm}, a RAM disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class JournalAppendBenchmark
{
    private static final int BATCH = 256;

    /** Bytes of the round frame: 56 is a d=11 SyndromeRound (120 detector bits). */
    @Param("56")
    int frameBytes;

    /** Parent of the journal directory; empty for java.io.tmpdir. */
    @Param("")
    String dir;

    private Path directory;
    private JournalHandOff handOff;
    private JournalWriter writer;
    private UnsafeBuffer frame;
    private long arrived;

    /** A fresh journal. */
    @Setup
    public void setup() throws IOException
    {
        directory = dir.isEmpty() ? Files.createTempDirectory("qec-bench-append") :
            Files.createTempDirectory(Path.of(dir), "qec-bench-append");
        final CountersManager counters = NodeCounters.inMemoryManager();
        final JournalCounters journalCounters = new JournalCounters(
            (typeId, label) -> counters.newCounter(label, typeId), "bench");
        handOff = new JournalHandOff(1 << 20, journalCounters.gaps());
        writer = JournalWriter.open(new JournalConfig(directory, JournalConfig.Roll.MINUTELY, 2L << 30, 1L << 30,
            1 << 20, 1000), handOff, journalCounters, "bench\n", System.out::println);
        frame = new UnsafeBuffer(new byte[frameBytes]);
    }

    /** Close and delete the journal. */
    @TearDown
    public void tearDown()
    {
        writer.close();
        IoUtil.delete(directory.toFile(), true);
    }

    /** @return records waiting, so the work cannot be eliminated. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int appendRounds()
    {
        for (int i = 0; i < BATCH; i++)
        {
            frame.putLong(0, arrived);
            handOff.offerRound(frame, 0, frameBytes, arrived++);
        }
        writer.drainAll();
        return handOff.waitingBytes();
    }
}
