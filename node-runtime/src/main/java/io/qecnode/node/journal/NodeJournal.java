package io.qecnode.node.journal;

import io.qecnode.io.frame.CounterAllocator;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalCounters;
import io.qecnode.io.journal.JournalDamage;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalHandOff;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.node.pipeline.NodeAgent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    /** Appended to the name of a damaged cycle file that recovery moves out of the writer's way. */
    public static final String DAMAGED_SUFFIX = ".damaged";

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
     * @throws JournalException if the journal was written with other decoding settings or in an older format, or a
     *                          damaged cycle file cannot be set aside.
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
            final NodeRecovery.Report report = NodeRecovery.recover(reader, agent, sender);
            return reader.damagedFiles().isEmpty() ? report : report.withSetAside(setAside(reader.damagedFiles()));
        }
    }

    // Chronicle's writer would extend a file cut short (to write its end-of-cycle mark, or to append) and stumble on a
    // file that is not one: rename each out of its way, unchanged, so that the journal goes on in a new cycle file.
    private static List<String> setAside(final List<JournalDamage> damaged)
    {
        final List<String> moved = new ArrayList<>();
        for (final JournalDamage damage : damaged)
        {
            final Path file = damage.file();
            Path target = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
            for (int i = 1; Files.exists(target); i++)
            {
                target = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX + "." + i);
            }
            try
            {
                Files.move(file, target);
            }
            catch (final IOException ex)
            {
                throw new JournalException("a damaged journal file cannot be set aside (" + damage.reason() +
                    "): move it out of the directory, file=" + file + ", reason=" + ex, ex);
            }
            moved.add(file.getFileName() + " -> " + target.getFileName() + " (" + damage.reason() + ")");
        }
        return moved;
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
