package io.qecnode.node.cli;

import io.qecnode.io.journal.JournalConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The journal's options; in a config file their keys are the option names without dashes.
 */
public final class JournalOptions
{
    /** The settings' keys. */
    static final List<String> KEYS = List.of("journal", "journal-roll", "journal-retain", "journal-min-free",
        "journal-hand-off", "checkpoint-every");

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Record every frame (accepted rounds, rejected frames with their reason) and every state sent " +
            "to a Chronicle Queue journal in DIR, with checkpoints. 'run' recovers a journal an earlier run left: " +
            "the node resumes from its last checkpoint and re-reads the tail; the simulations want a fresh " +
            "directory. Default: no journal.")
    private String journal;

    @Option(names = "--journal-roll", paramLabel = "CYCLE",
        description = "A new journal file every: minutely, five-minutely, ten-minutely, hourly, daily. " +
            "Default: minutely.")
    private String roll;

    @Option(names = "--journal-retain", paramLabel = "SIZE",
        description = "Journal files kept, in bytes (k, m, g suffixes); the oldest are deleted beyond it. " +
            "Default: 8g.")
    private String retain;

    @Option(names = "--journal-min-free", paramLabel = "SIZE",
        description = "Free disk space the journal leaves: below it, at start the node refuses to run, and while " +
            "running records are counted as write failures (the node keeps decoding). Default: 1g.")
    private String minFree;

    @Option(names = "--journal-hand-off", paramLabel = "SIZE",
        description = "Hand-off ring from the hot thread to the journal thread, a power of two; when it is full, " +
            "records are counted as journal gaps. Default: 16m.")
    private String handOff;

    @Option(names = "--checkpoint-every", paramLabel = "BLOCKS", description = "Blocks between checkpoints. " +
        "Default: 1000.")
    private String checkpointEvery;

    /**
     * @param settings receives every option given, under its key.
     */
    public void putInto(final Properties settings)
    {
        put(settings, "journal", journal);
        put(settings, "journal-roll", roll);
        put(settings, "journal-retain", retain);
        put(settings, "journal-min-free", minFree);
        put(settings, "journal-hand-off", handOff);
        put(settings, "checkpoint-every", checkpointEvery);
    }

    /**
     * @param spec the command, for errors.
     * @return the journal these options ask for, or null if none.
     */
    public JournalConfig config(final CommandSpec spec)
    {
        final Properties given = new Properties();
        putInto(given);
        return config(spec, new NodeSettings(spec, given));
    }

    /**
     * @param spec     the command, for errors.
     * @param settings the node's settings.
     * @return the journal's configuration, or null if no journal was asked for.
     */
    static JournalConfig config(final CommandSpec spec, final NodeSettings settings)
    {
        final String dir = settings.get("journal", null);
        if (dir == null)
        {
            return null;
        }
        try
        {
            // What is not given is JournalConfig's default, defined there once.
            final long handOffBytes = sizeOr(spec, settings, "journal-hand-off", JournalConfig.HAND_OFF_BYTES_DEFAULT);
            if (handOffBytes > 1L << 30)
            {
                throw new IllegalArgumentException("journal-hand-off: at most 1g: " + handOffBytes);
            }
            final String roll = settings.get("journal-roll", null);
            return new JournalConfig(Paths.get(dir),
                roll == null ? JournalConfig.Roll.MINUTELY : JournalConfig.Roll.fromCliName(roll.trim()),
                sizeOr(spec, settings, "journal-retain", JournalConfig.RETAIN_BYTES_DEFAULT),
                sizeOr(spec, settings, "journal-min-free", JournalConfig.MIN_FREE_BYTES_DEFAULT),
                (int)handOffBytes, settings.integer("checkpoint-every",
                String.valueOf(JournalConfig.CHECKPOINT_EVERY_DEFAULT), 1, Integer.MAX_VALUE));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "journal: " + ex.getMessage());
        }
    }

    private static long sizeOr(
        final CommandSpec spec, final NodeSettings settings, final String key, final long defaultBytes)
    {
        final String value = settings.get(key, null);
        return value == null ? defaultBytes : bytes(spec, key, value);
    }

    /**
     * @param spec  the command, for errors.
     * @param key   the setting, for errors.
     * @param value a size such as 512, 64k, 16m or 8g.
     * @return bytes.
     */
    static long bytes(final CommandSpec spec, final String key, final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        final int shift = text.endsWith("k") ? 10 : text.endsWith("m") ? 20 : text.endsWith("g") ? 30 : 0;
        try
        {
            final long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
            if (number < 0 || number > Long.MAX_VALUE >> shift)
            {
                throw new NumberFormatException();
            }
            return number << shift;
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), key + ": not a size (bytes, or with k, m or g): " + value);
        }
    }

    private static void put(final Properties settings, final String key, final String value)
    {
        if (value != null)
        {
            settings.setProperty(key, value);
        }
    }
}
