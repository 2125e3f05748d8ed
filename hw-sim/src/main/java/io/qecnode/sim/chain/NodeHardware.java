package io.qecnode.sim.chain;

import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The simulated hardware of one chain node, epoch by epoch: an end node holds one patch, a repeater two (patch 0 is
 * L_i, its half of the pair shared with its left neighbour; patch 1 is R_i). Each patch is a surface-code memory with
 * its own syndrome stream, seeded from the chain seed, the node and the patch ({@link ChainSeeds}).
 * <p>
 * In each epoch ({@link #runEpoch}) every patch emits one block of rounds to its round sink, and its block's true
 * logical flips join the Pauli it has picked up this epoch (with any {@linkplain #injectLogical injected} Pauli). A
 * repeater then measures XX and ZZ on its two patches. A perfect swap of two {@code |Phi+>} pairs gives each parity
 * uniformly at random, so the ideal outcomes come from the node's own seeded stream; the raw parities reported are
 * the ideal ones flipped by the true Paulis on the measured patches, as a Pauli that anticommutes with a measured
 * operator flips its outcome:
 * <pre>
 *     zz = zz_ideal XOR X(L_i) XOR X(R_i)        xx = xx_ideal XOR Z(L_i) XOR Z(R_i)
 * </pre>
 * (the same rule as {@code io.qecnode.pauli.ChainCorrection}, written out here rather than shared, so the simulated
 * physics does not rest on the firmware's algebra it is meant to check).
 * <p>
 * Every patch then starts the next epoch with no Pauli: a repeater's patches were consumed by the measurement, and an
 * end node's patch is the half of this epoch's end-to-end pair, handed over at the epoch's end; the next epoch's link
 * pairs are new. The epoch's truth (each patch's true flips, the parities) goes to the {@link EpochTruthSink} as one
 * {@link EpochTruth} record.
 * <p>
 * <b>Note:</b> not thread safe: one thread runs the epochs. {@link #runEpoch} allocates nothing.
 */
public final class NodeHardware
{
    private final int nodeId;
    private final ChainPatch[] patches;
    private final UnsafeBuffer truthBuffer = new UnsafeBuffer(new byte[EpochTruth.LENGTH]);
    private final EpochTruth truth = new EpochTruth();
    private long bellState;
    private long nextEpoch;

    /**
     * @param nodeId      the node's id in the chain, {@code >= 0}.
     * @param chainSeed   the chain's seed; the node's streams are derived from it.
     * @param burstFactor multiplies every probability in burst blocks, see {@link SyndromeSource#burst}.
     * @param patches     one patch (an end node) or two (a repeater: left, then right).
     */
    public NodeHardware(final int nodeId, final long chainSeed, final double burstFactor, final PatchSpec... patches)
    {
        if (patches.length < 1 || patches.length > EpochTruth.MAX_PATCHES)
        {
            throw new IllegalArgumentException("a node holds 1 or 2 patches: patches=" + patches.length);
        }
        this.nodeId = nodeId;
        this.patches = new ChainPatch[patches.length];
        for (int p = 0; p < patches.length; p++)
        {
            this.patches[p] = new ChainPatch(patches[p], ChainSeeds.patchSeed(chainSeed, nodeId, p), burstFactor);
        }
        this.bellState = ChainSeeds.bellSeed(chainSeed, nodeId);
        truth.wrap(truthBuffer, 0);
    }

    /**
     * @param nodeId    the node's id: 0 for A, n + 1 for B.
     * @param chainSeed the chain's seed.
     * @param patch     the node's one patch.
     * @return an end node's hardware, with the default burst factor.
     */
    public static NodeHardware endNode(final int nodeId, final long chainSeed, final PatchSpec patch)
    {
        return new NodeHardware(nodeId, chainSeed, SyndromeSource.BURST_FACTOR_DEFAULT, patch);
    }

    /**
     * @param nodeId    the node's id, 1..n.
     * @param chainSeed the chain's seed.
     * @param left      L_i, on the link to the left neighbour.
     * @param right     R_i, on the link to the right neighbour.
     * @return a repeater's hardware, with the default burst factor.
     */
    public static NodeHardware repeater(
        final int nodeId, final long chainSeed, final PatchSpec left, final PatchSpec right)
    {
        return new NodeHardware(nodeId, chainSeed, SyndromeSource.BURST_FACTOR_DEFAULT, left, right);
    }

    /**
     * Emit the next round of one patch's block of the current epoch to its round sink, for a caller that paces rounds
     * itself; {@link #runEpoch} then emits what is left and ends the epoch. The patches' streams are independent, so
     * how their rounds interleave changes neither the rounds nor the truth.
     *
     * @param patch the patch index.
     * @return true when this round ended the patch's block: the patch has nothing more to emit this epoch.
     * @throws IllegalStateException if the patch's block of this epoch is already complete.
     */
    public boolean emitRound(final int patch)
    {
        final ChainPatch chainPatch = patches[patch];
        if (chainPatch.source().blockIndex() != nextEpoch)
        {
            throw new IllegalStateException("patch " + patch + " has emitted its block of epoch " + nextEpoch +
                ": end the epoch first");
        }
        return chainPatch.emitRound();
    }

    /**
     * Run one epoch: a block of rounds from every patch (what is left of it after any {@link #emitRound}), a
     * repeater's XX and ZZ measurement, then the truth record.
     *
     * @param sink receives the epoch's {@link EpochTruth} record.
     * @return the epoch just run.
     */
    public long runEpoch(final EpochTruthSink sink)
    {
        final ChainPatch[] patches = this.patches;
        for (final ChainPatch patch : patches)
        {
            // Block k is the epoch's block: a patch whose block is complete has moved on to block k + 1.
            while (patch.source().blockIndex() == nextEpoch)
            {
                patch.emitRound();
            }
        }

        int parities = 0;
        if (patches.length == 2)
        {
            bellState += ChainSeeds.GOLDEN;
            final int ideal = (int)ChainSeeds.mix(bellState) & 3;
            final long both = patches[0].truePauli() ^ patches[1].truePauli();
            final int rawXx = (ideal & 1) ^ ((both & SurfaceCodeModel.LOGICAL_Z_FLIP) != 0 ? 1 : 0);
            final int rawZz = (ideal >>> 1) ^ ((both & SurfaceCodeModel.LOGICAL_X_FLIP) != 0 ? 1 : 0);
            parities = EpochTruth.MEASURED |
                (rawXx != 0 ? EpochTruth.RAW_XX : 0) | (rawZz != 0 ? EpochTruth.RAW_ZZ : 0) |
                ((ideal & 1) != 0 ? EpochTruth.IDEAL_XX : 0) | ((ideal & 2) != 0 ? EpochTruth.IDEAL_ZZ : 0);
        }

        final long epoch = nextEpoch++;
        truth.header(epoch, nodeId, patches.length, parities);
        for (int p = 0; p < patches.length; p++)
        {
            final ChainPatch patch = patches[p];
            truth.patch(p, patch.logicalQubitId(), patch.truePauli(), patch.tracked(),
                patch.source().currentBlockInBurst());
            patch.reset();
        }
        sink.onEpochTruth(truthBuffer, 0, EpochTruth.LENGTH);
        return epoch;
    }

    /**
     * Apply a logical Pauli to a patch during the coming epoch, as a fault the syndromes never show: it joins the
     * patch's true flips and, on a repeater, flips the parities it anticommutes with.
     *
     * @param patch the patch index.
     * @param pauli an observable-flip mask among the patch's tracked flips.
     * @throws IllegalArgumentException if the patch tracks not every Pauli in the mask.
     */
    public void injectLogical(final int patch, final long pauli)
    {
        patches[patch].inject(pauli);
    }

    /** @return the record of the last epoch run, read only; overwritten by the next epoch. */
    public EpochTruth lastTruth()
    {
        return truth;
    }

    /**
     * @param patch the patch index.
     * @return its syndrome stream, for scheduling bursts.
     */
    public SyndromeSource source(final int patch)
    {
        return patches[patch].source();
    }

    /** @return the epoch the next {@link #runEpoch} runs. */
    public long nextEpoch()
    {
        return nextEpoch;
    }

    /** @return the node's id. */
    public int nodeId()
    {
        return nodeId;
    }

    /** @return 1 for an end node, 2 for a repeater. */
    public int patchCount()
    {
        return patches.length;
    }

    /** @return true when the node measures XX and ZZ each epoch. */
    public boolean isRepeater()
    {
        return patches.length == 2;
    }

    public String toString()
    {
        return "NodeHardware{node=" + nodeId + ", patches=" + patches.length + ", nextEpoch=" + nextEpoch + "}";
    }
}
