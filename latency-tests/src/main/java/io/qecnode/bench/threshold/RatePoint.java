package io.qecnode.bench.threshold;

import io.qecnode.decoder.experiment.BinomialInterval;

/**
 * One measured point of a logical error rate curve: shots and logical errors at a code distance and a physical error
 * probability. Built-in noise models and imported DEMs give the same kind of point, so crossings are found the same
 * way for both.
 */
public interface RatePoint
{
    /** @return code distance. */
    int distance();

    /** @return physical error probability. */
    double p();

    /** @return shots decoded. */
    long shots();

    /** @return shots whose predicted logical flips differed from the truth. */
    long logicalErrors();

    /** @return logical errors per shot. */
    default double logicalErrorRate()
    {
        return (double)logicalErrors() / shots();
    }

    /** @return lower end of the 95% Wilson interval of the logical error rate, never above the rate. */
    default double ciLow()
    {
        // Rounding leaves the bound at 4e-19 rather than 0 for no errors: an interval must hold its rate.
        return Math.min(logicalErrorRate(),
            Math.max(0.0, BinomialInterval.lower(logicalErrors(), shots(), BinomialInterval.Z_95)));
    }

    /** @return upper end of the 95% Wilson interval of the logical error rate, never below the rate. */
    default double ciHigh()
    {
        return Math.max(logicalErrorRate(),
            Math.min(1.0, BinomialInterval.upper(logicalErrors(), shots(), BinomialInterval.Z_95)));
    }
}
