package io.qecnode.sim.chain;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over one node's ground truth of one epoch, a fixed {@link #LENGTH}-byte record, little endian:
 * <pre>
 *   offset  size  field
 *        0     8  epoch
 *        8     4  node id
 *       12     1  patch count (1 for an end node, 2 for a repeater)
 *       13     1  parities: bit 0 raw xx, bit 1 raw zz, bit 2 ideal xx, bit 3 ideal zz, bit 7 measured
 *       14     2  reserved, 0
 *       16     8  patch 0: logical qubit id (4), true flips (1), tracked flips (1), burst (1), reserved (1)
 *       24     8  patch 1: the same, all 0 for an end node
 * </pre>
 * True and tracked flips are observable-flip masks, bit 0 a logical X, bit 1 a logical Z. A parity bit is 1 for a
 * -1 outcome; a node that measured nothing (an end node) sets no parity bit.
 * <p>
 * <b>Note:</b> reading and writing allocate nothing; one flyweight per thread.
 */
public final class EpochTruth
{
    /** Bytes in a record. */
    public static final int LENGTH = 32;

    /** Most patches a node holds. */
    public static final int MAX_PATCHES = 2;

    /** Parity bit: raw XX parity reported by the hardware. */
    public static final int RAW_XX = 1;
    /** Parity bit: raw ZZ parity reported by the hardware. */
    public static final int RAW_ZZ = 2;
    /** Parity bit: the ideal XX outcome, before the patches' true Paulis flipped it. */
    public static final int IDEAL_XX = 4;
    /** Parity bit: the ideal ZZ outcome, before the patches' true Paulis flipped it. */
    public static final int IDEAL_ZZ = 8;
    /** Parity bit: the node measured XX and ZZ this epoch. */
    public static final int MEASURED = 0x80;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int EPOCH_OFFSET = 0;
    private static final int NODE_OFFSET = 8;
    private static final int PATCH_COUNT_OFFSET = 12;
    private static final int PARITIES_OFFSET = 13;
    private static final int PATCHES_OFFSET = 16;
    private static final int PATCH_LENGTH = 8;
    private static final int LOGICAL_ID = 0;
    private static final int TRUE_FLIPS = 4;
    private static final int TRACKED_FLIPS = 5;
    private static final int BURST = 6;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /**
     * Read a record.
     *
     * @param buffer holds the record.
     * @param offset where it starts; {@link #LENGTH} bytes must follow.
     * @return this flyweight.
     */
    public EpochTruth wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer instanceof MutableDirectBuffer ? (MutableDirectBuffer)buffer : null;
        this.offset = offset;
        return this;
    }

    /** @return the epoch. */
    public long epoch()
    {
        return buffer.getLong(offset + EPOCH_OFFSET, ORDER);
    }

    /** @return the node id. */
    public int node()
    {
        return buffer.getInt(offset + NODE_OFFSET, ORDER);
    }

    /** @return patches the node holds: 1 for an end node, 2 for a repeater. */
    public int patchCount()
    {
        return buffer.getByte(offset + PATCH_COUNT_OFFSET);
    }

    /** @return the parity byte: {@link #RAW_XX}, {@link #RAW_ZZ}, {@link #IDEAL_XX}, {@link #IDEAL_ZZ}, {@link #MEASURED}. */
    public int parities()
    {
        return buffer.getByte(offset + PARITIES_OFFSET) & 0xFF;
    }

    /** @return true when the node measured XX and ZZ this epoch (a repeater). */
    public boolean measured()
    {
        return (parities() & MEASURED) != 0;
    }

    /** @return the raw XX parity the hardware reported, true for -1. */
    public boolean rawXx()
    {
        return (parities() & RAW_XX) != 0;
    }

    /** @return the raw ZZ parity the hardware reported, true for -1. */
    public boolean rawZz()
    {
        return (parities() & RAW_ZZ) != 0;
    }

    /** @return the ideal XX outcome, true for -1. */
    public boolean idealXx()
    {
        return (parities() & IDEAL_XX) != 0;
    }

    /** @return the ideal ZZ outcome, true for -1. */
    public boolean idealZz()
    {
        return (parities() & IDEAL_ZZ) != 0;
    }

    /**
     * @param patch 0 or 1.
     * @return the patch's logical qubit id.
     */
    public int logicalQubitId(final int patch)
    {
        return buffer.getInt(patchOffset(patch) + LOGICAL_ID, ORDER);
    }

    /**
     * @param patch 0 or 1.
     * @return the true logical Paulis the patch picked up this epoch, an observable-flip mask.
     */
    public long trueFlips(final int patch)
    {
        return buffer.getByte(patchOffset(patch) + TRUE_FLIPS);
    }

    /**
     * @param patch 0 or 1.
     * @return the logical Paulis the patch's truth tracks; an untracked bit of {@link #trueFlips} is always 0.
     */
    public long trackedFlips(final int patch)
    {
        return buffer.getByte(patchOffset(patch) + TRACKED_FLIPS);
    }

    /**
     * @param patch 0 or 1.
     * @return true when the patch's block was sampled in burst mode.
     */
    public boolean burst(final int patch)
    {
        return buffer.getByte(patchOffset(patch) + BURST) != 0;
    }

    EpochTruth header(final long epoch, final int node, final int patchCount, final int parities)
    {
        mutableBuffer.setMemory(offset, LENGTH, (byte)0);
        mutableBuffer.putLong(offset + EPOCH_OFFSET, epoch, ORDER);
        mutableBuffer.putInt(offset + NODE_OFFSET, node, ORDER);
        mutableBuffer.putByte(offset + PATCH_COUNT_OFFSET, (byte)patchCount);
        mutableBuffer.putByte(offset + PARITIES_OFFSET, (byte)parities);
        return this;
    }

    EpochTruth patch(
        final int patch, final int logicalQubitId, final long trueFlips, final long trackedFlips, final boolean burst)
    {
        final int at = patchOffset(patch);
        mutableBuffer.putInt(at + LOGICAL_ID, logicalQubitId, ORDER);
        mutableBuffer.putByte(at + TRUE_FLIPS, (byte)trueFlips);
        mutableBuffer.putByte(at + TRACKED_FLIPS, (byte)trackedFlips);
        mutableBuffer.putByte(at + BURST, (byte)(burst ? 1 : 0));
        return this;
    }

    private int patchOffset(final int patch)
    {
        if (patch < 0 || patch >= MAX_PATCHES)
        {
            throw new IndexOutOfBoundsException("patch=" + patch + ", maxPatches=" + MAX_PATCHES);
        }
        return offset + PATCHES_OFFSET + patch * PATCH_LENGTH;
    }

    public String toString()
    {
        final StringBuilder sb = new StringBuilder("EpochTruth{epoch=").append(epoch()).append(", node=")
            .append(node()).append(", parities=0x").append(Integer.toHexString(parities()));
        for (int p = 0; p < patchCount(); p++)
        {
            sb.append(", patch").append(p).append("={id=").append(logicalQubitId(p)).append(", flips=")
                .append(trueFlips(p)).append(", tracked=").append(trackedFlips(p)).append('}');
        }
        return sb.append('}').toString();
    }
}
