package io.qecnode.bench.jmh;

import io.qecnode.io.auth.SealCheck;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.auth.StateOpener;
import io.qecnode.io.auth.StateSealer;
import io.qecnode.io.frame.LogicalStateView;
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
 * What authentication adds per state at each end of a chain link, beside the check a receiver makes without it: the
 * receiver's CRC check of a bare {@code LogicalState} frame ({@code crcOnly}), the sender's seal (generation and MAC
 * appended), and the receiver's CRC check plus open ({@code open}). States are pre-encoded with random epochs and
 * corrections and cycled through; every one opens. Average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class SealedStateBenchmark
{
    /** Pre-encoded states cycled through; a power of two. */
    static final int STATE_RING = StateMacBenchmark.FRAME_RING;

    private static final int FRAME = LogicalStateWriter.FRAME_LENGTH;
    private static final int SEALED = SealedState.LENGTH;
    private static final long NOW_NS = 1_000_000_000L;

    @Param({ "SIPHASH_128", "HMAC_SHA256_128" })
    StateMacAlgorithm algorithm;

    /** Sealed states as received, each {@link SealedState#LENGTH} bytes apart. */
    UnsafeBuffer received;
    private long[] epochs;
    StateOpener opener;
    private final LogicalStateView view = new LogicalStateView();
    private UnsafeBuffer outgoing;
    private StateSealer sealer;
    private int next;

    /** Install one key at both ends, encode the states and seal each. */
    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(20_261_207L);
        final byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        final SessionKeys sendKeys = new SessionKeys(algorithm);
        final SessionKeys receiveKeys = new SessionKeys(algorithm);
        receiveKeys.install(0, key);
        sendKeys.install(0, key);
        sealer = new StateSealer(sendKeys);
        opener = new StateOpener(receiveKeys, 1_000_000_000L);

        outgoing = new UnsafeBuffer(new byte[STATE_RING * SEALED]);
        received = new UnsafeBuffer(new byte[STATE_RING * SEALED]);
        epochs = StateMacBenchmark.encodeStates(outgoing, SEALED, random);
        for (int i = 0; i < STATE_RING; i++)
        {
            sealer.seal(outgoing, i * SEALED, FRAME, epochs[i]);
        }
        received.putBytes(0, outgoing, 0, STATE_RING * SEALED);
    }

    /**
     * @return whether the bare frame passes the receiver's unauthenticated check (always, for these frames).
     */
    @Benchmark
    public boolean crcOnly()
    {
        final int offset = (next++ & (STATE_RING - 1)) * SEALED;
        return view.wrapAndVerify(received, offset, FRAME);
    }

    /**
     * @return the sealed length the sender would send.
     */
    @Benchmark
    public int seal()
    {
        final int i = next++ & (STATE_RING - 1);
        return sealer.seal(outgoing, i * SEALED, FRAME, epochs[i]);
    }

    /**
     * @return whether the receiver uses the state: CRC valid and opened (always, for these states).
     */
    @Benchmark
    public boolean open()
    {
        final int offset = (next++ & (STATE_RING - 1)) * SEALED;
        final LogicalStateView view = this.view;
        return view.wrapAndVerify(received, offset, FRAME) &&
            opener.open(received, offset, SEALED, view.epoch(), NOW_NS) == SealCheck.OPENED;
    }
}
