package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.ChainFlags;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.bouncycastle.crypto.params.KeyParameter;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state MAC gives what a plain, freshly made Bouncy Castle MAC gives over the frame and its little-endian epoch,
 * and any single flipped bit of frame, epoch or MAC, or another key, makes verify refuse.
 */
class StateMacTest
{
    private static final int LENGTH = LogicalStateWriter.FRAME_LENGTH;

    private final SplittableRandom random = new SplittableRandom(20_261_207L);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[LENGTH + 8]);
    private final UnsafeBuffer macBuffer = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH + 4]);

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldMatchAFreshBouncyCastleMacForEveryFrame(final StateMacAlgorithm algorithm)
    {
        final byte[] key = key(algorithm);
        final StateMac stateMac = new StateMac(algorithm);
        stateMac.init(key);

        for (int block = 0; block < 50; block++)
        {
            final long epoch = random.nextLong();
            final int length = encode(4, block, epoch);
            stateMac.compute(frame, 4, length, epoch, macBuffer, 2);

            final byte[] actual = new byte[StateMac.MAC_LENGTH];
            macBuffer.getBytes(2, actual);
            assertArrayEquals(plainMac(algorithm, key, frame, 4, length, epoch), actual, "block " + block);
            assertTrue(stateMac.verify(frame, 4, length, epoch, macBuffer, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldRefuseAnySingleFlippedBitOfFrameEpochOrMac(final StateMacAlgorithm algorithm)
    {
        final StateMac stateMac = new StateMac(algorithm);
        stateMac.init(key(algorithm));
        final long epoch = 1234567L;
        final int length = encode(0, 7, epoch);
        stateMac.compute(frame, 0, length, epoch, macBuffer, 0);

        for (int bit = 0; bit < length * 8; bit++)
        {
            flip(frame, bit);
            assertFalse(stateMac.verify(frame, 0, length, epoch, macBuffer, 0), "frame bit " + bit);
            flip(frame, bit);
        }
        for (int bit = 0; bit < Long.SIZE; bit++)
        {
            assertFalse(stateMac.verify(frame, 0, length, epoch ^ (1L << bit), macBuffer, 0), "epoch bit " + bit);
        }
        for (int bit = 0; bit < StateMac.MAC_LENGTH * 8; bit++)
        {
            flip(macBuffer, bit);
            assertFalse(stateMac.verify(frame, 0, length, epoch, macBuffer, 0), "MAC bit " + bit);
            flip(macBuffer, bit);
        }
        assertTrue(stateMac.verify(frame, 0, length, epoch, macBuffer, 0));

        final StateMac otherKey = new StateMac(algorithm);
        otherKey.init(key(algorithm));
        assertFalse(otherKey.verify(frame, 0, length, epoch, macBuffer, 0), "another key");
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldRefuseAWrongKeyLengthAndUseBeforeInit(final StateMacAlgorithm algorithm)
    {
        final StateMac stateMac = new StateMac(algorithm);
        assertThrows(IllegalStateException.class, () -> stateMac.compute(frame, 0, LENGTH, 0, macBuffer, 0));
        assertThrows(IllegalArgumentException.class, () -> stateMac.init(new byte[algorithm.keyLength() - 1]));
        stateMac.init(key(algorithm));
        assertThrows(IllegalArgumentException.class, () -> stateMac.compute(frame, 0, LENGTH + 1, 0, macBuffer, 0));
    }

    private int encode(final int offset, final long block, final long epoch)
    {
        return new LogicalStateWriter().encode(frame, offset, 1, 0, block, block & 3, 5, 1000 + block, 100,
            LogicalStateFlags.CLEAN_BLOCK, epoch, 1, 2, 1, 9, block & 3, ChainFlags.EPOCH_INCOMPLETE);
    }

    private byte[] key(final StateMacAlgorithm algorithm)
    {
        final byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        return key;
    }

    /** The MAC computed the plain way: a new Bouncy Castle instance, the frame bytes, then the epoch little-endian. */
    private static byte[] plainMac(
        final StateMacAlgorithm algorithm,
        final byte[] key,
        final UnsafeBuffer buffer,
        final int offset,
        final int length,
        final long epoch)
    {
        final Mac mac = algorithm.newMac();
        mac.init(new KeyParameter(key.clone()));
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        mac.update(bytes, 0, length);
        for (int i = 0; i < Long.BYTES; i++)
        {
            mac.update((byte)(epoch >>> (8 * i)));
        }
        final byte[] full = new byte[mac.getMacSize()];
        mac.doFinal(full, 0);
        return Arrays.copyOf(full, StateMac.MAC_LENGTH);
    }

    private static void flip(final UnsafeBuffer buffer, final int bit)
    {
        buffer.putByte(bit >>> 3, (byte)(buffer.getByte(bit >>> 3) ^ (1 << (bit & 7))));
    }
}
