package io.qecnode.node.journal;

import io.qecnode.io.journal.JournalConfig;

/**
 * A journal asked for by a pipeline: where and how much, and the decoding settings it records for replay.
 *
 * @param config   the journal's directory, roll, retention and hand-off.
 * @param settings the node's decoding settings as key=value lines.
 */
public record JournalSetup(JournalConfig config, String settings)
{
}
