package io.qecnode.decoder.dem;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Runs a parsed model: loops over repeat bodies instead of unrolling them, applies {@code shift_detectors}, and hands
 * every error and detector instruction to a {@link DemVisitor}. A stack of frames replaces recursion so that nesting
 * depth is bounded by the heap, not the call stack.
 * <p>
 * A repeat body that shifts nothing runs the very same errors on the very same detectors every pass, so it is walked
 * once and each error is handed over with its repetition count: {@code repeat 100000000 { error(0.01) D0 D1 }} costs
 * one visit, not 10^8. n independent chances p of the same flip fire an odd number of times, which is all a flip can
 * show, with probability {@link #repeated(double, long)}.
 */
final class DemWalker
{
    // Detector offsets stop growing here: past every importable index, yet offset + relative index stays positive.
    private static final long MAX_DETECTOR_OFFSET = 1L << 61;

    private DemWalker()
    {
    }

    /**
     * @param model   the parsed model.
     * @param visitor receives the error and detector instructions in execution order.
     */
    static void walk(final DemBlock model, final DemVisitor visitor)
    {
        long detectorOffset = 0;
        double[] coordinateShift = new double[0];
        final ArrayDeque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(model, 1, 1));
        while (!frames.isEmpty())
        {
            final Frame frame = frames.peek();
            if (frame.next == frame.block.size())
            {
                frame.next = 0;
                if (--frame.remaining == 0)
                {
                    frames.pop();
                }
                continue;
            }

            final DemInstruction instruction = frame.block.instruction(frame.next++);
            switch (instruction.type())
            {
                case ERROR -> visitor.onError(instruction, detectorOffset, frame.multiplicity);
                case DETECTOR -> visitor.onDetector(instruction, detectorOffset, coordinateShift);
                case SHIFT_DETECTORS ->
                {
                    detectorOffset = Math.min(detectorOffset + instruction.count(), MAX_DETECTOR_OFFSET);
                    coordinateShift = shifted(coordinateShift, instruction.arguments());
                }
                case REPEAT ->
                {
                    // A body that runs nothing (empty, or only empty or zero-count repeats) is skipped, however
                    // large its count: that keeps 'repeat 1000000000000 { }' instant.
                    final DemBlock body = instruction.body();
                    if (instruction.count() > 0 && body.expandedSize() > 0)
                    {
                        frames.push(body.shifts() ? new Frame(body, instruction.count(), frame.multiplicity) :
                            new Frame(body, 1, saturatingMultiply(frame.multiplicity, instruction.count())));
                    }
                }
                default ->
                {
                }
            }
        }
    }

    /**
     * @param p           probability of one flip, in [0, 1].
     * @param repetitions independent chances of the flip, at least 1.
     * @return probability that it fires an odd number of times: {@code (1 - (1 - 2p)^n) / 2}.
     */
    static double repeated(final double p, final long repetitions)
    {
        if (repetitions == 1)
        {
            return p;
        }
        // expm1/log1p keep tiny p exact where 1 - (1 - 2p)^n would cancel; for p > 0.5 the base is negative.
        return p <= 0.5 ? -Math.expm1(repetitions * Math.log1p(-2.0 * p)) / 2.0 :
            (1.0 - Math.pow(1.0 - 2.0 * p, repetitions)) / 2.0;
    }

    private static long saturatingMultiply(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    // A new array, so that a visitor may keep the one it was given.
    private static double[] shifted(final double[] shift, final double[] by)
    {
        if (by.length == 0)
        {
            return shift;
        }
        final double[] result = Arrays.copyOf(shift, Math.max(shift.length, by.length));
        for (int axis = 0; axis < by.length; axis++)
        {
            result[axis] += by[axis];
        }
        return result;
    }

    private static final class Frame
    {
        private final DemBlock block;
        // Times each error of this frame runs per visit: the counts of the shift-free repeats around it, multiplied.
        private final long multiplicity;
        private long remaining;
        private int next;

        private Frame(final DemBlock block, final long repetitions, final long multiplicity)
        {
            this.block = block;
            this.remaining = repetitions;
            this.multiplicity = multiplicity;
        }
    }
}
