package io.qecnode.node.harness.chain;

import io.qecnode.decoder.experiment.BinomialInterval;

import java.util.Locale;

/**
 * Counts the chain's fidelity, right pairs over epochs with a 95% Wilson interval, and predicts it from the patches.
 * <p>
 * Per patch it keeps the joint distribution of its residual (decoded XOR true) over {I, X, Z, Y} as measured in the
 * same run, over the whole epochs. If the patches err independently, the pair is right with the probability that the
 * XOR of all residuals is the identity: the (I) mass of the XOR-convolution of the patches' distributions
 * ({@link #predicted}; X and Z of one patch stay joint, they need not be independent). The measured fidelity must
 * hold the prediction inside its interval, or something in the frame algebra is wrong.
 * <p>
 * An epoch the chain could not finish counts as an epoch that was not right, never dropped. Its frames are not all
 * known, so it adds nothing to the patches' statistics, and the prediction is for a whole epoch: it is held against
 * the interval of the whole epochs, which is the interval of all epochs when none failed. An epoch judged whole whose
 * repeaters' frames did not all arrive ({@link #recordVerdict}) counts towards the fidelity but not towards the
 * patches' statistics either.
 * <p>
 * <b>Note:</b> not thread safe. {@link #record} allocates nothing; the summaries do.
 */
public final class FidelityCounter
{
    private static final int RESIDUALS = 4;
    private static final double INTERVAL_SLACK = 1e-12;

    private final int patchCount;
    private final long[] residualCounts;
    private long right;
    private long wrong;
    private long incomplete;
    private long failed;
    private long residualEpochs;

    /**
     * @param repeaters number of repeaters n between A and B, at least 0.
     * @throws IllegalArgumentException if {@code repeaters} is negative.
     */
    public FidelityCounter(final int repeaters)
    {
        patchCount = ChainEpoch.patchCount(repeaters);
        residualCounts = new long[patchCount * RESIDUALS];
    }

    /**
     * @param epoch   the epoch judged, with every patch's truth and decoded frame.
     * @param verdict what {@link ChainVerifier#verify} said about it.
     * @throws IllegalArgumentException if the epoch is of a chain with another number of patches.
     */
    public void record(final ChainEpoch epoch, final EpochVerdict verdict)
    {
        if (epoch.patchCount() != patchCount)
        {
            throw new IllegalArgumentException("epoch.patchCount=" + epoch.patchCount() + ", patchCount=" + patchCount);
        }
        if (countVerdict(verdict))
        {
            residualEpochs++;
            for (int p = 0; p < patchCount; p++)
            {
                residualCounts[p * RESIDUALS + (int)epoch.residual(p)]++;
            }
        }
    }

    /**
     * Count a verdict without the patches' residuals, for an epoch whose frames are not all known (a repeater's
     * report never arrived): it counts towards the fidelity, not towards the prediction.
     *
     * @param verdict what {@link ChainVerifier#verify} said about the epoch.
     */
    public void recordVerdict(final EpochVerdict verdict)
    {
        countVerdict(verdict);
    }

    // True for a whole epoch (right or wrong), the only kind whose residuals are statistics of the patches.
    private boolean countVerdict(final EpochVerdict verdict)
    {
        switch (verdict)
        {
            case RIGHT:
                right++;
                return true;
            case WRONG:
                wrong++;
                return true;
            case INCOMPLETE:
                incomplete++;
                return false;
            default:
                failed++;
                return false;
        }
    }

    /** @return epochs recorded, whatever their verdict. */
    public long epochs()
    {
        return right + wrong + incomplete + failed;
    }

    /** @return epochs judged right. */
    public long right()
    {
        return right;
    }

    /** @return whole epochs judged wrong. */
    public long wrong()
    {
        return wrong;
    }

    /** @return epochs missing swaps. */
    public long incomplete()
    {
        return incomplete;
    }

    /** @return epochs a node could not finish. */
    public long failed()
    {
        return failed;
    }

    /** @return whole epochs whose residuals the patches' statistics hold. */
    public long residualEpochs()
    {
        return residualEpochs;
    }

    /** @return right over all epochs; NaN before the first. */
    public double measured()
    {
        return right / (double)epochs();
    }

    /** @return lower end of the 95% interval of {@link #measured}; NaN before the first epoch. */
    public double lower()
    {
        return epochs() == 0 ? Double.NaN : BinomialInterval.lower(right, epochs(), BinomialInterval.Z_95);
    }

    /** @return upper end of the 95% interval of {@link #measured}; NaN before the first epoch. */
    public double upper()
    {
        return epochs() == 0 ? Double.NaN : BinomialInterval.upper(right, epochs(), BinomialInterval.Z_95);
    }

