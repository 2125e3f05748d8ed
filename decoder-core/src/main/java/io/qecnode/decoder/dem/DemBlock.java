package io.qecnode.decoder.dem;

import java.util.List;

/**
 * A parsed sequence of instructions: the whole model or the body of a repeat block.
 */
final class DemBlock
{
    private final DemInstruction[] instructions;
    // Non-repeat instructions one pass over the block runs with every nested repeat unrolled; saturates.
    private final long expandedSize;
    // True when a pass over the block shifts detectors or coordinates, directly or in a nested repeat: only then do
    // two passes differ.
    private final boolean shifts;

    DemBlock(final List<DemInstruction> instructions)
    {
        this.instructions = instructions.toArray(new DemInstruction[0]);
        long size = 0;
        boolean shifting = false;
        for (final DemInstruction instruction : this.instructions)
        {
            size = saturatingAdd(size, instruction.expandedSize());
            // 'shift_detectors 0' without coordinates moves nothing.
            shifting |= instruction.type() == DemInstructionType.SHIFT_DETECTORS &&
                (instruction.count() != 0 || instruction.arguments().length > 0) ||
                instruction.type() == DemInstructionType.REPEAT && instruction.body().shifts();
        }
        this.expandedSize = size;
        this.shifts = shifting;
    }

    int size()
    {
        return instructions.length;
    }

    DemInstruction instruction(final int index)
    {
        return instructions[index];
    }

    long expandedSize()
    {
        return expandedSize;
    }

    /** @return true when a pass over the block shifts detectors or coordinates, so repeated passes differ. */
    boolean shifts()
    {
        return shifts;
    }

    static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
