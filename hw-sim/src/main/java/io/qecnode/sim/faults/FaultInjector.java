package io.qecnode.sim.faults;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * Applies a {@link FaultPlan} to the stream of encoded frames on their way to the bus, and counts what it did.
 * <p>
 * Each frame suffers at most one frame fault, and the frame after a held (reordered) frame or a sequence restart
 * suffers none, so that every injected fault shows up at the receiver as exactly:
 * <pre>
 *   drop       one missing sequence number (gap)
 *   duplicate  one duplicate
 *   reorder    one missing sequence number, then one late frame
 *   corrupt    one checksum failure, then one missing sequence number
 *   truncate   one short frame, then one missing sequence number
 *   restart    one restart
 * </pre>
 * A reordered frame is counted when it is released after a later frame; one flushed before a restart or at the end
 * went out in order and is not counted.
 * <p>
 * <b>Note:</b> single-threaded; allocation-free after construction.
 */
public final class FaultInjector
{
    /** Where frames go after the faults: the bus, usually. */
    @FunctionalInterface
    public interface FrameOutput
    {
        /**
         * @param buffer holding the frame.
         * @param offset where it starts.
         * @param length its length.
         * @return true if it was sent.
         */
        boolean send(DirectBuffer buffer, int offset, int length);
    }

    private static final FaultKind[] FRAME_FAULTS =
        {FaultKind.DROP, FaultKind.DUPLICATE, FaultKind.REORDER, FaultKind.CORRUPT, FaultKind.TRUNCATE};
    private static final int MAX_TRUNCATION = 8;

    private final FaultPlan plan;
    private final SplittableRandom random;
    private final FrameOutput output;
    private final MutableDirectBuffer held;
    private final long[] injected = new long[FaultKind.values().length];
    private int heldLength = -1;
    private long frameIndex;
    private boolean sparedNext;
    private long burstBlocksLeft;

    /**
     * @param plan           the faults.
     * @param seed           seed of the fault decisions.
     * @param maxFrameLength largest frame that will pass through.
     * @param output         where frames go.
     */
    public FaultInjector(final FaultPlan plan, final long seed, final int maxFrameLength, final FrameOutput output)
    {
        this.plan = plan;
        this.random = new SplittableRandom(seed);
        this.output = output;
        this.held = new UnsafeBuffer(new byte[maxFrameLength]);
    }

    /**
     * Call before encoding each frame.
     *
     * @return true if the source must restart its sequence numbers at 0 for this frame.
     */
    public boolean restartBeforeFrame()
    {
        if (!due(FaultKind.RESTART, frameIndex))
        {
            return false;
        }
        releaseHeld();
        injected[FaultKind.RESTART.ordinal()]++;
        sparedNext = true;
        return true;
    }

    /**
     * Call before encoding each frame, after {@link #restartBeforeFrame()}.
     *
     * @return nanoseconds to pause emission before this frame, 0 for none.
     */
    public long stallBeforeFrameNs()
    {
        if (!due(FaultKind.STALL, frameIndex))
        {
            return 0;
        }
        injected[FaultKind.STALL.ordinal()]++;
        return plan.stallNs();
    }

    /**
     * Call when a block starts, to learn whether it is sampled with raised error probability.
     *
     * @param blockIndex the block.
     * @return true if the block belongs to a burst.
     */
    public boolean burstBlock(final long blockIndex)
    {
        if (burstBlocksLeft > 0)
        {
            burstBlocksLeft--;
            return true;
        }
        if (due(FaultKind.BURST, blockIndex))
        {
            injected[FaultKind.BURST.ordinal()]++;
            burstBlocksLeft = plan.burstBlocks() - 1;
            return true;
        }
        return false;
    }

    /**
     * Send one encoded frame through the faults.
     *
     * @param frame           buffer holding the frame; may be modified (corruption).
     * @param offset          where the frame starts.
     * @param length          frame length.
     * @param corruptibleOffset start of a run of bits that only the checksum guards (payload bits, or the checksum
     *                        itself): flipping one of them must fail the checksum and nothing else.
     * @param corruptibleBits number of bits in that run, at least 1.
     */
    public void send(
        final MutableDirectBuffer frame,
        final int offset,
        final int length,
        final int corruptibleOffset,
        final int corruptibleBits)
    {
        final long index = frameIndex++;
        if (heldLength >= 0)
        {
            output.send(frame, offset, length);
            output.send(held, 0, heldLength);
            heldLength = -1;
            injected[FaultKind.REORDER.ordinal()]++;
            return;
        }
        final FaultKind fault = sparedNext ? null : frameFault(index);
        sparedNext = false;
        if (fault == null)
        {
            output.send(frame, offset, length);
            return;
        }
        switch (fault)
        {
            case DROP:
                injected[FaultKind.DROP.ordinal()]++;
                break;
            case DUPLICATE:
                output.send(frame, offset, length);
                output.send(frame, offset, length);
                injected[FaultKind.DUPLICATE.ordinal()]++;
                break;
            case REORDER:
                held.putBytes(0, frame, offset, length);
                heldLength = length;
                break;
            case CORRUPT:
                final int bit = random.nextInt(corruptibleBits);
                final int at = corruptibleOffset + (bit >>> 3);
                frame.putByte(at, (byte)(frame.getByte(at) ^ (1 << (bit & 7))));
                output.send(frame, offset, length);
                injected[FaultKind.CORRUPT.ordinal()]++;
                break;
            default:
                final int cut = 1 + random.nextInt(Math.min(MAX_TRUNCATION, length));
                output.send(frame, offset, length - cut);
                injected[FaultKind.TRUNCATE.ordinal()]++;
                break;
        }
    }

    /** Send a held frame, if any, in order: at the end of a run. */
    public void flush()
    {
        releaseHeld();
    }

    /**
     * @param kind a fault.
     * @return how many times it was injected (bursts: how many bursts began).
     */
    public long injected(final FaultKind kind)
    {
        return injected[kind.ordinal()];
    }

    /** @return frames passed to {@link #send} so far. */
    public long frames()
    {
        return frameIndex;
    }

    private void releaseHeld()
    {
        if (heldLength >= 0)
        {
            output.send(held, 0, heldLength);
            heldLength = -1;
        }
    }

    private FaultKind frameFault(final long index)
    {
        for (final FaultKind kind : FRAME_FAULTS)
        {
            final long every = plan.every(kind);
            if (every > 0 && (index + 1) % every == 0)
            {
                return kind;
            }
        }
        double draw = -1;
        double cumulative = 0;
        for (final FaultKind kind : FRAME_FAULTS)
        {
            final double rate = plan.rate(kind);
            if (rate > 0)
            {
                if (draw < 0)
                {
                    draw = random.nextDouble();
                }
                cumulative += rate;
                if (draw < cumulative)
                {
                    return kind;
                }
            }
        }
        return null;
    }

    private boolean due(final FaultKind kind, final long index)
    {
        final long every = plan.every(kind);
        if (every > 0)
        {
            return (index + 1) % every == 0;
        }
        final double rate = plan.rate(kind);
        return rate > 0 && random.nextDouble() < rate;
    }
}
