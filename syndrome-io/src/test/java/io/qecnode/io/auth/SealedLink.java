package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * One link direction for the tests: the sender's and the holder's session keys, a sealer and an opener on them, and
 * the key exchange's outcome simulated by installing the same random key on each side.
 */
final class SealedLink
{
    static final long OVERLAP_NS = 1_000_000L;

    final SessionKeys sendKeys;
    final SessionKeys receiveKeys;
    final StateSealer sealer;
    final StateOpener opener;
    private final SplittableRandom random = new SplittableRandom(20_261_207L);
    private final LogicalStateWriter writer = new LogicalStateWriter();
    private final byte[][] keys = new byte[16][];

    SealedLink(final StateMacAlgorithm algorithm)
    {
        sendKeys = new SessionKeys(algorithm);
        receiveKeys = new SessionKeys(algorithm);
        sealer = new StateSealer(sendKeys);
        opener = new StateOpener(receiveKeys, OVERLAP_NS);
    }

    /** The holder installs a generation (it does so first). */
    void holderInstalls(final int generation)
    {
        receiveKeys.install(generation, key(generation));
    }

    /** The sender installs a generation, once it saw the holder did. */
    void senderInstalls(final int generation)
    {
        sendKeys.install(generation, key(generation));
    }

    /** Both sides install a generation. */
    void install(final int generation)
    {
        holderInstalls(generation);
        senderInstalls(generation);
    }

    /**
     * Encode a chain state for an epoch at an offset.
     *
     * @return the frame length.
     */
    int encode(final MutableDirectBuffer buffer, final int offset, final long epoch)
    {
        return writer.encode(buffer, offset, 1, 0, epoch, epoch & 3, 5, 1000 + epoch, 100,
            LogicalStateFlags.CLEAN_BLOCK, epoch, 1, 2, 1, 9, epoch & 3, 0);
    }

    /** The session key of a generation: random, the same on both sides. */
    byte[] key(final int generation)
    {
        if (keys[generation] == null)
        {
            keys[generation] = new byte[sendKeys.algorithm().keyLength()];
            random.nextBytes(keys[generation]);
        }
        return keys[generation].clone();
    }
}
