package io.qecnode.node.harness.chain;

import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.pauli.ChainCorrection;
import io.qecnode.pauli.LogicalFrame;
import io.qecnode.sim.chain.EpochTruth;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The pieces one epoch of a chain sends the verifier, as the hardware and the nodes would write them: a truth record
 * per node (nodes 0..n+1), then a report per patch (chain patch index p, logical qubit id p + 1), each in its own
 * slot of one buffer. Repeaters report the correction they would forward hop by hop; B reports the correction the
 * epoch holds ({@link ChainEpoch#accumulated}, e.g. streamed by {@link SyntheticChain}) and the chain flags given.
 * Allocates nothing per epoch.
 */
final class ChainPieces
{
    static final int SLOT = 128;

    private final int repeaters;
    private final int nodeCount;
    private final long pathId;
    private final UnsafeBuffer buffer;
    private final int[] lengths;
    private final int[] ids = new int[2];
    private final long[] flips = new long[2];
    private final LogicalFrame frame = new LogicalFrame(2);
    private final LogicalStateWriter writer = new LogicalStateWriter();

    ChainPieces(final int repeaters, final long pathId)
    {
        this.repeaters = repeaters;
        this.nodeCount = repeaters + 2;
        this.pathId = pathId;
        lengths = new int[nodeCount + ChainEpoch.patchCount(repeaters)];
        buffer = new UnsafeBuffer(new byte[lengths.length * SLOT]);
    }

    /**
     * @param source      an epoch with truth, decoded frames, raw parities and B's correction set.
     * @param bChainFlags the chain flags of B's report.
     * @return this.
     */
    ChainPieces encode(final ChainEpoch source, final int bChainFlags)
    {
        final long epoch = source.epoch();
        final int b = source.patchB();
        ids[0] = 1;
        flips[0] = source.trueFlips(ChainEpoch.PATCH_A);
        lengths[0] = TruthRecords.write(buffer, 0, epoch, 0, 0, ids, flips, 1);
        ids[0] = b + 1;
        flips[0] = source.trueFlips(b);
        lengths[nodeCount - 1] = TruthRecords.write(buffer, (nodeCount - 1) * SLOT, epoch, nodeCount - 1, 0, ids,
            flips, 1);

        report(source, ChainEpoch.PATCH_A, 1, ChainCorrection.NONE, 0);
        long forwarded = ChainCorrection.NONE;
        for (int i = 1; i <= repeaters; i++)
        {
            final int left = ChainEpoch.leftPatch(i);
            final int right = ChainEpoch.rightPatch(i);
            ids[0] = left + 1;
            ids[1] = right + 1;
            flips[0] = source.trueFlips(left);
            flips[1] = source.trueFlips(right);
            final int parities = EpochTruth.MEASURED | (source.xxRaw(i) ? EpochTruth.RAW_XX : 0) |
                (source.zzRaw(i) ? EpochTruth.RAW_ZZ : 0);
            lengths[i] = TruthRecords.write(buffer, i * SLOT, epoch, i, parities, ids, flips, 2);

            frame.resetAll();
            frame.foldObservableFlips(0, source.decodedFlips(left));
            frame.foldObservableFlips(1, source.decodedFlips(right));
            forwarded = ChainCorrection.swap(forwarded, frame, 0, 1, source.xxRaw(i), source.zzRaw(i));
            report(source, left, i + 1, forwarded, 0);
            report(source, right, i + 1, forwarded, 0);
        }
        report(source, b, repeaters + 1, source.accumulated(), bChainFlags);
        return this;
    }

    /** @return pieces of the epoch: n + 2 truth records, then 2n + 2 reports. */
    int count()
    {
        return lengths.length;
    }

    /** @return index of a node's truth record. */
    int truthIndex(final int node)
    {
        return node;
    }

    /** @return index of a patch's report. */
    int reportIndex(final int patch)
    {
        return nodeCount + patch;
    }

    boolean isTruth(final int index)
    {
        return index < nodeCount;
    }

    int offset(final int index)
    {
        return index * SLOT;
    }

    int length(final int index)
    {
        return lengths[index];
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Hand one piece to an assembly, as received now. */
    boolean deliver(final int index, final EpochAssembly assembly, final long nowNs)
    {
        return isTruth(index) ? assembly.onTruth(buffer, offset(index), length(index), nowNs) :
            assembly.onReport(buffer, offset(index), length(index), nowNs);
    }

    /** Queue one piece on the stream it travels on. */
    void deliver(final int index, final FragmentQueue truths, final FragmentQueue reports)
    {
        (isTruth(index) ? truths : reports).add(buffer, offset(index), length(index));
    }

    /** Queue every piece in order. */
    void deliverAll(final FragmentQueue truths, final FragmentQueue reports)
    {
        for (int i = 0; i < count(); i++)
        {
            deliver(i, truths, reports);
        }
    }

    private void report(
        final ChainEpoch source, final int patch, final int hopCount, final long correction, final int chainFlags)
    {
        final int node = (patch + 1) / 2;
        final int index = reportIndex(patch);
        lengths[index] = writer.encode(buffer, offset(index), node, patch + 1, source.epoch(),
            source.decodedFlips(patch), 5, 0, 0, 0, source.epoch(), node, LogicalStateWriter.NO_NODE, hopCount,
            pathId, correction, chainFlags);
    }
}
