package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A keyed MAC over a whole {@code LogicalState} frame (up to {@link LogicalStateWriter#FRAME_LENGTH} bytes) and the
 * epoch it belongs to, {@link #MAC_LENGTH} bytes long.
 * <p>
 * {@link #init(byte[])} once per session key (cold: it allocates the key parameter); then {@link #compute} and
 * {@link #verify} allocate nothing: the frame is copied out of the {@link DirectBuffer} into a preallocated scratch
 * array, the epoch appended little-endian, and the Bouncy Castle MAC resets itself to the keyed state after each
 * result. {@link #verify} compares all {@link #MAC_LENGTH} bytes whatever differs, so its time does not tell an
 * attacker how many leading bytes of a forged MAC were right.
 * <p>
 * Single-threaded: one instance per hot thread and key.
 */
public final class StateMac
{
    /** Length of the MAC in bytes. */
    public static final int MAC_LENGTH = 16;

    private static final int EPOCH_LENGTH = Long.BYTES;

    private final StateMacAlgorithm algorithm;
    private final Mac mac;
    private final byte[] scratch = new byte[LogicalStateWriter.FRAME_LENGTH + EPOCH_LENGTH];
    private final byte[] result;
    private boolean keyed;

    /**
     * @param algorithm the MAC to use.
     */
    public StateMac(final StateMacAlgorithm algorithm)
    {
        this.algorithm = algorithm;
        this.mac = algorithm.newMac();
        this.result = new byte[mac.getMacSize()];
    }

    /**
     * @return the algorithm this MAC was made with.
     */
    public StateMacAlgorithm algorithm()
    {
        return algorithm;
    }

    /**
     * Key the MAC with a session key; cold path, once per key.
     *
     * @param key of {@link StateMacAlgorithm#keyLength()} bytes; copied, so the caller may wipe it afterwards.
     * @throws IllegalArgumentException if the key has the wrong length.
     */
    public void init(final byte[] key)
    {
        if (key.length != algorithm.keyLength())
        {
            throw new IllegalArgumentException(
                "key of " + key.length + " bytes, " + algorithm + " needs " + algorithm.keyLength());
        }
        mac.init(new KeyParameter(key));
        keyed = true;
    }

    /**
     * Write the MAC of a frame and its epoch.
     *
     * @param buffer    holding the frame.
     * @param offset    of the frame in the buffer.
     * @param length    of the frame, 1 to {@link LogicalStateWriter#FRAME_LENGTH} bytes.
     * @param epoch     the frame belongs to, bound into the MAC.
     * @param out       to write the {@link #MAC_LENGTH} bytes of the MAC into.
     * @param outOffset in {@code out}.
     */
    public void compute(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long epoch,
        final MutableDirectBuffer out,
        final int outOffset)
    {
        digest(buffer, offset, length, epoch);
        out.putBytes(outOffset, result, 0, MAC_LENGTH);
    }

    /**
     * Check a received MAC in constant time.
     *
     * @param buffer    holding the frame.
     * @param offset    of the frame in the buffer.
     * @param length    of the frame, 1 to {@link LogicalStateWriter#FRAME_LENGTH} bytes.
     * @param epoch     the frame claims to belong to.
     * @param mac       holding the received {@link #MAC_LENGTH} bytes.
     * @param macOffset in {@code mac}.
     * @return true if the MAC is the one this key gives for the frame and epoch.
     */
    public boolean verify(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long epoch,
        final DirectBuffer mac,
        final int macOffset)
    {
        digest(buffer, offset, length, epoch);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            difference |= result[i] ^ mac.getByte(macOffset + i);
        }

        return difference == 0;
    }

    private void digest(final DirectBuffer buffer, final int offset, final int length, final long epoch)
    {
        if (!keyed)
        {
            throw new IllegalStateException("StateMac used before init");
        }
        if (length < 1 || length > LogicalStateWriter.FRAME_LENGTH)
        {
            throw new IllegalArgumentException("frame length " + length + " outside 1.." +
                LogicalStateWriter.FRAME_LENGTH);
        }
        final byte[] scratch = this.scratch;
        buffer.getBytes(offset, scratch, 0, length);
        for (int i = 0; i < EPOCH_LENGTH; i++)
        {
            scratch[length + i] = (byte)(epoch >>> (8 * i));
        }
        mac.update(scratch, 0, length + EPOCH_LENGTH);
        mac.doFinal(result, 0);
    }
}
