package io.qecnode.node.cli;

import io.qecnode.io.journal.JournalDamage;
import io.qecnode.io.journal.JournalException;
import io.qecnode.io.journal.JournalReader;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusCounters;
import io.qecnode.io.transport.FramePublisher;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.journal.JournalPlayback;
import io.qecnode.node.journal.JournalReplay;
import io.qecnode.node.pipeline.NodeAgent;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.pipeline.NodeFactory;
import io.qecnode.decoder.code.CodeDescription;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code replay}: decode a journal offline and check it against what the node forwarded, or play it onto the bus.
 */
@Command(
    name = "replay",
    header = "Decode a node's journal offline, or play it onto the bus.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Decode a node's journal offline, from its first checkpoint, with the decoder settings the journal records, " +
            "and print every logical state: block, frame bits (1 = logical X flip, 2 = logical Z flip), flags " +
            "(1 fallback, 2 incomplete, 4 clean), and whether it is identical to the state the node forwarded. " +
            "Every record's CRC32C is checked; a damaged record is reported as CORRUPT with its index and place " +
            "(file and offset), everything before it is verified and the replay stops there. The journal is only " +
            "read, never changed. Exit status 1 if any forwarded state is not reproduced bit for bit, or the " +
            "journal is damaged.",
        "With --publish, play the journal's rounds onto an Aeron channel instead, as a hardware source."})
public final class ReplayCommand implements Callable<Integer>
{
    private static final int REPLAY_TELEMETRY_BYTES = 1 << 12;

    @Spec
    private CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The node's journal directory.")
    private Path journal;

    @Option(names = "--summary", description = "Print only the summary line, not every state.")
    private boolean summaryOnly;

    @Option(names = "--publish", paramLabel = "CHANNEL",
        description = "Play the rounds onto this channel (e.g. aeron:ipc) instead of decoding them.")
    private String publish;

    @Option(names = "--stream", defaultValue = OptionDefaults.ROUND_STREAM, paramLabel = "ID",
        description = "Stream id for --publish. Default: ${DEFAULT-VALUE}.")
    private int streamId;

    @Option(names = "--pace", defaultValue = "recorded", paramLabel = "PACE",
        description = "For --publish: recorded (the spacing the rounds arrived with) or max (as fast as the bus " +
            "takes them). Default: ${DEFAULT-VALUE}.")
    private String pace;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "For --publish. " +
        OptionDefaults.AERON_DIR_DESCRIPTION)
    private String aeronDir;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (!"recorded".equals(pace) && !"max".equals(pace))
        {
            throw new ParameterException(spec.commandLine(), "expected recorded or max, --pace=" + pace);
        }
        if (!JournalReader.exists(journal))
        {
            throw new ParameterException(spec.commandLine(), "no journal here (no .cq4 cycle files), --journal=" +
                journal);
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            return publish != null ? publish(reader, out) : decode(reader, out);
        }
        catch (final JournalException ex)
        {
            throw new CommandFailure(ex.getMessage(), ex);
        }
    }

    private int decode(final JournalReader reader, final PrintWriter out)
    {
        final String recorded = reader.settingsAt(JournalReader.NONE);
        if (recorded == null)
        {
            // No readable settings: say where the journal is damaged if that is why.
            reader.read(JournalReader.NONE, (type, position, payload, length) -> true);
            if (reader.damage() != null)
            {
                out.println("replay: no settings read before the damage: " + JournalReplay.stoppedAt(reader.damage()));
                out.flush();
                return 1;
            }
            throw new CommandFailure("the journal records no settings, --journal=" + journal);
        }
        final NodeSettings settings = NodeSettings.parse(spec, recorded);
        final CodeDescription code = settings.applyTo(new NodeContext()).code();
        out.println("replay: " + code + ", settings: " + recorded.replace('\n', ' ').trim());
        final JournalReplay.Summary summary = JournalReplay.replay(reader, sender -> offlineNode(settings,
            sender), (block, frameBits, flags, verdict) ->
            {
                if (!summaryOnly || verdict == JournalReplay.Verdict.DIFFERENT)
                {
                    out.printf(Locale.ROOT, "block %d frame %d flags %d %s%n", block, frameBits, flags,
                        verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            });
        out.println(summary.describe());
        // Damage before the first checkpoint is never read, but the journal is no less damaged for it.
        final List<JournalDamage> before = reader.damagedBefore(reader.firstCheckpoint());
        before.forEach(damage -> out.println("replay: before the first checkpoint, not read: " + damage.describe()));
        out.flush();
        return summary.reproduced() && summary.damage() == null && before.isEmpty() ? 0 : 1;
    }

    private int publish(final JournalReader reader, final PrintWriter out)
    {
        try (StopSignal stop = StopSignal.installInterrupting("qec-replay");
            MessageBus bus = BusLaunch.launch(new BusContext().aeronDirectoryName(aeronDir).plan(publish, 1),
                ex -> out.println("bus error: " + ex)))
        {
            final FramePublisher publisher = BusCounters.publisher(bus.aeron(), bus.publication(publish, streamId),
                "replay rounds out", new YieldingIdleStrategy(), FramePublisher.ATTEMPTS_DEFAULT);
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (!publisher.isConnected() && System.nanoTime() < deadlineNs && !stop.requested())
            {
                Thread.onSpinWait();
            }
            out.printf(Locale.ROOT, "replay: publishing %s to %s stream %d, aeron dir=%s, subscriber %s%n", journal,
                publish, streamId, bus.directoryName(), publisher.isConnected() ? "connected" : "NOT connected");
            out.flush();
            final JournalPlayback.Result result = JournalPlayback.play(reader, publisher, "recorded".equals(pace),
                SystemNanoClock.INSTANCE);
            // A signal interrupted the playback; the bus must close with the flag clear, or its threads' joins fail.
            final boolean stopped = Thread.interrupted();
            out.printf(Locale.ROOT, "replay: %d rounds sent, %d not sent, recorded span %.3f s%s%n", result.sent(),
                result.notSent(), result.spanNs() / 1e9, stopped ? ", stopped by a signal" : "");
            if (reader.damage() != null)
            {
                out.println("replay: " + JournalReplay.stoppedAt(reader.damage()));
            }
            out.flush();
            return result.notSent() == 0 && reader.damage() == null ? 0 : 1;
        }
    }

    // The node as the run command builds it, minus the bus: its counters live in memory, its telemetry is not read.
    private static NodeAgent offlineNode(final NodeSettings settings, final FrameSender out)
    {
        return NodeFactory.newNodeAgent(settings.applyTo(new NodeContext().telemetryCapacity(REPLAY_TELEMETRY_BYTES))
            .sender(out));
    }
}
