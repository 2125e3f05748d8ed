package io.qecnode.node.harness.chain;

import io.qecnode.pauli.ChainCorrection;
import io.qecnode.pauli.LogicalFrame;

/**
 * Runs the chain's frame bookkeeping for tests, as the nodes would: each repeater holds its decoded frames of L_i and
 * R_i, swaps with its raw parities and forwards the correction; B receives the last one. A repeater can be made to
 * misbehave to see the verifier catch it. Allocates nothing per epoch.
 */
final class SyntheticChain
{
    /** What one repeater forwards, given what it received and its swap. */
    @FunctionalInterface
    interface Repeater
    {
        long forward(long accumulated, LogicalFrame frame, boolean xxRaw, boolean zzRaw);
    }

    static final int LEFT = 0;
    static final int RIGHT = 1;

    static final Repeater FAITHFUL =
        (accumulated, frame, xx, zz) -> ChainCorrection.swap(accumulated, frame, LEFT, RIGHT, xx, zz);

    /** Streams its swap's correction without the X it owes (drops the corrected ZZ parity). */
    static final Repeater DROPS_X = (accumulated, frame, xx, zz) ->
        accumulated ^ (ChainCorrection.swap(ChainCorrection.NONE, frame, LEFT, RIGHT, xx, zz) & ~LogicalFrame.X_FLIP);

    private final LogicalFrame frame = new LogicalFrame(2);

    /**
     * Fill {@code epoch}'s accumulated correction from its decoded frames and raw parities.
     *
     * @param epoch    an epoch with truth, decoded frames and raw parities set.
     * @param repeater what every repeater does.
     */
    void stream(final ChainEpoch epoch, final Repeater repeater)
    {
        long accumulated = ChainCorrection.NONE;
        for (int i = 1; i <= epoch.repeaters(); i++)
        {
            frame.resetAll();
            frame.foldObservableFlips(LEFT, epoch.decodedFlips(ChainEpoch.leftPatch(i)));
            frame.foldObservableFlips(RIGHT, epoch.decodedFlips(ChainEpoch.rightPatch(i)));
            accumulated = repeater.forward(accumulated, frame, epoch.xxRaw(i), epoch.zzRaw(i));
        }
        epoch.accumulated(accumulated);
    }

    /**
     * Fill an epoch from packed values: patch p's two bits at bits 2p of {@code truth} and {@code decoded}, repeater
     * i's (xx, zz) at bits 2(i - 1) and 2(i - 1) + 1 of {@code raw}; then stream it through {@code repeater}.
     */
    void fill(final ChainEpoch epoch, final long truth, final long decoded, final int raw, final Repeater repeater)
    {
        fill(epoch, 0, truth, decoded, raw, repeater);
    }

    /** As {@link #fill(ChainEpoch, long, long, int, Repeater)}, for epoch {@code number}. */
    void fill(
        final ChainEpoch epoch,
        final long number,
        final long truth,
        final long decoded,
        final int raw,
        final Repeater repeater)
    {
        epoch.reset(number);
        for (int p = 0; p < epoch.patchCount(); p++)
        {
            epoch.trueFlips(p, (truth >>> (2 * p)) & 3L).decodedFlips(p, (decoded >>> (2 * p)) & 3L);
        }
        for (int i = 1; i <= epoch.repeaters(); i++)
        {
            epoch.rawParities(i, ((raw >>> (2 * (i - 1))) & 1) != 0, ((raw >>> (2 * (i - 1) + 1)) & 1) != 0);
        }
        stream(epoch, repeater);
    }

    /**
     * @param distribution probabilities of the residuals I, X, Z, Y.
     * @param u            uniform in [0, 1).
     * @return the residual u falls on.
     */
    static int sample(final double[] distribution, final double u)
    {
        double cumulative = 0.0;
        for (int r = 0; r < distribution.length - 1; r++)
        {
            cumulative += distribution[r];
            if (u < cumulative)
            {
                return r;
            }
        }
        return distribution.length - 1;
    }
}
