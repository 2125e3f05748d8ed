package io.qecnode.node.harness.chain;

import io.qecnode.sim.chain.EpochTruth;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes {@link EpochTruth} records by hand, byte by byte as its class comment lays them out (its writers belong to
 * the hardware), so tests can give the verifier any truth; each test reads the record back through
 * {@link EpochTruth} before trusting it.
 */
final class TruthRecords
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private TruthRecords()
    {
    }

    /**
     * @param buffer   to write into, {@link EpochTruth#LENGTH} bytes from {@code offset}.
     * @param offset   where the record starts.
     * @param epoch    the epoch.
     * @param node     the node id.
     * @param parities the parity byte ({@link EpochTruth#RAW_XX}, ..., {@link EpochTruth#MEASURED}).
     * @param ids      each patch's logical qubit id.
     * @param flips    each patch's true flips.
     * @param patches  patches the node holds: 1 for an end node, 2 for a repeater.
     * @return {@link EpochTruth#LENGTH}.
     */
    static int write(
        final MutableDirectBuffer buffer,
        final int offset,
        final long epoch,
        final int node,
        final int parities,
        final int[] ids,
        final long[] flips,
        final int patches)
    {
        buffer.setMemory(offset, EpochTruth.LENGTH, (byte)0);
        buffer.putLong(offset, epoch, ORDER);
        buffer.putInt(offset + 8, node, ORDER);
        buffer.putByte(offset + 12, (byte)patches);
        buffer.putByte(offset + 13, (byte)parities);
        for (int p = 0; p < patches; p++)
        {
            final int patch = offset + 16 + 8 * p;
            buffer.putInt(patch, ids[p], ORDER);
            buffer.putByte(patch + 4, (byte)flips[p]);
            buffer.putByte(patch + 5, (byte)3);
        }
        return EpochTruth.LENGTH;
    }
}
