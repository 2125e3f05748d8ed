package io.qecnode.decoder.dem;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses detector error model text into a tree of {@link DemBlock}s, line by line, with an explicit stack of open
 * repeat blocks so that deep nesting cannot overflow the call stack. Repeat blocks are parsed once and never unrolled.
 */
final class DemParser
{
    private final DemInstructionReader lineReader = new DemInstructionReader();

    /**
     * @param reader          the text.
     * @param maxExpandedSize most non-repeat instructions the model may run once every repeat is unrolled.
     * @return the whole model as a block.
     * @throws IOException        when the reader fails.
     * @throws DemFormatException when the text is not a valid model or unrolls to more than maxExpandedSize.
     */
    DemBlock parse(final BufferedReader reader, final long maxExpandedSize) throws IOException
    {
        final ArrayDeque<OpenBlock> enclosing = new ArrayDeque<>();
        final OpenBlock top = new OpenBlock(0, "", 1);
        OpenBlock current = top;
        int lineNumber = 0;
        String text;
        while ((text = reader.readLine()) != null)
        {
            lineNumber++;
            switch (lineReader.read(text, lineNumber))
            {
                case INSTRUCTION -> current.add(lineReader.instruction());
                case BLOCK_START ->
                {
                    enclosing.push(current);
                    current = new OpenBlock(lineNumber, text, lineReader.repeatCount());
                }
                case BLOCK_END ->
                {
                    if (enclosing.isEmpty())
                    {
                        throw new DemFormatException("'}' has no matching 'repeat N {'", "", lineNumber, text);
                    }
                    final DemInstruction repeat = current.close();
                    current = enclosing.pop();
                    current.add(repeat);
                }
                default ->
                {
                }
            }
            // Checked at the top level only: a block inside 'repeat 0' may be huge and still never run.
            if (current == top && top.expandedSize > maxExpandedSize)
            {
                final DemInstruction last = top.instructions.get(top.instructions.size() - 1);
                throw new DemFormatException("repeat blocks unroll to more instructions than an import runs",
                    "expandedInstructions=" + top.expandedSize + ", maxExpandedInstructions=" + maxExpandedSize,
                    last.lineNumber(), last.lineText());
            }
        }
        if (current != top)
        {
            throw new DemFormatException("repeat block is never closed by '}'", "openBlocks=" + enclosing.size(),
                current.lineNumber, current.lineText);
        }
        return new DemBlock(top.instructions);
    }

    /** @return largest observable index named anywhere in the text parsed, plus one. */
    int observableCount()
    {
        return lineReader.observableCount();
    }

    private static final class OpenBlock
    {
        private final int lineNumber;
        private final String lineText;
        private final long repetitions;
        private final List<DemInstruction> instructions = new ArrayList<>();
        private long expandedSize;

        private OpenBlock(final int lineNumber, final String lineText, final long repetitions)
        {
            this.lineNumber = lineNumber;
            this.lineText = lineText;
            this.repetitions = repetitions;
        }

        private void add(final DemInstruction instruction)
        {
            instructions.add(instruction);
            expandedSize = DemBlock.saturatingAdd(expandedSize, instruction.expandedSize());
        }

        private DemInstruction close()
        {
            return DemInstruction.repeat(lineNumber, lineText, repetitions, new DemBlock(instructions));
        }
    }
}
