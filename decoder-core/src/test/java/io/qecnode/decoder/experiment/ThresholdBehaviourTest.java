package io.qecnode.decoder.experiment;

import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SurfaceCodeModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monte Carlo sanity of the whole decoder with fixed seeds: below threshold a larger code must fail less often,
 * above it more often. Thresholds of union-find: about 0.099 (code capacity) and 0.026 (phenomenological).
 * Successive points must differ beyond their 95% intervals, not just in the estimate.
 */
class ThresholdBehaviourTest
{
    private static final int SHOTS = 10_000;

    @ParameterizedTest(name = "{0} p={1}: logical error rate {2} with d")
    @CsvSource({
        "code-capacity,    0.05,  falls",
        "code-capacity,    0.14,  rises",
        "phenomenological, 0.015, falls",
        "phenomenological, 0.04,  rises"})
    void shouldFallBelowThresholdAndRiseAbove(final String noise, final double p, final String direction)
    {
        final int[] distances = {5, 9, 13};
        final long[] errors = new long[distances.length];
        for (int i = 0; i < distances.length; i++)
        {
            final int d = distances[i];
            final MemoryExperiment experiment = new MemoryExperiment(
                SurfaceCodeModel.of(NoiseModel.fromCliName(noise), d, d, p).graph(), 1000 + d);
            experiment.run(SHOTS);
            errors[i] = experiment.logicalErrors();
        }

        for (int i = 0; i + 1 < distances.length; i++)
        {
            final long smaller = errors[i];
            final long larger = errors[i + 1];
            final String message = noise + " p=" + p + ": d=" + distances[i] + " " + smaller + " errors, d=" +
                distances[i + 1] + " " + larger + " errors in " + SHOTS + " shots";
            if ("falls".equals(direction))
            {
                assertTrue(upper(larger) < lower(smaller), message);
            }
            else
            {
                assertTrue(upper(smaller) < lower(larger), message);
            }
        }
    }

    private static double upper(final long errors)
    {
        return BinomialInterval.upper(errors, SHOTS, BinomialInterval.Z_95);
    }

    private static double lower(final long errors)
    {
        return BinomialInterval.lower(errors, SHOTS, BinomialInterval.Z_95);
    }
}
