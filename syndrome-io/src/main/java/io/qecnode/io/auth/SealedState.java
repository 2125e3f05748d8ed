package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of a sealed state on the wire between chain nodes: the whole {@code LogicalState} frame, then the
 * generation of the session key that sealed it, then the MAC over the frame and its epoch.
 * <pre>
 *   0                                   88            92                          108
 *  +------------------------------------+-------------+----------------------------+
 *  | LogicalState frame (CRC32C inside) | generation  | MAC (StateMac.MAC_LENGTH)  |
 *  +------------------------------------+-------------+----------------------------+
 * </pre>
 * The generation is little-endian and outside the MAC: it only picks the key, and a changed one picks a key that
 * does not verify.
 */
public final class SealedState
{
    /** Offset of the int32 key generation, right after the frame. */
    public static final int GENERATION_OFFSET = LogicalStateWriter.FRAME_LENGTH;
    /** Offset of the MAC. */
    public static final int MAC_OFFSET = GENERATION_OFFSET + Integer.BYTES;
    /** Length of a sealed state in bytes. */
    public static final int LENGTH = MAC_OFFSET + StateMac.MAC_LENGTH;

    private SealedState()
    {
    }

    /**
     * @param buffer holding a sealed state.
     * @param offset of the sealed state (its frame) in the buffer.
     * @return the generation of the key the state claims to be sealed with.
     */
    public static int generation(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + GENERATION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
