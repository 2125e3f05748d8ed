package io.qecnode.node.trust;

import java.util.Arrays;

/**
 * The fields of one Q-HELLO, to send or as received, reused from Hello to Hello (cold thread). The signature is not
 * here: the codec makes it over the encoded fields and checks it before the fields are trusted.
 */
public final class HelloFields
{
    /** No key exchange in this Hello. */
    public static final int KEM_NONE = 0;
    /** The key holder (the state receiver of the link) offers an ML-KEM encapsulation key. */
    public static final int KEM_OFFER = 1;
    /** The state sender answers an offer with an ML-KEM ciphertext. */
    public static final int KEM_ANSWER = 2;
    /** A generation that is none: nothing offered, answered or installed. */
    public static final int NO_GENERATION = -1;
    /** Latency not yet estimated. */
    public static final long NO_LATENCY = -1;

    /** The node saying hello. */
    public int nodeId;
    /** The neighbour it is addressed to. */
    public int neighbourId;
    /** The chain's path id. */
    public long pathId;
    /** Strictly increasing per sender and link, across the sender's restarts. */
    public long sequence;
    /** The sender's wall clock when it sent the Hello, ns since the Unix epoch. */
    public long timestampNs;
    /** The timestamp of the neighbour's last accepted Hello, echoed; 0 if none yet. */
    public long echoTimestampNs;
    /** How long the sender held that echoed Hello before sending this one, ns. */
    public long echoHoldNs;
    /** The sender's estimate of its side of the link's fidelity, 0..1. */
    public double linkFidelity;
    /** The sender's estimate of the one-way latency of the link, ns, or {@link #NO_LATENCY}. */
    public long latencyNs = NO_LATENCY;
    /** {@link #KEM_NONE}, {@link #KEM_OFFER} or {@link #KEM_ANSWER}. */
    public int kemKind;
    /** The generation of the key the KEM bytes belong to, or {@link #NO_GENERATION}. */
    public int kemGeneration = NO_GENERATION;
    /** The newest generation the sender installed for receiving states on this link, or {@link #NO_GENERATION}. */
    public int installedGeneration = NO_GENERATION;
    /** Encapsulation key or ciphertext; the first {@link #kemLength} bytes count. */
    public byte[] kem = new byte[0];
    /** Bytes of {@link #kem} in use. */
    public int kemLength;

    /**
     * Set the key exchange part.
     *
     * @param kind       {@link #KEM_NONE}, {@link #KEM_OFFER} or {@link #KEM_ANSWER}.
     * @param generation of the key.
     * @param bytes      the encapsulation key or ciphertext (copied), empty for none.
     * @return this.
     */
    public HelloFields kem(final int kind, final int generation, final byte[] bytes)
    {
        kemKind = kind;
        kemGeneration = generation;
        if (kem.length < bytes.length)
        {
            kem = new byte[bytes.length];
        }
        System.arraycopy(bytes, 0, kem, 0, bytes.length);
        kemLength = bytes.length;
        return this;
    }

    /** @return a copy of the KEM bytes in use. */
    public byte[] kemBytes()
    {
        return Arrays.copyOf(kem, kemLength);
    }

    /** Back to a Hello with nothing in it. */
    public void clear()
    {
        nodeId = 0;
        neighbourId = 0;
        pathId = 0;
        sequence = 0;
        timestampNs = 0;
        echoTimestampNs = 0;
        echoHoldNs = 0;
        linkFidelity = 0;
        latencyNs = NO_LATENCY;
        kemKind = KEM_NONE;
        kemGeneration = NO_GENERATION;
        installedGeneration = NO_GENERATION;
        kemLength = 0;
    }

    @Override
    public String toString()
    {
        return "Hello node=" + nodeId + " neighbour=" + neighbourId + " path=" + pathId + " sequence=" + sequence +
            " timestampNs=" + timestampNs + " kem=" + kemKind + "/" + kemGeneration + "/" + kemLength + "B installed=" +
            installedGeneration;
    }
}
