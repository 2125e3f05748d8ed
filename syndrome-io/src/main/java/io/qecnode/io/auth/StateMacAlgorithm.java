package io.qecnode.io.auth;

import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.macs.SipHash128;

/**
 * The MAC candidates for node-to-node states, both from Bouncy Castle's lightweight API and both yielding
 * {@link StateMac#MAC_LENGTH} bytes.
 * <p>
 * Poly1305 is not a candidate: it is a one-time authenticator, secure only when each message gets a fresh key (in
 * practice derived per message from a cipher and a nonce), whereas a session key here authenticates every state of a
 * link until it rotates. Reusing one Poly1305 key across two states lets an observer forge others.
 */
public enum StateMacAlgorithm
{
    /** SipHash-2-4 with 128-bit output; a 16-byte key. Built for short inputs. */
    SIPHASH_128(16)
    {
        Mac newMac()
        {
            return new SipHash128();
        }
    },

    /** HMAC-SHA256 truncated to its first 16 bytes (RFC 2104 truncation); a 32-byte key. */
    HMAC_SHA256_128(32)
    {
        Mac newMac()
        {
            return new HMac(new SHA256Digest());
        }
    };

    private final int keyLength;

    StateMacAlgorithm(final int keyLength)
    {
        this.keyLength = keyLength;
    }

    /**
     * @return the session key length in bytes this algorithm takes in {@link StateMac#init(byte[])}.
     */
    public int keyLength()
    {
        return keyLength;
    }

    /**
     * @return a fresh, unkeyed Bouncy Castle MAC of this algorithm.
     */
    abstract Mac newMac();
}
