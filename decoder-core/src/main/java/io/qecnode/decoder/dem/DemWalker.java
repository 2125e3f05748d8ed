package io.qecnode.decoder.dem;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Runs a parsed model: loops over repeat bodies instead of unrolling them, applies {@code shift_detectors}, and hands
 * every error and detector instruction to a {@link DemVisitor}. A stack of frames replaces recursion so that nesting
 * depth is bounded by the heap, not the call stack.
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
        frames.push(new Frame(model, 1));
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
                case ERROR -> visitor.onError(instruction, detectorOffset);
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
                    if (instruction.count() > 0 && instruction.body().expandedSize() > 0)
                    {
                        frames.push(new Frame(instruction.body(), instruction.count()));
                    }
                }
                default ->
                {
                }
            }
        }
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
        private long remaining;
        private int next;

        private Frame(final DemBlock block, final long repetitions)
        {
            this.block = block;
            this.remaining = repetitions;
        }
    }
}
