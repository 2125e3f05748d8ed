package io.qecnode.node.harness.chain;

import io.qecnode.pauli.ChainCorrection;
import io.qecnode.pauli.LogicalFrame;

/**
 * Judges one epoch of a repeater chain at B: is the end-to-end pair exactly right, given the hardware's ground truth?
 *
 * <h2>What the pair carries</h2>
 * Each link starts the epoch as {@code |Phi+>}; the hardware then leaves the true Pauli t_p on every patch p.
 * Repeater i measures {@code X X} and {@code Z Z} on (L_i, R_i). Had there been no error, it would have read the ideal
 * outcomes, and the swaps would leave A and B in {@code |Phi+>} times {@code X^(XOR zz_ideal) Z^(XOR xx_ideal)} on B
 * (see {@link ChainCorrection}). An X on a measured patch anticommutes with {@code Z Z} and flips the outcome the
 * hardware reports, a Z flips {@code X X}, and nothing else of them survives the measurement, so
 * <pre>
 *     zz_ideal_i = zz_i XOR tX(L_i) XOR tX(R_i)        xx_ideal_i = xx_i XOR tZ(L_i) XOR tZ(R_i)
 * </pre>
 * from the raw parities and the truth. The Paulis on A and B themselves stay: a Pauli on A's half of {@code |Phi+>}
 * equals the same Pauli on B's half up to a phase, so the pair carries, on B,
 * <pre>
 *     carried = t_A XOR t_B XOR X^(XOR zz_ideal) Z^(XOR xx_ideal)
 * </pre>
 * The pair is right iff A's frame times B's final frame (B's decoded frame after {@link ChainCorrection#complete})
 * undoes exactly that: {@code frame_A XOR frame_B == carried}. This is what {@link #verify} checks, from the raw
 * quantities only.
 *
 * <h2>The residual rule</h2>
 * When the chain streams faithfully, {@code frame_B = d_B XOR X^(XOR zz') Z^(XOR xx')} with the corrected parities
 * {@code zz_i' = zz_i XOR dX(L_i) XOR dX(R_i)} (and Z likewise), d the decoded frames. The raw parities cancel
 * against the ideal ones and {@code frame_A XOR frame_B XOR carried} is the XOR over all patches of the residuals
 * {@code d_p XOR t_p}: the pair is right iff the residuals have no X and no Z left between them
 * ({@link #residualParity}). The verdict does not assume this; tests hold the two against each other, and a chain that
 * streams a wrong correction breaks the rule and is judged wrong.
 * <p>
 * <b>Note:</b> not thread safe; one verifier per thread. {@link #verify} allocates nothing.
 */
public final class ChainVerifier
{
    private static final int B_FRAME_PATCH = 0;

    private final int patchCount;
    private final LogicalFrame frameB = new LogicalFrame(1);

    /**
     * @param repeaters number of repeaters n between A and B, at least 0.
     * @throws IllegalArgumentException if {@code repeaters} is negative.
     */
    public ChainVerifier(final int repeaters)
    {
        patchCount = ChainEpoch.patchCount(repeaters);
    }

    /**
     * @param epoch the epoch's truth and what the chain delivered.
     * @return {@link EpochVerdict#FAILED} or {@link EpochVerdict#INCOMPLETE} for an epoch marked so (failed wins),
     * whatever its frames; otherwise {@link EpochVerdict#RIGHT} iff the frames undo what the pair carries.
     * @throws IllegalArgumentException if the epoch is of a chain with another number of repeaters.
     */
    public EpochVerdict verify(final ChainEpoch epoch)
    {
        if (epoch.patchCount() != patchCount)
        {
            throw new IllegalArgumentException("epoch.patchCount=" + epoch.patchCount() + ", patchCount=" + patchCount);
        }
        if (epoch.isFailed())
        {
            return EpochVerdict.FAILED;
        }
        if (epoch.isIncomplete())
        {
            return EpochVerdict.INCOMPLETE;
        }
        return deliveredPauli(epoch) == carriedPauli(epoch) ? EpochVerdict.RIGHT : EpochVerdict.WRONG;
    }

    /**
     * @param epoch the epoch's truth.
     * @return the Pauli the end-to-end pair physically carries, as a mask on B's half: the truth on A and B and the
     * correction the ideal outcomes owe, those recovered from the raw parities and the truth of the measured patches.
     */
    public static long carriedPauli(final ChainEpoch epoch)
    {
        long idealOwed = 0L;
        for (int i = 1; i <= epoch.repeaters(); i++)
        {
            final long left = epoch.trueFlips(ChainEpoch.leftPatch(i));
            final long right = epoch.trueFlips(ChainEpoch.rightPatch(i));
            final boolean zzIdeal = epoch.zzRaw(i) ^ x(left) ^ x(right);
            final boolean xxIdeal = epoch.xxRaw(i) ^ z(left) ^ z(right);
            idealOwed ^= LogicalFrame.bellCorrection(xxIdeal, zzIdeal);
        }
        return epoch.trueFlips(ChainEpoch.PATCH_A) ^ epoch.trueFlips(epoch.patchB()) ^ idealOwed;
    }

    /**
     * @param epoch what the chain delivered.
     * @return A's frame times B's final frame (B's decoded frame completed with the correction it received).
     */
    public long deliveredPauli(final ChainEpoch epoch)
    {
        frameB.reset(B_FRAME_PATCH);
        frameB.foldObservableFlips(B_FRAME_PATCH, epoch.decodedFlips(epoch.patchB()));
        ChainCorrection.complete(epoch.accumulated(), frameB, B_FRAME_PATCH);
        return epoch.decodedFlips(ChainEpoch.PATCH_A) ^ frameB.observableFlips(B_FRAME_PATCH);
    }

    /**
     * @param epoch an epoch with every patch's decoded frame.
     * @return the XOR over all patches of decoded XOR true: zero iff a faithfully streamed chain got the pair right.
     */
    public static long residualParity(final ChainEpoch epoch)
    {
        long parity = 0L;
        for (int p = 0; p < epoch.patchCount(); p++)
        {
            parity ^= epoch.residual(p);
        }
        return parity;
    }

    private static boolean x(final long flips)
    {
        return (flips & LogicalFrame.X_FLIP) != 0;
    }

    private static boolean z(final long flips)
    {
        return (flips & LogicalFrame.Z_FLIP) != 0;
    }
}
