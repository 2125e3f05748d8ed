package io.qecnode.decoder.dem;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits one line of a detector error model into its syntax: blank, a block end <code>&#125;</code>, or an
 * instruction with its arguments, targets and whether it opens a block. What the parts mean is
 * {@link DemInstructionReader}'s business.
 * <p>
 * Grammar, as Stim defines it: a case-insensitive name ({@code [a-zA-Z][a-zA-Z0-9_]*}), then directly an optional
 * {@code [tag]} (ignored), then directly optional {@code (a, b, ...)} decimal arguments, then whitespace-separated
 * targets, then for {@code repeat} an opening brace; a {@code #} starts a comment anywhere outside a tag. Stim itself
 * lets the next instruction follow an opening brace or precede a closing one on the same line; the documented
 * grammar does not, and neither does this parser.
 */
final class DemLineParser
{
    /** What a line turned out to be. */
    enum LineKind
    {
        BLANK,
        INSTRUCTION,
        BLOCK_END
    }

    /** Largest number Stim reads as a target (it stops at 2^60). */
    static final long MAX_TARGET_VALUE = (1L << 60) - 1;

    // Bounds the argument cache for models with many distinct coordinates.
    private static final int MAX_CACHED_ARGUMENTS = 1 << 12;

    private String text = "";
    // The line's characters, copied once: scanning an array is cheaper than String.charAt while the JIT is cold.
    private char[] chars = new char[256];
    private int length;
    private int lineNumber;
    private int position;
    private DemInstructionType type;
    private boolean opensBlock;
    private int argumentCount;
    private double[] arguments = new double[4];
    // Targets are kept as spans of the line so that each instruction can report a bad one in its own words.
    private int targetCount;
    private int[] targetStart = new int[16];
    private int[] targetEnd = new int[16];
    // Stim prints probabilities with about 20 significant digits, which sends Double.parseDouble down its slow exact
    // path (most of a cold import); a model repeats few distinct values, so each distinct text is parsed once.
    private final Map<String, Double> parsedArguments = new HashMap<>();

    /**
     * @param text       the line without its terminator.
     * @param lineNumber 1-based number of the line, for error messages.
     * @return what the line holds; for an instruction, the accessors below describe it until the next call.
     * @throws DemFormatException when the line is malformed.
     */
    LineKind parse(final String text, final int lineNumber)
    {
        this.text = text;
        this.length = text.length();
        if (length > chars.length)
        {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        text.getChars(0, length, chars, 0);
        this.lineNumber = lineNumber;
        this.position = 0;

        skipSpacing();
        if (atEndOfContent())
        {
            return LineKind.BLANK;
        }
        if (chars[position] == '}')
        {
            position++;
            expectNothingMore("'}' must stand alone on its line");
            return LineKind.BLOCK_END;
        }

        type = readName();
        skipTag();
        readArguments();
        readTargets();
        opensBlock = position < length && chars[position] == '{';
        if (opensBlock)
        {
            position++;
            expectNothingMore("only a comment may follow '{'");
        }
        return LineKind.INSTRUCTION;
    }

    String text()
    {
        return text;
    }

    int lineNumber()
    {
        return lineNumber;
    }

    DemInstructionType type()
    {
        return type;
    }

    /** @return true when the instruction ends with an opening brace. */
    boolean opensBlock()
    {
        return opensBlock;
    }

    int argumentCount()
    {
        return argumentCount;
    }

    double argument(final int index)
    {
        return arguments[index];
    }

    /** @return the arguments, copied. */
    double[] copyArguments()
    {
        return Arrays.copyOf(arguments, argumentCount);
    }

    int targetCount()
    {
        return targetCount;
    }

    /** @return first character of target t: its prefix, if it has one. */
    char targetPrefix(final int t)
    {
        return chars[targetStart[t]];
    }

    boolean isSeparator(final int t)
    {
        return targetEnd[t] - targetStart[t] == 1 && chars[targetStart[t]] == '^';
    }

    /** @return target t as written. */
    String target(final int t)
    {
        return text.substring(targetStart[t], targetEnd[t]);
    }

    /**
     * @param t          a target.
     * @param prefixSize characters to skip before the digits: 1 for {@code D#} and {@code L#}, 0 for a number.
     * @return the value of the digits, or -1 when the rest of the target is not all digits (or empty).
     * @throws DemFormatException when the value exceeds {@link #MAX_TARGET_VALUE}.
     */
    long digits(final int t, final int prefixSize)
    {
        final int end = targetEnd[t];
        final int from = targetStart[t] + prefixSize;
        if (from >= end)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < end; i++)
        {
            final char c = chars[i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > MAX_TARGET_VALUE)
            {
                throw fail("number is too large", "target=" + target(t) + ", max=" + MAX_TARGET_VALUE);
            }
        }
        return value;
    }

    /**
     * @param problem what is wrong.
     * @param facts   key=value facts, or empty.
     * @return an exception naming this line.
     */
    DemFormatException fail(final String problem, final String facts)
    {
        return new DemFormatException(problem, facts, lineNumber, text);
    }

    private DemInstructionType readName()
    {
        final int start = position;
        if (!isAsciiLetter(chars[position]))
        {
            throw fail("expected an instruction name", "found=" + quoteChar(chars[position]));
        }
        while (position < length && isNameChar(chars[position]))
        {
            position++;
        }
        final DemInstructionType named = DemInstructionType.fromName(text, start, position);
        if (named == null)
        {
            throw fail("unknown instruction; expected error, detector, logical_observable, shift_detectors or repeat",
                "name=" + text.substring(start, position));
        }
        return named;
    }

    private void skipTag()
    {
        if (position < length && chars[position] == '[')
        {
            final int close = text.indexOf(']', position + 1);
            if (close < 0)
            {
                throw fail("tag has no closing ']'", "");
            }
            position = close + 1;
        }
    }

    private void readArguments()
    {
        argumentCount = 0;
        if (position >= length || chars[position] != '(')
        {
            return;
        }
        if (type == DemInstructionType.REPEAT)
        {
            throw fail("'repeat' takes no parenthesised arguments", "");
        }
        position++;
        while (true)
        {
            skipSpacing();
            final int start = position;
            while (position < length && !isArgumentEnd(chars[position]))
            {
                position++;
            }
            if (start == position)
            {
                throw position >= length ?
                    fail("argument list has no closing ')'", "") :
                    fail("empty argument", "argument=" + (argumentCount + 1));
            }
            appendArgument(parseArgument(text.substring(start, position)));
            skipSpacing();
            if (position >= length)
            {
                throw fail("argument list has no closing ')'", "");
            }
            final char c = chars[position++];
            if (c == ')')
            {
                return;
            }
            if (c != ',')
            {
                throw fail("expected ',' or ')' after an argument", "found=" + quoteChar(c));
            }
        }
    }

    private double parseArgument(final String raw)
    {
        final Double cached = parsedArguments.get(raw);
        if (cached != null)
        {
            return cached;
        }
        // Stim reads arguments with strtod over these characters only: no nan, inf, hex or Java's 'd' suffix.
        for (int i = 0; i < raw.length(); i++)
        {
            final char c = raw.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            {
                throw fail("argument is not a number", "argument=" + raw);
            }
        }
        final double value;
        try
        {
            value = Double.parseDouble(raw);
        }
        catch (final NumberFormatException ex)
        {
            throw fail("argument is not a number", "argument=" + raw);
        }
        if (!Double.isFinite(value))
        {
            throw fail("argument is not a finite number", "argument=" + raw);
        }
        if (parsedArguments.size() < MAX_CACHED_ARGUMENTS)
        {
            parsedArguments.put(raw, value);
        }
        return value;
    }

    private void readTargets()
    {
        targetCount = 0;
        if (position < length)
        {
            final char c = chars[position];
            if (!isSpacing(c) && c != '#' && c != '{')
            {
                throw fail("expected whitespace between the instruction and its targets", "found=" + quoteChar(c));
            }
        }
        while (true)
        {
            skipSpacing();
            if (position >= length)
            {
                return;
            }
            if (chars[position] == '#')
            {
                position = length;
                return;
            }
            if (chars[position] == '{')
            {
                return;
            }
            final int start = position;
            while (position < length && !isTargetEnd(chars[position]))
            {
                position++;
            }
            appendTarget(start, position);
        }
    }

    private void appendArgument(final double value)
    {
        if (argumentCount == arguments.length)
        {
            arguments = Arrays.copyOf(arguments, 2 * argumentCount);
        }
        arguments[argumentCount++] = value;
    }

    private void appendTarget(final int start, final int end)
    {
        if (targetCount == targetStart.length)
        {
            targetStart = Arrays.copyOf(targetStart, 2 * targetCount);
            targetEnd = Arrays.copyOf(targetEnd, 2 * targetCount);
        }
        targetStart[targetCount] = start;
        targetEnd[targetCount] = end;
        targetCount++;
    }

    private void expectNothingMore(final String problem)
    {
        skipSpacing();
        if (!atEndOfContent())
        {
            throw fail(problem, "found=" + quoteChar(chars[position]));
        }
    }

    private boolean atEndOfContent()
    {
        return position >= length || chars[position] == '#';
    }

    private void skipSpacing()
    {
        while (position < length && isSpacing(chars[position]))
        {
            position++;
        }
    }

    // Stim separates with spaces and tabs only; other ASCII whitespace is taken too, e.g. a stray '\r' or '\f'.
    private static boolean isSpacing(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isTargetEnd(final char c)
    {
        return isSpacing(c) || c == '#' || c == '{';
    }

    private static boolean isArgumentEnd(final char c)
    {
        return isSpacing(c) || c == ',' || c == ')';
    }

    private static boolean isAsciiLetter(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(final char c)
    {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static String quoteChar(final char c)
    {
        return "'" + c + "'";
    }
}
