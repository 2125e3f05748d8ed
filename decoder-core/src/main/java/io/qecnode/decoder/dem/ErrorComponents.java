package io.qecnode.decoder.dem;

import java.util.Arrays;

/**
 * Reduces the targets of one error instruction to its {@code ^}-separated components, each to the detectors named an
 * odd number of times and the XOR of the observables named: flips that happen twice cancel, as in Stim.
 * <p>
 * Reused line after line: {@link #start(int)}, then targets and {@link #endComponent()} per component, then the
 * results, which are fresh arrays each time.
 */
final class ErrorComponents
{
    private long[] detectors = new long[0];
    private long[] observables = new long[0];
    private int component;
    private long maxDetectorNamed;
    // Detectors of the open component named an odd number of times so far; it may briefly hold more than two.
    private int openCount;
    private long[] open = new long[8];
    private long openObservables;

    /**
     * @param componentCount number of components the instruction has: its separators plus one.
     */
    void start(final int componentCount)
    {
        detectors = new long[2 * componentCount];
        observables = new long[componentCount];
        component = 0;
        maxDetectorNamed = DemInstruction.NO_DETECTOR;
        openCount = 0;
        openObservables = 0;
    }

    /**
     * @param detector relative detector named in the open component.
     */
    void flipDetector(final long detector)
    {
        maxDetectorNamed = Math.max(maxDetectorNamed, detector);
        for (int i = 0; i < openCount; i++)
        {
            if (open[i] == detector)
            {
                open[i] = open[--openCount];
                return;
            }
        }
        if (openCount == open.length)
        {
            open = Arrays.copyOf(open, 2 * openCount);
        }
        open[openCount++] = detector;
    }

    /**
     * @param observable observable named in the open component.
     */
    void flipObservable(final int observable)
    {
        openObservables ^= 1L << observable;
    }

    /** @return index of the open component, from 0. */
    int componentIndex()
    {
        return component;
    }

    /** @return number of detectors the open component flips once pairs cancel. */
    int openDetectorCount()
    {
        return openCount;
    }

    /**
     * Closes the open component, which must flip at most two detectors (a graph edge has two ends).
     */
    void endComponent()
    {
        if (openCount > 2)
        {
            throw new IllegalStateException("a component flips more than two detectors: detectors=" + openCount);
        }
        detectors[2 * component] = openCount > 0 ? open[0] : DemInstruction.NO_DETECTOR;
        detectors[2 * component + 1] = openCount > 1 ? open[1] : DemInstruction.NO_DETECTOR;
        observables[component] = openObservables;
        component++;
        openCount = 0;
        openObservables = 0;
    }

    /** @return two relative detectors per component, {@link DemInstruction#NO_DETECTOR} where absent. */
    long[] detectors()
    {
        return detectors;
    }

    /** @return the observable mask of each component. */
    long[] observables()
    {
        return observables;
    }

    /** @return largest relative detector named, cancelled pairs included; DemInstruction.NO_DETECTOR if none. */
    long maxDetectorNamed()
    {
        return maxDetectorNamed;
    }
}
