package io.qecnode.decoder.dem;

/**
 * One parsed instruction, kept with its line so that errors found while walking the model can still name it.
 * Detector indices are relative: the walker adds the detector offset in force when the instruction runs.
 * <p>
 * An error instruction is stored already split into its {@code ^}-separated components, each reduced to at most two
 * detectors (duplicates cancelled) and one observable mask, because that is all a graph edge can hold.
 * <p>
 * <b>Note:</b> the arrays are shared, not copied; nothing in this package writes to them after construction.
 */
final class DemInstruction
{
    /** Marks an empty detector slot of an error component. */
    static final long NO_DETECTOR = -1L;

    private static final double[] NO_ARGUMENTS = new double[0];
    private static final long[] NO_VALUES = new long[0];

    private final DemInstructionType type;
    private final int lineNumber;
    private final String lineText;
    // error: {probability}; detector: relative coordinates; shift_detectors: coordinate shift.
    private final double[] arguments;
    // error: two relative detectors per component, NO_DETECTOR where absent; detector: the relative detectors.
    private final long[] detectors;
    // error: one observable mask per component (bit k = observable k).
    private final long[] observables;
    // shift_detectors: the detector shift; repeat: the repetition count; error: the largest relative detector named,
    // cancelled ones included (Stim counts them), or NO_DETECTOR.
    private final long count;
    private final DemBlock body;

    private DemInstruction(
        final DemInstructionType type,
        final int lineNumber,
        final String lineText,
        final double[] arguments,
        final long[] detectors,
        final long[] observables,
        final long count,
        final DemBlock body)
    {
        this.type = type;
        this.lineNumber = lineNumber;
        this.lineText = lineText;
        this.arguments = arguments;
        this.detectors = detectors;
        this.observables = observables;
        this.count = count;
        this.body = body;
    }

    static DemInstruction error(
        final int lineNumber,
        final String lineText,
        final double probability,
        final long[] componentDetectors,
        final long[] componentObservables,
        final long maxDetectorNamed)
    {
        return new DemInstruction(DemInstructionType.ERROR, lineNumber, lineText, new double[]{probability},
            componentDetectors, componentObservables, maxDetectorNamed, null);
    }

    static DemInstruction detector(
        final int lineNumber, final String lineText, final double[] coordinates, final long[] detectors)
    {
        return new DemInstruction(DemInstructionType.DETECTOR, lineNumber, lineText, coordinates, detectors,
            NO_VALUES, 0, null);
    }

    static DemInstruction logicalObservable(final int lineNumber, final String lineText)
    {
        return new DemInstruction(DemInstructionType.LOGICAL_OBSERVABLE, lineNumber, lineText, NO_ARGUMENTS,
            NO_VALUES, NO_VALUES, 0, null);
    }

    static DemInstruction shiftDetectors(
        final int lineNumber, final String lineText, final double[] coordinateShift, final long detectorShift)
    {
        return new DemInstruction(DemInstructionType.SHIFT_DETECTORS, lineNumber, lineText, coordinateShift,
            NO_VALUES, NO_VALUES, detectorShift, null);
    }

    static DemInstruction repeat(
        final int lineNumber, final String lineText, final long repetitions, final DemBlock body)
    {
        return new DemInstruction(DemInstructionType.REPEAT, lineNumber, lineText, NO_ARGUMENTS, NO_VALUES,
            NO_VALUES, repetitions, body);
    }

    DemInstructionType type()
    {
        return type;
    }

    int lineNumber()
    {
        return lineNumber;
    }

    String lineText()
    {
        return lineText;
    }

    /** @return the error's probability; error instructions only. */
    double probability()
    {
        return arguments[0];
    }

    /** @return the detector's relative coordinates or the shift's coordinate offsets. */
    double[] arguments()
    {
        return arguments;
    }

    /** @return the relative detectors: of a detector instruction, or two per component of an error. */
    long[] detectors()
    {
        return detectors;
    }

    /** @return the observable mask of each component of an error. */
    long[] observables()
    {
        return observables;
    }

    /** @return the number of components of an error. */
    int componentCount()
    {
        return observables.length;
    }

    /** @return the detector shift of shift_detectors or the repetition count of repeat. */
    long count()
    {
        return count;
    }

    /** @return the largest relative detector an error names, cancelled pairs included; {@link #NO_DETECTOR} if none. */
    long maxDetectorNamed()
    {
        return count;
    }

    /** @return the body of a repeat block. */
    DemBlock body()
    {
        return body;
    }

    /** @return how many non-repeat instructions run when this instruction runs once, saturating at Long.MAX_VALUE. */
    long expandedSize()
    {
        if (type != DemInstructionType.REPEAT)
        {
            return 1;
        }
        final long bodySize = body.expandedSize();
        return bodySize != 0 && count > Long.MAX_VALUE / bodySize ? Long.MAX_VALUE : count * bodySize;
    }
}
