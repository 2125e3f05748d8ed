package io.qecnode.node.trust;

import io.qecnode.io.auth.SessionKeys;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;

import javax.security.auth.DestroyFailedException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.qecnode.node.trust.HelloFields.KEM_ANSWER;
import static io.qecnode.node.trust.HelloFields.KEM_NONE;
import static io.qecnode.node.trust.HelloFields.KEM_OFFER;
import static io.qecnode.node.trust.HelloFields.NO_GENERATION;

/**
 * One node's side of a link's session key exchange, carried in the Hellos of the link (ML-KEM-768, then HKDF-SHA256,
 * see {@link MlKem}), installing each agreed key into the link's {@link SessionKeys} for the hot thread.
 * <p>
 * The {@link LinkSide#HOLDER holder} (the link's state receiver) offers a fresh encapsulation key under a new
 * generation in every Hello until it is answered, decapsulates the answer, installs the key into its receive keys and
 * reports the generation as installed; it offers the next generation one rotation period later. The
 * {@link LinkSide#SENDER sender} answers a newer offer with a ciphertext, repeats that answer in every Hello, and
 * installs the same key into its send keys only once the holder reports it installed: the receiver always holds a
 * key before the first state sealed with it leaves. Lost Hellos only delay this, since each side repeats itself; an
 * offer still unanswered after a rotation period gives way to a newer one, and a fresh answer for the generation
 * already installed (the sender was reset meanwhile and holds another key) makes the holder rotate at once, as does a
 * Hello from a sender that holds no key and answers nothing (it restarted, or was reset alone).
 * <p>
 * Generations are the holder's wall clock in seconds since {@link #GENERATION_EPOCH_S} (an int until 2092), at least
 * one more than the last it used or its keys hold, so they increase across the holder's restarts as long as the
 * rotation period is at least a second; the sender refuses an offer older than what it answered or holds.
 * <p>
 * The fields handed to {@link #incoming} are taken as decoded and verified (signature, sender, sequence, freshness)
 * by the Hello codec. Times are the wall clock, as generations come from it: a clock stepping back delays the next
 * rotation by as much. Cold thread only, one instance per link per node; not thread safe.
 */
public final class LinkKeyExchange
{
    /** Which end of a link a node is. */
    public enum LinkSide
    {
        /** The state receiver of the link: it holds the ML-KEM key pair and offers. */
        HOLDER,
        /** The state sender of the link: it answers offers. */
        SENDER
    }

    /** Generations count seconds from 2024-01-01T00:00:00Z. */
    public static final long GENERATION_EPOCH_S = 1_704_067_200L;
    /** The shortest rotation period: generations are seconds, one per rotation at most. */
    public static final long MIN_ROTATION_NS = TimeUnit.SECONDS.toNanos(1);

    private static final byte[] NO_BYTES = new byte[0];

    private final LinkSide side;
    private final SessionKeys keys;
    private final long pathId;
    private final int senderNode;
    private final int holderNode;
    private final long rotationNs;
    private final SecureRandom random;

    // Holder: the offer in flight and since when, the last generation offered, when to rotate next, and the
    // ciphertext of the newest key installed (to tell the sender's repeats from a fresh answer after its reset).
    private AsymmetricCipherKeyPair offeredKeyPair;
    private byte[] offeredKey;
    private long offeredAtNs;
    private int lastOffered = NO_GENERATION;
    private long nextRotationNs;
    private byte[] installedCiphertext;

    // Sender: the answer in flight and its key, the last generation answered.
    private byte[] answerCiphertext;
    private byte[] answerKey;
    private int lastAnswered = NO_GENERATION;

    // Both: the generation in flight (offered or answered), the newest this exchange installed.
    private int pending = NO_GENERATION;
    private int installed = NO_GENERATION;
    private long rotations;
    private long staleAnswers;
    private long backwardOffers;
    private long malformed;
    private long senderRestarts;

