package io.qecnode.decoder.dem;

import io.qecnode.decoder.model.ErrorMechanismsBuilder;

/**
 * Third walk over a model: turns every error instruction into one sampling mechanism, all its {@code ^}-separated
 * components together. The separators only suggest how a matcher may split the error; when it happens, the error flips
 * every detector and observable it names (pairs cancelling), which is how Stim's {@code sample_dem} draws it.
 */
final class MechanismAssembly implements DemVisitor
{
    private final ErrorMechanismsBuilder builder;
    private int[] detectors = new int[8];

    /**
     * @param builder sized for the model's detectors and observables.
     */
    MechanismAssembly(final ErrorMechanismsBuilder builder)
    {
        this.builder = builder;
    }

    public void onError(final DemInstruction error, final long detectorOffset, final long repetitions)
    {
        final long[] componentDetectors = error.detectors();
        final long[] componentObservables = error.observables();
        if (detectors.length < componentDetectors.length)
        {
            detectors = new int[componentDetectors.length];
        }
        int count = 0;
        long observables = 0;
        for (int c = 0; c < componentObservables.length; c++)
        {
            // An undetectable component still flips its observables: it is part of the truth a decoder is held to.
            observables ^= componentObservables[c];
            for (int k = 2 * c; k < 2 * c + 2; k++)
            {
                if (componentDetectors[k] != DemInstruction.NO_DETECTOR)
                {
                    detectors[count++] = (int)(detectorOffset + componentDetectors[k]);
                }
            }
        }
        // Repeated on the same detectors it is still one flip, of the combined probability: exact for sampling.
        builder.add(DemWalker.repeated(error.probability(), repetitions), detectors, count, observables);
    }

    public void onDetector(final DemInstruction detector, final long detectorOffset, final double[] coordinateShift)
    {
        // Declarations add no mechanisms.
    }
}