    /**
     * @param patch    a patch, 0..2n+1 (see {@link ChainEpoch}).
     * @param residual a residual mask, 0..3 (bit 0 X, bit 1 Z).
     * @return the share of the {@link #residualEpochs} in which the patch was left with that residual; NaN before the
     * first.
     */
    public double residualProbability(final int patch, final int residual)
    {
        if (residual < 0 || residual >= RESIDUALS)
        {
            throw new IllegalArgumentException("residual=" + residual + ", allowed=0..3");
        }
        return residualCounts[checkPatch(patch) * RESIDUALS + residual] / (double)residualEpochs;
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @return the share of the {@link #residualEpochs} in which its decoder left a logical error (X, Z or Y).
     */
    public double logicalErrorRate(final int patch)
    {
        return 1.0 - residualProbability(patch, 0);
    }

    /** @return the fidelity of a whole epoch predicted from independent patches; NaN before the first whole epoch. */
    public double predicted()
    {
        // XOR-convolution over Z2 x Z2: the mass of each residual of the XOR of the patches seen so far.
        double i = 1.0;
        double x = 0.0;
        double z = 0.0;
        double y = 0.0;
        for (int p = 0; p < patchCount; p++)
        {
            final double pi = residualProbability(p, 0);
            final double px = residualProbability(p, 1);
            final double pz = residualProbability(p, 2);
            final double py = residualProbability(p, 3);
            final double ni = i * pi + x * px + z * pz + y * py;
            final double nx = i * px + x * pi + z * py + y * pz;
            final double nz = i * pz + z * pi + x * py + y * px;
            final double ny = i * py + y * pi + x * pz + z * px;
            i = ni;
            x = nx;
            z = nz;
            y = ny;
        }
        return i;
    }

    /** @return true when {@link #predicted} lies inside the 95% interval of the whole epochs' fidelity. */
    public boolean predictedInside()
    {
        final long whole = right + wrong;
        if (whole == 0)
        {
            return false;
        }
        final double predicted = predicted();
        // Rounding leaves the interval's end a hair off 0 or 1 when no epoch, or every one, was right; a prediction of
        // exactly that end is inside.
        return BinomialInterval.lower(right, whole, BinomialInterval.Z_95) - INTERVAL_SLACK <= predicted &&
            predicted <= BinomialInterval.upper(right, whole, BinomialInterval.Z_95) + INTERVAL_SLACK;
    }

    /**
     * @return one print-ready line: measured fidelity with its interval beside the predicted one, whether the
     * prediction lies inside, and the epochs by verdict.
     */
    public String summary()
    {
        final long epochs = epochs();
        if (epochs == 0)
        {
            return "fidelity: no epochs";
        }
        final long whole = right + wrong;
        final String wholeInterval = whole == epochs || whole == 0 ? "" : String.format(Locale.ROOT,
            ", whole epochs %.5f [%.5f, %.5f]", right / (double)whole,
            BinomialInterval.lower(right, whole, BinomialInterval.Z_95),
            BinomialInterval.upper(right, whole, BinomialInterval.Z_95));
        return String.format(Locale.ROOT,
            "fidelity %.5f [%.5f, %.5f] (95%%) over %d epochs: %d right, %d wrong, %d incomplete, %d failed%s; " +
            "predicted %.5f from %d patches%s: %s",
            measured(), lower(), upper(), epochs, right, wrong, incomplete, failed, wholeInterval,
            predicted(), patchCount, residualEpochs == whole ? "" : " over " + residualEpochs + " epochs",
            predictedInside() ? "inside the interval" : "OUTSIDE the interval");
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @return one print-ready line: the patch's name (A, L1, R1, ..., B), its logical error rate and the share of
     * each residual.
     */
    public String patchSummary(final int patch)
    {
        checkPatch(patch);
        final String name = patch == 0 ? "A" : patch == patchCount - 1 ? "B" :
            ((patch & 1) == 1 ? "L" : "R") + ((patch + 1) / 2);
        return String.format(Locale.ROOT, "patch %s: logical error rate %.6f (X %.6f, Z %.6f, Y %.6f)",
            name, logicalErrorRate(patch), residualProbability(patch, 1), residualProbability(patch, 2),
            residualProbability(patch, 3));
    }

    private int checkPatch(final int patch)
    {
        if (patch < 0 || patch >= patchCount)
        {
            throw new IndexOutOfBoundsException("patch=" + patch + ", patchCount=" + patchCount);
        }
        return patch;
    }
}
