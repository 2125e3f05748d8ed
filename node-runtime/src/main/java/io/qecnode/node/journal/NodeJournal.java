package io.qecnode.node.journal;

import io.qecnode.io.frame.CounterAllocator;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalCounters;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.node.pipeline.NodeAgent;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A node's journal from start to stop: check the directory, recover from what an earlier run left, then record.
 * <pre>
 *   NodeJournal journal = NodeJournal.prepare(config, allocator, "1");   // checks the directory and the disk
 *   Report report = journal.recover(agent, sender, settings);           // null for a fresh journal
 *   JournalWriter writer = journal.start(agent, settings, log);          // run writer on a cold thread
 * </pre>
 */
public final class NodeJournal implements AutoCloseable
{
    private final JournalConfig config;
    private final JournalCounters counters;
    private final JournalHandOff handOff;

    private NodeJournal(final JournalConfig config, final JournalCounters counters)
    {
        this.config = config;
        this.counters = counters;
        this.handOff = new JournalHandOff(config.handOffBytes(), counters.gaps());
    }

    /**
     * @param config    the journal's settings.
     * @param allocator makes the journal's counters.
     * @param node      the node's name for counter labels.
     * @return the journal, checked.
     * @throws JournalException if the directory cannot be created or written, or the disk is nearly full.
     */
    public static NodeJournal prepare(final JournalConfig config, final CounterAllocator allocator, final String node)
    {
        JournalWriter.checkDirectory(config);
        return new NodeJournal(config, new JournalCounters(allocator, node));
    }

    /**
     * If the directory holds a journal, bring the node to where it ends.
     *
     * @param agent    a fresh node, not started.
     * @param sender   the node's way out, still recovering.
     * @param settings the node's decoding settings, as the journal records them.
     * @return what recovery did, or null if there was no journal to recover from.
     * @throws JournalException if the journal was written with other decoding settings.
     */
    public NodeRecovery.Report recover(final NodeAgent agent, final RecoveringSender sender, final String settings)
    {
        if (!JournalReader.exists(config.directory()))
        {
            return null;
        }
        try (JournalReader reader = JournalReader.open(config.directory()))
        {
            final String recorded = reader.settingsAt(JournalReader.NONE);
            if (recorded != null && !recorded.equals(settings))
            {
                throw new JournalException("the journal was written with other decoding settings; use a fresh " +
                    "directory or the same settings: dir=" + config.directory() + "\n  journal: " +
                    recorded.replace('\n', ' ').trim() + "\n  now:     " + settings.replace('\n', ' ').trim());
            }
            return NodeRecovery.recover(reader, agent, sender);
        }
    }

    /**
     * Open the queue, attach the node to the hand-off and take a checkpoint if the node is between blocks.
     *
     * @param agent    the node, not started yet.
     * @param settings the node's decoding settings, written at the start of every cycle file.
     * @param log      told about write failures and retention.
     * @return the writer, to run on a cold thread.
     */
    public JournalWriter start(final NodeAgent agent, final String settings, final Consumer<String> log)
    {
        final JournalWriter writer = JournalWriter.open(config, handOff, counters, settings, log);
        agent.journal(handOff, config.checkpointEvery());
        agent.checkpoint();
        return writer;
    }

    /** @return the journal's counters. */
    public JournalCounters counters()
    {
        return counters;
    }

    /** @return the hot thread's hand-off. */
    public JournalHandOff handOff()
    {
        return handOff;
    }

    /** @return the journal's settings. */
    public JournalConfig config()
    {
        return config;
    }

    /** @return one line: what the journal wrote, what it lost, where. */
    public String describe()
    {
        return String.format(Locale.ROOT, "journal: %d records appended, %d lost at the hand-off (gaps), %d write " +
            "failures, %d checkpoints, dir=%s", counters.appended().get(), counters.gaps().get(),
            counters.writeFailures().get(), counters.checkpoints().get(), config.directory());
    }

    @Override
    public void close()
    {
        counters.close();
    }
}