    /**
     * @param side       this node's end of the link.
     * @param keys       the link's session keys: the receive keys at the holder, the send keys at the sender.
     * @param pathId     the chain's path id.
     * @param senderNode the link's state sender.
     * @param holderNode the link's state receiver.
     * @param rotationNs the period between the holder's offers, at least {@link #MIN_ROTATION_NS}.
     * @param random     the source of key pairs and secrets.
     * @throws IllegalArgumentException if the rotation period is shorter than a second.
     */
    public LinkKeyExchange(
        final LinkSide side,
        final SessionKeys keys,
        final long pathId,
        final int senderNode,
        final int holderNode,
        final long rotationNs,
        final SecureRandom random)
    {
        if (rotationNs < MIN_ROTATION_NS)
        {
            throw new IllegalArgumentException("rotation period " + rotationNs + " ns < 1 s");
        }
        this.side = side;
        this.keys = keys;
        this.pathId = pathId;
        this.senderNode = senderNode;
        this.holderNode = holderNode;
        this.rotationNs = rotationNs;
        this.random = random;
    }

    /**
     * Fill the key exchange part of the next Hello: the offer or answer in flight, if any, and the generation
     * installed (holder only).
     *
     * @param nowNs the wall clock, ns since the Unix epoch.
     * @param out   the Hello to send.
     */
    public void outgoing(final long nowNs, final HelloFields out)
    {
        if (side == LinkSide.HOLDER)
        {
            final boolean due = installed == NO_GENERATION || nowNs - nextRotationNs >= 0;
            // An offer unanswered for a whole period (refused as not newer, say) gives way to a newer one.
            if ((offeredKeyPair == null && due) || (offeredKeyPair != null && nowNs - offeredAtNs >= rotationNs))
            {
                offer(nowNs);
            }
            fill(out, KEM_OFFER, offeredKey);
            out.installedGeneration = installed;
        }
        else
        {
            fill(out, KEM_ANSWER, answerCiphertext);
            // The send key in use: a sender with none and nothing in flight (restarted or reset) asks for a new one.
            out.installedGeneration = installed;
        }
    }

    /**
     * Take the key exchange part of a verified Hello from the other end of the link.
     *
     * @param in    the Hello's fields.
     * @param nowNs the wall clock, ns since the Unix epoch.
     */
    public void incoming(final HelloFields in, final long nowNs)
    {
        if (side == LinkSide.HOLDER)
        {
            if (in.kemKind == KEM_ANSWER)
            {
                onAnswer(in, nowNs);
            }
            else if (in.kemKind == KEM_NONE && in.installedGeneration == NO_GENERATION &&
                offeredKeyPair == null && installed != NO_GENERATION)
            {
                // The sender holds no key and answers nothing: it restarted or was reset. Offer again now rather
                // than leave the link cut off until the next rotation.
                senderRestarts++;
                nextRotationNs = nowNs;
            }
            else if (in.kemKind == KEM_OFFER)
            {
                malformed++; // two holders on one link: a configuration error, never ours to follow
            }
        }
        else
        {
            if (answerKey != null && in.installedGeneration >= pending)
            {
                installAnswered();
            }
            if (in.kemKind == KEM_OFFER)
            {
                onOffer(in);
            }
            else if (in.kemKind == KEM_ANSWER)
            {
                malformed++;
            }
        }
    }

    /**
     * Revoke the link's keys and forget the exchange in flight, so a new session starts from the next Hellos. The
     * generations used so far still bound the next ones.
     */
    public void reset()
    {
        keys.revoke();
        clearPending();
        installed = NO_GENERATION;
        installedCiphertext = null;
        lastAnswered = NO_GENERATION;
        nextRotationNs = 0;
    }

    /** @return this node's end of the link. */
    public LinkSide side()
    {
        return side;
    }

    /** @return keys this exchange installed. */
    public long rotations()
    {
        return rotations;
    }

    /** @return the generation offered and not answered (holder) or answered and not acknowledged (sender). */
    public int pendingGeneration()
    {
        return pending;
    }

    /** @return the newest generation this exchange installed since it started or was reset. */
    public int installedGeneration()
    {
        return installed;
    }

    /** @return answers the holder ignored: for a generation not pending nor just installed (replayed or stale). */
    public long staleAnswers()
    {
        return staleAnswers;
    }

    /** @return offers the sender ignored because their generation went backwards. */
    public long backwardOffers()
    {
        return backwardOffers;
    }

    /** @return times the holder offered at once because the sender showed it had lost its key. */
    public long senderRestarts()
    {
        return senderRestarts;
    }

