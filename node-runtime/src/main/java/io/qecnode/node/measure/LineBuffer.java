package io.qecnode.node.measure;

import java.io.PrintWriter;

/**
 * One reusable line for output written every interval of a long run (progress and report lines): appended to in
 * place and written out through a reused {@code char[]}, so that a line a second adds no garbage where
 * {@code String.format} and string concatenation would leave a few kilobytes each time. Numbers go in through
 * {@link StringBuilder}'s primitive appends, which do not box; {@link #appendFixed} writes a fraction without
 * {@code Formatter}.
 * <p>
 * <b>Note:</b> one thread at a time; cold path (it keeps the heap still, it is not made fast).
 */
public final class LineBuffer
{
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    private final StringBuilder text;
    private char[] chars;

    /**
     * @param capacity characters the line is expected to need; more are made room for once, on first use.
     */
    public LineBuffer(final int capacity)
    {
        text = new StringBuilder(capacity);
        chars = new char[capacity];
    }

    /**
     * @return the line, emptied, to append to.
     */
    public StringBuilder clear()
    {
        text.setLength(0);
        return text;
    }

    /**
     * @return the line as built so far.
     */
    public StringBuilder text()
    {
        return text;
    }

    /**
     * Write the line and a line separator, then flush.
     *
     * @param out where to.
     */
    public void printTo(final PrintWriter out)
    {
        final int length = text.length();
        if (chars.length < length)
        {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        text.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
        out.println();
        out.flush();
    }

    /**
     * Append a number with a fixed count of decimals, rounded half up, as {@code %.Nf} would in the root locale
     * (NaN and infinities as {@link Double#toString}).
     *
     * @param to       where to append.
     * @param value    the number.
     * @param decimals digits after the point, 0 to 7.
     * @return {@code to}.
     */
    public static StringBuilder appendFixed(final StringBuilder to, final double value, final int decimals)
    {
        final long scale = POWERS_OF_TEN[decimals];
        if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) >= Long.MAX_VALUE / (double)scale)
        {
            return to.append(value);
        }
        final long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0)
        {
            to.append('-');
        }
        to.append(scaled / scale);
        if (decimals > 0)
        {
            to.append('.');
            final long fraction = scaled % scale;
            for (long digit = scale / 10; digit > fraction && digit > 1; digit /= 10)
            {
                to.append('0');
            }
            to.append(fraction);
        }
        return to;
    }
}
