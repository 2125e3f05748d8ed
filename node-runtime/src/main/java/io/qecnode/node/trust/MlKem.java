package io.qecnode.node.trust;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * ML-KEM-768 and the HKDF-SHA256 session key derivation of a link, through Bouncy Castle's lightweight API (no JCA
 * provider needed). Cold thread only: every call allocates.
 */
public final class MlKem
{
    /** The parameter set: ML-KEM-768 (NIST category 3, as ML-DSA-65). */
    public static final MLKEMParameters PARAMETERS = MLKEMParameters.ml_kem_768;
    /** Bytes of an encoded ML-KEM-768 encapsulation (public) key. */
    public static final int ENCAPSULATION_KEY_LENGTH = 1184;
    /** Bytes of an ML-KEM-768 ciphertext. */
    public static final int CIPHERTEXT_LENGTH = 1088;
    /** The label every derived state key is bound to, as HKDF salt and at the head of the info. */
    static final byte[] LABEL = "qec-node state key".getBytes(StandardCharsets.US_ASCII);

    private MlKem()
    {
    }

    /**
     * @param random the source of the key pair's seed.
     * @return a fresh ML-KEM-768 key pair.
     */
    public static AsymmetricCipherKeyPair generateKeyPair(final SecureRandom random)
    {
        final MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, PARAMETERS));
        return generator.generateKeyPair();
    }

    /**
     * @param keyPair made by {@link #generateKeyPair}.
     * @return its encapsulation key as sent in an offer.
     */
    public static byte[] encapsulationKey(final AsymmetricCipherKeyPair keyPair)
    {
        return ((MLKEMPublicKeyParameters)keyPair.getPublic()).getEncoded();
    }

    /**
     * Encapsulate a fresh shared secret to an offered key.
     *
     * @param encapsulationKey as offered, {@link #ENCAPSULATION_KEY_LENGTH} bytes.
     * @param random           the source of the secret.
     * @return the shared secret and its ciphertext; destroy it when done.
     * @throws IllegalArgumentException if the key is not a valid ML-KEM-768 encapsulation key.
     */
    public static SecretWithEncapsulation encapsulate(final byte[] encapsulationKey, final SecureRandom random)
    {
        if (encapsulationKey.length != ENCAPSULATION_KEY_LENGTH)
        {
            throw new IllegalArgumentException("encapsulation key of " + encapsulationKey.length + " bytes, not " +
                ENCAPSULATION_KEY_LENGTH);
        }
        return new MLKEMGenerator(random).generateEncapsulated(
            new MLKEMPublicKeyParameters(PARAMETERS, encapsulationKey));
    }

    /**
     * Recover the shared secret of a ciphertext. ML-KEM rejects implicitly: a ciphertext not made for this key gives
     * an unrelated secret, not an error.
     *
     * @param keyPair    whose encapsulation key was offered.
     * @param ciphertext as answered, {@link #CIPHERTEXT_LENGTH} bytes.
     * @return the shared secret; wipe it when done.
     * @throws IllegalArgumentException if the ciphertext has the wrong length.
     */
    public static byte[] decapsulate(final AsymmetricCipherKeyPair keyPair, final byte[] ciphertext)
    {
        if (ciphertext.length != CIPHERTEXT_LENGTH)
        {
            throw new IllegalArgumentException("ciphertext of " + ciphertext.length + " bytes, not " +
                CIPHERTEXT_LENGTH);
        }
        return new MLKEMExtractor((MLKEMPrivateKeyParameters)keyPair.getPrivate()).extractSecret(ciphertext);
    }

    /**
     * Derive a link's state key from a shared secret with HKDF-SHA256, bound to the label, the path, both nodes of
     * the link in their roles and the key's generation, so a secret is never reused for another link or generation.
     *
     * @param sharedSecret the ML-KEM shared secret (input keying material); not modified.
     * @param pathId       the chain's path id.
     * @param senderNode   the link's state sender.
     * @param holderNode   the link's state receiver, holder of the ML-KEM key pair.
     * @param generation   of the key.
     * @param length       of the key in bytes.
     * @return the key.
     */
    public static byte[] deriveStateKey(
        final byte[] sharedSecret,
        final long pathId,
        final int senderNode,
        final int holderNode,
        final int generation,
        final int length)
    {
        final byte[] info = ByteBuffer.allocate(LABEL.length + Long.BYTES + 3 * Integer.BYTES)
            .put(LABEL).putLong(pathId).putInt(senderNode).putInt(holderNode).putInt(generation).array();
        final HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sharedSecret, LABEL, info));
        final byte[] key = new byte[length];
        hkdf.generateBytes(key, 0, length);
        return key;
    }

    /**
     * @param secret to overwrite with zeros; null is ignored.
     */
    static void wipe(final byte[] secret)
    {
        if (secret != null)
        {
            Arrays.fill(secret, (byte)0);
        }
    }
}