    /** @return offers or answers ignored as malformed: wrong length, invalid key, or the wrong kind for this end. */
    public long malformed()
    {
        return malformed;
    }

    private void offer(final long nowNs)
    {
        final long nowS = Math.floorDiv(nowNs, TimeUnit.SECONDS.toNanos(1)) - GENERATION_EPOCH_S;
        final long floor = Math.max(lastOffered, keys.newestGeneration());
        final long generation = Math.max(floor + 1, Math.max(nowS, 0));
        if (generation > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("key generation " + generation + " past int32");
        }
        offeredKeyPair = MlKem.generateKeyPair(random);
        offeredKey = MlKem.encapsulationKey(offeredKeyPair);
        offeredAtNs = nowNs;
        pending = (int)generation;
        lastOffered = pending;
    }

    private void onAnswer(final HelloFields in, final long nowNs)
    {
        if (offeredKeyPair == null || in.kemGeneration != pending)
        {
            if (in.kemGeneration != installed)
            {
                staleAnswers++;
            }
            else if (!sameBytes(in, installedCiphertext))
            {
                // A fresh answer for the installed generation: the sender reset and holds another key; rotate now.
                staleAnswers++;
                nextRotationNs = nowNs;
            }
            // else the sender repeating its answer until it sees it installed: expected.
            return;
        }
        if (in.kemLength != MlKem.CIPHERTEXT_LENGTH)
        {
            malformed++;
            return;
        }
        final int generation = pending;
        final byte[] ciphertext = in.kemBytes();
        final byte[] secret = MlKem.decapsulate(offeredKeyPair, ciphertext);
        final byte[] key = MlKem.deriveStateKey(secret, pathId, senderNode, holderNode, generation,
            keys.algorithm().keyLength());
        MlKem.wipe(secret);
        clearPending();
        install(generation, key);
        installedCiphertext = ciphertext;
        nextRotationNs = nowNs + rotationNs;
    }

    private void onOffer(final HelloFields in)
    {
        final int generation = in.kemGeneration;
        if (generation == lastAnswered)
        {
            return; // the offer repeated while our answer is in flight, or just installed
        }
        if (generation < lastAnswered || generation <= keys.newestGeneration())
        {
            backwardOffers++;
            return;
        }
        final SecretWithEncapsulation encapsulated;
        try
        {
            encapsulated = MlKem.encapsulate(in.kemBytes(), random);
        }
        catch (final IllegalArgumentException ex)
        {
            malformed++;
            return;
        }
        clearPending();
        final byte[] secret = encapsulated.getSecret();
        answerKey = MlKem.deriveStateKey(secret, pathId, senderNode, holderNode, generation,
            keys.algorithm().keyLength());
        MlKem.wipe(secret);
        answerCiphertext = encapsulated.getEncapsulation();
        destroy(encapsulated);
        pending = generation;
        lastAnswered = generation;
    }

    private void installAnswered()
    {
        final int generation = pending;
        final byte[] key = answerKey;
        answerKey = null;
        clearPending();
        install(generation, key);
    }

    /** Install a key (copied by the keys) and wipe it. */
    private void install(final int generation, final byte[] key)
    {
        keys.install(generation, key);
        MlKem.wipe(key);
        installed = generation;
        rotations++;
    }

    private static boolean sameBytes(final HelloFields in, final byte[] bytes)
    {
        return bytes != null && Arrays.equals(in.kem, 0, in.kemLength, bytes, 0, bytes.length);
    }

    private void clearPending()
    {
        offeredKeyPair = null;
        offeredKey = null;
        MlKem.wipe(answerKey);
        answerKey = null;
        answerCiphertext = null;
        pending = NO_GENERATION;
    }

    private void fill(final HelloFields out, final int kind, final byte[] bytes)
    {
        if (bytes == null)
        {
            out.kem(KEM_NONE, NO_GENERATION, NO_BYTES);
        }
        else
        {
            out.kem(kind, pending, bytes);
        }
    }

    private static void destroy(final SecretWithEncapsulation encapsulated)
    {
        try
        {
            encapsulated.destroy();
        }
        catch (final DestroyFailedException ignored)
        {
            // The secret's copy was wiped above; the generator's own copy is best effort.
        }
    }
}
