package io.qecnode.bench.jmh;

import io.qecnode.node.trust.HelloCodec;
import io.qecnode.node.trust.HelloFields;
import io.qecnode.node.trust.NodeIdentity;
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
 * The Q-HELLO's cost on the cold Hello thread (issue 13): encode and ML-DSA-65 sign one Hello, and verify one, without
 * KEM bytes and with an ML-KEM-768 encapsulation key (1184 B). Each signed Hello gets a new sequence, so no two
 * signatures are of the same bytes. Average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class HelloBenchmark
{
    /** Length of an ML-KEM-768 encapsulation key, the longest KEM bytes a Hello carries. */
    static final int ENCAPSULATION_KEY_LENGTH = 1184;

    @Param({ "0", "1184" })
    int kemBytes;

    NodeIdentity identity;
    HelloCodec codec;
    HelloFields fields;
    UnsafeBuffer signed;
    int signedLength;
    final UnsafeBuffer encoded = new UnsafeBuffer(new byte[HelloCodec.MAX_LENGTH]);

    /** An identity, the Hello's fields, and one Hello signed for verify to check. */
    @Setup
    public void setup()
    {
        identity = NodeIdentity.generate(1);
        codec = new HelloCodec();
        fields = new HelloFields();
        fields.nodeId = 1;
        fields.neighbourId = 2;
        fields.pathId = 7;
        fields.timestampNs = System.currentTimeMillis() * 1_000_000L;
        fields.linkFidelity = 0.99;
        fields.latencyNs = 50_000;
        final byte[] kem = new byte[kemBytes];
        new SplittableRandom(20_261_207L).nextBytes(kem);
        fields.kem(kemBytes == 0 ? HelloFields.KEM_NONE : HelloFields.KEM_OFFER, 1, kem);
        signed = new UnsafeBuffer(new byte[HelloCodec.MAX_LENGTH]);
        signedLength = codec.encode(fields, signed, 0, identity.privateKey());
    }

    /**
     * @return the length of the signed Hello.
     */
    @Benchmark
    public int encodeAndSign()
    {
        fields.sequence++;
        return codec.encode(fields, encoded, 0, identity.privateKey());
    }

    /**
     * @return whether the signature checks (always, for this Hello).
     */
    @Benchmark
    public boolean verify()
    {
        return codec.verify(signed, 0, signedLength, identity.publicKey());
    }
}
