package io.qecnode.node.harness.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.node.cli.ChainNodeRun;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.StopSignal;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.node.topology.ChainTopology;
import io.qecnode.node.topology.NodeRole;
import io.qecnode.sim.chain.ChainSimulatorAgent;
import io.qecnode.sim.chain.ChainSimulatorContext;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code sim --topology FILE --node I --aeron-dir DIR}: the hardware of one chain node as its own process, a client of
 * the node's media driver. Its patches' rounds and a repeater's Bell measurements go on IPC of that driver, its truth
 * records to the verifier's UDP endpoint through the same driver. It outlives its node: while the node is down its
 * frames are counted as not sent, and it connects again to the driver a restarted node starts ({@link HardwareLink}).
 * Stops at an epoch boundary on SIGTERM or after {@code --epochs}.
 */
public final class ChainHardwareRun
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long REPORT_NS = TimeUnit.SECONDS.toNanos(1);

    private final ChainTopology topology;
    private final int node;
    private final File directory;

    /**
     * @param topology  the chain.
     * @param node      whose hardware this is.
     * @param directory the node's Aeron directory.
     */
    public ChainHardwareRun(final ChainTopology topology, final int node, final File directory)
    {
        this.topology = topology;
        this.node = node;
        this.directory = directory;
    }

    /**
     * @param topology the chain.
     * @return the code of each link, as the topology sets it.
     */
    public static CodeDescription[] linkCodes(final ChainTopology topology)
    {
        final CodeDescription[] codes = new CodeDescription[topology.linkCount()];
        for (int link = 0; link < codes.length; link++)
        {
            codes[link] = topology.applyLink(link, new NodeContext()).code();
        }
        return codes;
    }

    /**
     * Run until the epochs are done or a stop signal.
     *
     * @param epochs    epochs to run; 0 until stopped.
     * @param startFile a file whose appearance (holding the start time, ms since the epoch) starts the schedule, so
     *                  that every node's hardware keeps the same one; null to start at once.
     * @param idle      idle strategy of the hardware's thread.
     * @param stop      the stop signal.
     * @param out       where the lines go.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void run(
        final long epochs, final Path startFile, final IdleStrategy idle, final StopSignal stop, final PrintWriter out)
        throws InterruptedException
    {
        final NodeRole role = topology.role(node);
        try (HardwareLink link = new HardwareLink(directory, ex -> out.println("sim: bus error: " + ex)))
        {
            final HardwareLink.Stream left = role == NodeRole.A ? null :
                link.stream(ChainNodeRun.HARDWARE_CHANNEL, ChainStreams.LEFT_ROUNDS_STREAM);
            final HardwareLink.Stream right = role == NodeRole.B ? null :
                link.stream(ChainNodeRun.HARDWARE_CHANNEL, ChainStreams.RIGHT_ROUNDS_STREAM);
            final HardwareLink.Stream bell = role != NodeRole.REPEATER ? null :
                link.stream(ChainNodeRun.HARDWARE_CHANNEL, ChainStreams.BELL_STREAM);
            final HardwareLink.Stream truth = link.stream(topology.verifierChannel(), ChainStreams.TRUTH_STREAM);
            final ChainSimulatorAgent hardware = new ChainSimulatorContext()
                .linkCodes(linkCodes(topology))
                .chainSeed(topology.seed())
                .nodes(node)
                .periodNs(topology.roundPeriodNs())
                .epochLimit(epochs)
                .roundSenders((id, side) -> side == ChainStreams.LEFT ? left : right)
                .bellSenders(id -> bell)
                .truthSender(truth)
                .newAgent();
            awaitReady(link, stop);
            out.printf(Locale.ROOT, "sim: node %d ready: hardware of %s, connected to its node and the verifier, " +
                "aeron dir=%s%n", node, topology, directory);
            out.flush();
            awaitStart(startFile, stop);

            final long startNs = System.nanoTime();
            long nextReportNs = startNs + REPORT_NS;
            boolean stopping = false;
            hardware.onStart();
            while (!hardware.isDone())
            {
                if (!stopping && stop.requested())
                {
                    stopping = true;
                    hardware.requestStopAtEpochEnd();
                }
                final long nowNs = System.nanoTime();
                idle.idle(hardware.doWork() + link.doWork(nowNs));
                if (nowNs - nextReportNs >= 0)
                {
                    nextReportNs += REPORT_NS;
                    out.println("sim: " + line(hardware, link, left, right, bell, truth));
                    out.flush();
                }
            }
            hardware.onClose();
            out.printf(Locale.ROOT, "sim: done: %s in %.1f s%n", line(hardware, link, left, right, bell, truth),
                (System.nanoTime() - startNs) / 1e9);
            out.flush();
        }
    }

    private String line(
        final ChainSimulatorAgent hardware, final HardwareLink link, final HardwareLink.Stream... streams)
    {
        long notSent = 0;
        for (final HardwareLink.Stream stream : streams)
        {
            notSent += stream == null ? 0 : stream.notSent();
        }
        return String.format(Locale.ROOT, "node %d: %d epochs, %d rounds, %d Bell measurements, %d truth records, " +
            "not sent %d, late slots %d, driver lost %d times", node, hardware.epochsCompleted(),
            hardware.roundsSent(), hardware.bellsSent(), hardware.truthsSent(), notSent, hardware.lateSlots(),
            link.losses());
    }

    // The node's driver up, the node subscribed to every hardware stream, the verifier to the truth.
    private void awaitReady(final HardwareLink link, final StopSignal stop) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!link.allConnected())
        {
            if (stop.requested())
            {
                throw new CommandFailure("stopped before the node and the verifier were up, --aeron-dir=" +
                    directory);
            }
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs > 0)
            {
                throw new CommandFailure((link.connects() == 0 ? "no live media driver there" :
                    "the node or the verifier never subscribed") + " within " +
                    TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NS) + " s, --aeron-dir=" + directory);
            }
            if (link.doWork(nowNs) == 0)
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    private static void awaitStart(final Path startFile, final StopSignal stop) throws InterruptedException
    {
        if (startFile == null)
        {
            return;
        }
        long startMs = -1;
        while (startMs < 0 && !stop.requested())
        {
            startMs = readStart(startFile);
            if (startMs < 0)
            {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
        final long waitMs = startMs - System.currentTimeMillis();
        if (waitMs > 0 && !stop.requested())
        {
            TimeUnit.MILLISECONDS.sleep(waitMs);
        }
    }

    /**
     * Write a start file: the schedule of every hardware waiting on it starts at {@code startMs}.
     *
     * @param file    the file.
     * @param startMs the start, ms since the epoch.
     * @throws IOException if it cannot be written.
     */
    public static void writeStart(final Path file, final long startMs) throws IOException
    {
        // Written beside and moved, so no reader sees half of it.
        final Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, Long.toString(startMs));
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static long readStart(final Path file)
    {
        try
        {
            return Long.parseLong(Files.readString(file).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }
}
