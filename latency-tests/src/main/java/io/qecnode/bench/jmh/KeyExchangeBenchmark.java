package io.qecnode.bench.jmh;

import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.node.trust.MlKem;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The cold-thread cost of a link's session key exchange (issue 13), per step: the holder's ML-KEM-768 key pair for
 * an offer, the sender's encapsulation to it (and its HKDF), the holder's decapsulation and HKDF of the state key.
 * One of each per link per rotation (10 s by default), on the Hello thread. Average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class KeyExchangeBenchmark
{
    static final long PATH = 77;
    static final int SENDER = 1;
    static final int HOLDER = 2;
    static final int GENERATION = 1_000;
    static final int KEY_LENGTH = StateMacAlgorithm.HMAC_SHA256_128.keyLength();

    SecureRandom random;
    AsymmetricCipherKeyPair keyPair;
    byte[] encapsulationKey;
    byte[] ciphertext;
    byte[] senderKey;

    /** One key pair and one ciphertext to it, as in a link's first exchange. */
    @Setup
    public void setup()
    {
        random = new SecureRandom();
        keyPair = MlKem.generateKeyPair(random);
        encapsulationKey = MlKem.encapsulationKey(keyPair);
        final SecretWithEncapsulation encapsulated = MlKem.encapsulate(encapsulationKey, random);
        ciphertext = encapsulated.getEncapsulation();
        senderKey = MlKem.deriveStateKey(encapsulated.getSecret(), PATH, SENDER, HOLDER, GENERATION, KEY_LENGTH);
    }

    /**
     * @return the holder's fresh key pair for an offer, with its encapsulation key encoded as sent.
     */
    @Benchmark
    public byte[] keygen()
    {
        return MlKem.encapsulationKey(MlKem.generateKeyPair(random));
    }

    /**
     * @return the sender's answer to an offer: ML-KEM encapsulation and the HKDF of its state key.
     */
    @Benchmark
    public byte[] encapsulate()
    {
        final SecretWithEncapsulation encapsulated = MlKem.encapsulate(encapsulationKey, random);
        return MlKem.deriveStateKey(encapsulated.getSecret(), PATH, SENDER, HOLDER, GENERATION, KEY_LENGTH);
    }

    /**
     * @return the holder's state key from an answer: ML-KEM decapsulation and HKDF-SHA256.
     */
    @Benchmark
    public byte[] decapsulateAndDerive()
    {
        final byte[] secret = MlKem.decapsulate(keyPair, ciphertext);
        return MlKem.deriveStateKey(secret, PATH, SENDER, HOLDER, GENERATION, KEY_LENGTH);
    }
}
