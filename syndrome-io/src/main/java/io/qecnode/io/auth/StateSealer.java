package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Seals outgoing states of one link direction on the hot thread: appends the generation of the newest session key
 * and the MAC of the frame and its epoch under that key (layout in {@link SealedState}). Allocates nothing.
 * <p>
 * The sender's {@link SessionKeys} get a key only once the holder said it installed it, so sealing with the newest
 * is always sealing with a key the receiver holds. Until then, or after a revocation, there is nothing to seal with
 * and the state is not sent.
 * <p>
 * Single-threaded: the hot thread that sends on the link.
 */
public final class StateSealer
{
    private final SessionKeys keys;
    private int generation = SessionKeys.NO_GENERATION;

    /**
     * @param keys the send keys of the link direction.
     */
    public StateSealer(final SessionKeys keys)
    {
        this.keys = keys;
    }

    /**
     * Seal a frame in place: write the generation and MAC after it.
     *
     * @param buffer      holding the frame, with {@link SealedState#LENGTH} bytes of room from {@code offset}.
     * @param offset      of the frame in the buffer.
     * @param frameLength of the frame; must be {@link LogicalStateWriter#FRAME_LENGTH}.
     * @param epoch       the frame carries, bound into the MAC.
     * @return the sealed length ({@link SealedState#LENGTH}) to send, or -1 with nothing written when the link has no
     * session key (not admitted yet, or revoked).
     * @throws IllegalArgumentException if the frame length is not {@link LogicalStateWriter#FRAME_LENGTH}.
     */
    public int seal(final MutableDirectBuffer buffer, final int offset, final int frameLength, final long epoch)
    {
        if (frameLength != LogicalStateWriter.FRAME_LENGTH)
        {
            throw new IllegalArgumentException(
                "frame length " + frameLength + ", a sealed frame is " + LogicalStateWriter.FRAME_LENGTH);
        }
        if (!keys.isAdmitted())
        {
            return -1;
        }
        // Volatile read of the newest before its slot: the slot's key is then visible.
        final int newest = keys.newestGeneration();
        final StateMac mac = keys.mac(newest);
        if (mac == null)
        {
            return -1;
        }
        buffer.putInt(offset + SealedState.GENERATION_OFFSET, newest, ByteOrder.LITTLE_ENDIAN);
        mac.compute(buffer, offset, frameLength, epoch, buffer, offset + SealedState.MAC_OFFSET);
        generation = newest;

        return SealedState.LENGTH;
    }

    /**
     * @return the generation of the key of the last seal, {@link SessionKeys#NO_GENERATION} before the first.
     */
    public int generation()
    {
        return generation;
    }
}
