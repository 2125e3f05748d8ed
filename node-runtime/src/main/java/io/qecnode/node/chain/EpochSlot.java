package io.qecnode.node.chain;

import io.qecnode.io.frame.LogicalStateFlags;

/**
 * What a chain node holds of one open epoch: the left neighbour's state, each patch's block and the Bell
 * measurement, as they arrive in any order. Slots are preallocated in a ring and reused; a missing block reads as no
 * flips, no rounds, {@link LogicalStateFlags#INCOMPLETE}.
 * <p>
 * <b>Note:</b> single-threaded, plain fields.
 */
final class EpochSlot
{
    long epoch = -1;
    long openedNs;

    boolean hasLeft;
    long leftCorrection;
    int leftChainFlags;
    int leftHop;
    long leftOriginNs;

    final boolean[] hasBlock = new boolean[2];
    final long[] flips = new long[2];
    final int[] flags = new int[2];
    final int[] rounds = new int[2];
    final long[] decodeNs = new long[2];
    final long[] lastRoundNs = new long[2];

    boolean hasBell;
    boolean xx;
    boolean zz;

    void open(final long epoch, final long nowNs)
    {
        this.epoch = epoch;
        openedNs = nowNs;
        hasLeft = false;
        leftCorrection = 0;
        leftChainFlags = 0;
        leftHop = 0;
        leftOriginNs = 0;
        for (int side = 0; side < 2; side++)
        {
            hasBlock[side] = false;
            flips[side] = 0;
            flags[side] = LogicalStateFlags.INCOMPLETE;
            rounds[side] = 0;
            decodeNs[side] = 0;
            lastRoundNs[side] = 0;
        }
        hasBell = false;
        xx = false;
        zz = false;
    }

    void left(final long correction, final int chainFlags, final int hop, final long originNs)
    {
        hasLeft = true;
        leftCorrection = correction;
        leftChainFlags = chainFlags;
        leftHop = hop;
        leftOriginNs = originNs;
    }

    void block(
        final int side, final long flips, final int flags, final int rounds, final long decodeNs,
        final long lastRoundNs)
    {
        hasBlock[side] = true;
        this.flips[side] = flips;
        this.flags[side] = flags;
        this.rounds[side] = rounds;
        this.decodeNs[side] = decodeNs;
        this.lastRoundNs[side] = lastRoundNs;
    }

    void bell(final boolean xx, final boolean zz)
    {
        hasBell = true;
        this.xx = xx;
        this.zz = zz;
    }
}
