package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraph;

/**
 * Gives each parsed line its meaning: checks the arguments and targets each instruction takes and builds the
 * {@link DemInstruction}, or reads the count of a {@code repeat} that opens a block.
 * <p>
 * The largest observable index is tracked across lines because the observable count is textual in Stim: it counts
 * observables named inside {@code repeat 0} blocks too.
 */
final class DemInstructionReader
{
    /** What a line turned out to be. */
    enum LineKind
    {
        BLANK,
        INSTRUCTION,
        BLOCK_START,
        BLOCK_END
    }

    private final DemLineParser line = new DemLineParser();
    private final ErrorComponents errorComponents = new ErrorComponents();
    private DemInstruction instruction;
    private long repeatCount;
    private int observableCount;

    /**
     * @param text       the line without its terminator.
     * @param lineNumber 1-based number of the line, for error messages.
     * @return what the line holds; see {@link #instruction()} and {@link #repeatCount()}.
     * @throws DemFormatException when the line is malformed or an instruction is given what it does not take.
     */
    LineKind read(final String text, final int lineNumber)
    {
        instruction = null;
        switch (line.parse(text, lineNumber))
        {
            case BLANK ->
            {
                return LineKind.BLANK;
            }
            case BLOCK_END ->
            {
                return LineKind.BLOCK_END;
            }
            default ->
            {
            }
        }

        final DemInstructionType type = line.type();
        if (type == DemInstructionType.REPEAT)
        {
            if (!line.opensBlock())
            {
                throw line.fail("'repeat' must end with '{'", "");
            }
            repeatCount = onlyNumber("'repeat' takes exactly one target, the repetition count",
                "repeat count must be a non-negative integer", "count");
            return LineKind.BLOCK_START;
        }
        if (line.opensBlock())
        {
            throw line.fail("only 'repeat' opens a block", "instruction=" + type.demName());
        }
        instruction = switch (type)
        {
            case ERROR -> error();
            case DETECTOR -> detector();
            case LOGICAL_OBSERVABLE -> logicalObservable();
            case SHIFT_DETECTORS -> shiftDetectors();
            default -> throw new IllegalStateException("unhandled instruction type: type=" + type);
        };
        return LineKind.INSTRUCTION;
    }

    /** @return the instruction of the last line read as {@link LineKind#INSTRUCTION}. */
    DemInstruction instruction()
    {
        return instruction;
    }

    /** @return the repetition count of the last line read as {@link LineKind#BLOCK_START}. */
    long repeatCount()
    {
        return repeatCount;
    }

    /** @return largest observable index named on any line so far, plus one. */
    int observableCount()
    {
        return observableCount;
    }

    private DemInstruction error()
    {
        if (line.argumentCount() != 1)
        {
            throw line.fail("'error' takes exactly one argument, the probability", "arguments=" + line.argumentCount());
        }
        final double p = line.argument(0);
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw line.fail("probability must be in [0, 1]", "p=" + p);
        }

        final int targetCount = line.targetCount();
        int components = 1;
        for (int t = 0; t < targetCount; t++)
        {
            if (line.isSeparator(t))
            {
                if (t == 0 || t == targetCount - 1)
                {
                    throw line.fail("'^' cannot be the first or last target of an error", "");
                }
                if (line.isSeparator(t - 1))
                {
                    throw line.fail("an error cannot have adjacent separators '^ ^'", "");
                }
                components++;
            }
        }

        errorComponents.start(components);
        for (int t = 0; t < targetCount; t++)
        {
            final char prefix = line.targetPrefix(t);
            if (line.isSeparator(t))
            {
                endComponent();
            }
            else if (prefix == 'D' || prefix == 'd')
            {
                errorComponents.flipDetector(indexAfterPrefix(t));
            }
            else if (prefix == 'L' || prefix == 'l')
            {
                errorComponents.flipObservable(observable(t));
            }
            else
            {
                throw line.fail("'error' targets must be D#, L# or ^", "target=" + line.target(t));
            }
        }
        endComponent();
        return DemInstruction.error(line.lineNumber(), line.text(), p, errorComponents.detectors(),
            errorComponents.observables(), errorComponents.maxDetectorNamed());
    }

    private void endComponent()
    {
        final int detectors = errorComponents.openDetectorCount();
        if (detectors > 2)
        {
            throw line.fail("error component flips more than two detectors, so it is not a graph edge; " +
                "decompose it (stim analyze_errors --decompose_errors)",
                "detectors=" + detectors + ", component=" + errorComponents.componentIndex());
        }
        errorComponents.endComponent();
    }

    private DemInstruction detector()
    {
        final int targetCount = line.targetCount();
        if (targetCount == 0)
        {
            throw line.fail("'detector' needs at least one detector target (D#)", "");
        }
        final long[] detectors = new long[targetCount];
        for (int t = 0; t < targetCount; t++)
        {
            final char prefix = line.targetPrefix(t);
            if (prefix != 'D' && prefix != 'd')
            {
                throw line.fail("'detector' targets must be detectors (D#)", "target=" + line.target(t));
            }
            detectors[t] = indexAfterPrefix(t);
        }
        return DemInstruction.detector(line.lineNumber(), line.text(), line.copyArguments(), detectors);
    }

    private DemInstruction logicalObservable()
    {
        if (line.argumentCount() != 0)
        {
            throw line.fail("'logical_observable' takes no arguments", "arguments=" + line.argumentCount());
        }
        if (line.targetCount() == 0)
        {
            throw line.fail("'logical_observable' needs at least one observable target (L#)", "");
        }
        for (int t = 0; t < line.targetCount(); t++)
        {
            final char prefix = line.targetPrefix(t);
            if (prefix != 'L' && prefix != 'l')
            {
                throw line.fail("'logical_observable' targets must be observables (L#)", "target=" + line.target(t));
            }
            observable(t);
        }
        return DemInstruction.logicalObservable(line.lineNumber(), line.text());
    }

    private DemInstruction shiftDetectors()
    {
        final long shift = onlyNumber("'shift_detectors' takes exactly one target, the detector shift",
            "detector shift must be a non-negative integer", "shift");
        return DemInstruction.shiftDetectors(line.lineNumber(), line.text(), line.copyArguments(), shift);
    }

    private long onlyNumber(final String countProblem, final String formatProblem, final String name)
    {
        if (line.targetCount() != 1)
        {
            throw line.fail(countProblem, "targets=" + line.targetCount());
        }
        final long value = line.digits(0, 0);
        if (value < 0)
        {
            throw line.fail(formatProblem, name + "=" + line.target(0));
        }
        return value;
    }

    private int observable(final int t)
    {
        final long index = indexAfterPrefix(t);
        if (index >= DecodingGraph.MAX_OBSERVABLES)
        {
            throw line.fail("observable index exceeds the supported maximum",
                "observable=" + index + ", maxObservables=" + DecodingGraph.MAX_OBSERVABLES);
        }
        observableCount = Math.max(observableCount, (int)index + 1);
        return (int)index;
    }

    private long indexAfterPrefix(final int t)
    {
        final long index = line.digits(t, 1);
        if (index < 0)
        {
            throw line.fail("bad target; expected D#, L#, ^ or a number", "target=" + line.target(t));
        }
        return index;
    }
}
