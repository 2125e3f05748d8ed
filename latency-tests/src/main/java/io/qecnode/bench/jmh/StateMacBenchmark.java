package io.qecnode.bench.jmh;

import io.qecnode.io.auth.StateMac;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.frame.ChainFlags;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
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
 * The per-state MAC candidates of issue 13 over a whole {@code LogicalState} frame ({@link
 * LogicalStateWriter#FRAME_LENGTH} bytes) and its epoch: the sender's compute and the receiver's verify, per state.
 * The frames are pre-encoded with random epochs and corrections and cycled through, each with its MAC, so verify
 * accepts every one. Average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class StateMacBenchmark
{
    /** Pre-encoded frames cycled through; a power of two. */
    static final int FRAME_RING = 256;

    private static final int LENGTH = LogicalStateWriter.FRAME_LENGTH;

    @Param({ "SIPHASH_128", "HMAC_SHA256_128" })
    StateMacAlgorithm algorithm;

    UnsafeBuffer frames;
    UnsafeBuffer macs;
    long[] epochs;
    StateMac stateMac;
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH]);
    private int next;

    /** Key the MAC, encode the frames and MAC each one. */
    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(20_261_207L);
        final byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        stateMac = new StateMac(algorithm);
        stateMac.init(key);

        frames = new UnsafeBuffer(new byte[FRAME_RING * LENGTH]);
        macs = new UnsafeBuffer(new byte[FRAME_RING * StateMac.MAC_LENGTH]);
        epochs = encodeStates(frames, LENGTH, random);
        for (int i = 0; i < FRAME_RING; i++)
        {
            stateMac.compute(frames, i * LENGTH, LENGTH, epochs[i], macs, i * StateMac.MAC_LENGTH);
        }
    }

    /**
     * Encode {@link #FRAME_RING} chain states with random epochs, frames and corrections.
     *
     * @param buffer to encode into.
     * @param stride bytes from one state to the next, at least {@link LogicalStateWriter#FRAME_LENGTH}.
     * @param random source of the fields.
     * @return the epoch of each state.
     */
    static long[] encodeStates(final UnsafeBuffer buffer, final int stride, final SplittableRandom random)
    {
        final long[] epochs = new long[FRAME_RING];
        final LogicalStateWriter writer = new LogicalStateWriter();
        for (int i = 0; i < FRAME_RING; i++)
        {
            final long epoch = random.nextLong(1L << 40);
            epochs[i] = epoch;
            writer.encode(buffer, i * stride, 1, 0, epoch, random.nextInt(4), 5, random.nextLong(1L << 50), 100,
                LogicalStateFlags.CLEAN_BLOCK, epoch, 1, 2, 1, 9, random.nextInt(4), 0);
        }
        return epochs;
    }

    /**
     * @return the first byte of the MAC the sender writes.
     */
    @Benchmark
    public byte compute()
    {
        final int i = next++ & (FRAME_RING - 1);
        stateMac.compute(frames, i * LENGTH, LENGTH, epochs[i], out, 0);
        return out.getByte(0);
    }

    /**
     * @return whether the receiver accepts the state (always, for these frames).
     */
    @Benchmark
    public boolean verify()
    {
        final int i = next++ & (FRAME_RING - 1);
        return stateMac.verify(frames, i * LENGTH, LENGTH, epochs[i], macs, i * StateMac.MAC_LENGTH);
    }
}
