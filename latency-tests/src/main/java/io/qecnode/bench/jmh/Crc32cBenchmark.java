package io.qecnode.bench.jmh;

import io.qecnode.io.codec.Basis;
import io.qecnode.io.codec.LogicalStateDecoder;
import io.qecnode.io.codec.MessageHeaderDecoder;
import io.qecnode.io.codec.SyndromeRoundDecoder;
import io.qecnode.io.frame.Crc32c;
import io.qecnode.io.frame.FrameChecksum;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.frame.TableCrc32c;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One frame checksum as a node computes it (CRC32C of the frame around its own checksum field, two chained ranges),
 * with the JDK's intrinsic CRC32C ({@link Crc32c}) and with the slicing-by-8 table version it replaced
 * ({@link TableCrc32c}): on an 88-byte {@code LogicalState} (the frame a node sends per block) and on a d=11
 * {@code SyndromeRound} (120 stabilizers, the frame it receives per round), held in a direct buffer as Aeron's term
 * buffers and the node's own state buffer are, or in an array-backed one.
 * <p>
 * Frames are real encodings with random fields, cycled through a ring so the timed section reads fresh bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class Crc32cBenchmark
{
    /** Frames cycled through; a power of two. */
    static final int FRAME_RING = 64;

    /** Stride between frames, Aeron's frame alignment rounded up to fit the longest frame. */
    static final int STRIDE = 256;
    private static final int ROUND_DISTANCE = 11;
    private static final int ROUND_DETECTORS = ROUND_DISTANCE * ROUND_DISTANCE - 1;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    /** {@code state}: an 88-byte {@code LogicalState}; {@code round}: a d=11 {@code SyndromeRound}. */
    @Param({ "state", "round" })
    String frame;

    /** {@code direct}: native memory, as the node's frames are; {@code array}: a {@code byte[]}. */
    @Param({ "direct", "array" })
    String buffer;

    UnsafeBuffer frames;
    int frameLength;
    int checksumOffset;
    private int next;

    /** Encode the ring of frames into the chosen kind of buffer. */
    @Setup
    public void setup()
    {
        frames = "direct".equals(buffer) ?
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(FRAME_RING * STRIDE, EncodedFrames.FRAME_ALIGNMENT)) :
            new UnsafeBuffer(new byte[FRAME_RING * STRIDE]);
        final SplittableRandom random = new SplittableRandom(20_261_207L);
        if ("state".equals(frame))
        {
            final LogicalStateWriter writer = new LogicalStateWriter();
            for (int i = 0; i < FRAME_RING; i++)
            {
                frameLength = writer.encode(frames, i * STRIDE, 1, 0, i, random.nextInt(4), 11, random.nextLong(),
                    random.nextInt(1_000_000), LogicalStateFlags.CLEAN_BLOCK, random.nextLong(1L << 40), 1, 2, 1, 9,
                    random.nextInt(4), 0);
            }
            checksumOffset = HEADER + LogicalStateDecoder.checksumEncodingOffset();
        }
        else
        {
            final SyndromeRoundWriter writer = new SyndromeRoundWriter();
            final long[] words = new long[(ROUND_DETECTORS + Long.SIZE - 1) / Long.SIZE];
            for (int i = 0; i < FRAME_RING; i++)
            {
                for (int w = 0; w < words.length; w++)
                {
                    words[w] = random.nextLong() & random.nextLong() & random.nextLong();
                }
                frameLength = writer.encode(frames, i * STRIDE, 1, 0, i, i / ROUND_DISTANCE, i % ROUND_DISTANCE,
                    false, ROUND_DISTANCE, Basis.Z, random.nextLong(), words, ROUND_DETECTORS);
            }
            checksumOffset = HEADER + SyndromeRoundDecoder.checksumEncodingOffset();
        }
    }

    /**
     * @return the frame's checksum by the JDK's intrinsic, as {@link FrameChecksum} computes it.
     */
    @Benchmark
    public int intrinsic()
    {
        final int offset = (next++ & (FRAME_RING - 1)) * STRIDE;
        return FrameChecksum.compute(frames, offset, frameLength, offset + checksumOffset);
    }

    /**
     * @return the frame's checksum by the table version, the same two ranges chained.
     */
    @Benchmark
    public int table()
    {
        final int offset = (next++ & (FRAME_RING - 1)) * STRIDE;
        final int after = offset + checksumOffset + FrameChecksum.CHECKSUM_LENGTH;
        final int before = TableCrc32c.compute(frames, offset, checksumOffset);
        return TableCrc32c.update(before, frames, after, offset + frameLength - after);
    }
}
