package io.qecnode.bench.jmh;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.SyndromeRoundWriter;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sampled rounds encoded once as {@code SyndromeRound} frames of one source, back to back in one direct buffer, so
 * that a benchmark of the receiving side feeds real frames without encoding them in the timed section.
 * <p>
 * Frames carry sequence numbers 0, 1, 2, ... in order, and each starts at a {@value #FRAME_ALIGNMENT}-byte aligned
 * offset, as frames lie in an Aeron term buffer.
 * <p>
 * <b>Note:</b> cold path; built in a benchmark's setup.
 */
final class EncodedFrames
{
    /** Alignment of each frame's offset, Aeron's frame alignment. */
    static final int FRAME_ALIGNMENT = 32;

    private static final long LOGICAL_QUBIT = 0;

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;

    private EncodedFrames(final UnsafeBuffer buffer, final int[] offsets, final int[] lengths)
    {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /**
     * @param rounds     the rounds to encode, whole blocks in emission order.
     * @param distance   code distance written in every frame.
     * @param sourceNode source node written in every frame.
     * @return one frame per round, sequence number = index of the round.
     */
    static EncodedFrames encode(final SampledRounds rounds, final int distance, final long sourceNode)
    {
        final int count = rounds.rounds();
        long capacity = 0;
        for (int i = 0; i < count; i++)
        {
            capacity += BitUtil.align(SyndromeRoundWriter.frameLength(rounds.detectorCount(i)), FRAME_ALIGNMENT);
        }
        if (capacity > Integer.MAX_VALUE - FRAME_ALIGNMENT)
        {
            throw new IllegalArgumentException("frames do not fit one buffer: rounds=" + count + ", bytes=" + capacity);
        }

        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned((int)capacity, FRAME_ALIGNMENT));
        final SyndromeRoundWriter writer = new SyndromeRoundWriter();
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = offset;
            lengths[i] = writer.encode(buffer, offset, sourceNode, LOGICAL_QUBIT, i, rounds.blockIndex(i),
                rounds.roundIndex(i), rounds.endOfBlock(i), distance, Basis.Z, 0L, rounds.detectorWords(i),
                rounds.detectorCount(i));
            offset += BitUtil.align(lengths[i], FRAME_ALIGNMENT);
        }
        return new EncodedFrames(buffer, offsets, lengths);
    }

    /** @return number of frames, sequence numbers 0 to count - 1. */
    int count()
    {
        return offsets.length;
    }

    /** @return the buffer holding every frame. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param frame index (and sequence number) of a frame.
     * @return where it starts in {@link #buffer()}.
     */
    int offset(final int frame)
    {
        return offsets[frame];
    }

    /**
     * @param frame index (and sequence number) of a frame.
     * @return its length in bytes.
     */
    int length(final int frame)
    {
        return lengths[frame];
    }
}
