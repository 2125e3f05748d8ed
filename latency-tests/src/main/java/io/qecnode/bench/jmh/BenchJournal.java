package io.qecnode.bench.jmh;

import io.qecnode.node.pipeline.NodeCounters;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.node.journal.NodeJournal;
import io.qecnode.node.pipeline.NodeAgent;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's journal for a benchmark: a fresh directory under java.io.tmpdir (a real disk here), the journal thread
 * running as the {@code run} command runs it, and a summary on close of what was appended and what the hand-off lost.
 */
final class BenchJournal implements AutoCloseable
{
    private final Path directory;
    private final NodeJournal journal;
    private final AgentRunner runner;

    private BenchJournal(final Path directory, final NodeJournal journal, final AgentRunner runner)
    {
        this.directory = directory;
        this.journal = journal;
        this.runner = runner;
    }

    /**
     * @param node the node to journal, not yet fed.
     * @return the running journal.
     */
    static BenchJournal start(final NodeAgent node)
    {
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("qec-bench-journal");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final CountersManager counters = NodeCounters.inMemoryManager();
        final NodeJournal journal = NodeJournal.prepare(new JournalConfig(directory, JournalConfig.Roll.MINUTELY,
            2L << 30, 1L << 30, JournalConfig.HAND_OFF_BYTES_DEFAULT, JournalConfig.CHECKPOINT_EVERY_DEFAULT),
            (typeId, label) -> counters.newCounter(label, typeId), "bench");
        final JournalWriter writer = journal.start(node, "bench\n", System.out::println);
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace,
            null, writer);
        AgentRunner.startOnThread(runner);
        return new BenchJournal(directory, journal, runner);
    }

    @Override
    public void close()
    {
        runner.close();
        System.out.printf("%njournal: %d records appended, %d lost at the hand-off (gaps), %d write failures%n",
            journal.counters().appended().get(), journal.counters().gaps().get(),
            journal.counters().writeFailures().get());
        IoUtil.delete(directory.toFile(), true);
    }
}
