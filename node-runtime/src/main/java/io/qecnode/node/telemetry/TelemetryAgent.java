package io.qecnode.node.telemetry;

import io.qecnode.node.measure.HotRecorders;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.Agent;

/**
 * The cold end of the telemetry hand-off, on its own thread: drains the per-block events and records the reaction,
 * the block's decode (summed over its windows) and its last window's decode into recorders that reporting threads
 * read by interval.
 */
public final class TelemetryAgent implements Agent, BlockTelemetry.BlockHandler
{
    private final BlockTelemetry telemetry;
    private final SingleWriterRecorder reactionNs = HotRecorders.newRecorder();
    private final SingleWriterRecorder decodeNs = HotRecorders.newRecorder();
    private final SingleWriterRecorder lastWindowNs = HotRecorders.newRecorder();
    private volatile long blocks;

    /**
     * @param telemetry the hand-off to drain.
     */
    public TelemetryAgent(final BlockTelemetry telemetry)
    {
        this.telemetry = telemetry;
    }

    @Override
    public int doWork()
    {
        return telemetry.drain(this, 1024);
    }

    @Override
    public void onBlock(
        final long block, final long reaction, final long decode, final long lastWindow, final int flags)
    {
        reactionNs.recordValue(HotRecorders.clamp(reaction));
        decodeNs.recordValue(HotRecorders.clamp(decode));
        lastWindowNs.recordValue(HotRecorders.clamp(lastWindow));
        blocks = blocks + 1;
    }

    /** @return reaction times, last round in to state offered, by interval. */
    public SingleWriterRecorder reactionNs()
    {
        return reactionNs;
    }

    /** @return each block's decode time, summed over its windows, by interval. */
    public SingleWriterRecorder decodeNs()
    {
        return decodeNs;
    }

    /** @return each block's last window's decode time (after its last round arrived), by interval. */
    public SingleWriterRecorder lastWindowNs()
    {
        return lastWindowNs;
    }

    /** @return blocks seen. */
    public long blocks()
    {
        return blocks;
    }

    @Override
    public String roleName()
    {
        return "qec-telemetry";
    }
}
