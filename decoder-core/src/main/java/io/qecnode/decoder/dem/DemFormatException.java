package io.qecnode.decoder.dem;

/**
 * A detector error model that cannot be imported: bad syntax, a value out of range, or an error mechanism a graph
 * cannot hold. The message gives the problem, its facts as key=value, and the line number and text it was found on.
 */
public final class DemFormatException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    // Lines longer than this are cut in the message (not in lineText()) so one bad line cannot flood a log.
    private static final int MAX_QUOTED_CHARS = 200;

    private final int lineNumber;
    private final String lineText;

    DemFormatException(final String problem, final String facts, final int lineNumber, final String lineText)
    {
        super(problem + ": " + (facts.isEmpty() ? "" : facts + ", ") + "line=" + lineNumber + ", text=" +
            quote(lineText));
        this.lineNumber = lineNumber;
        this.lineText = lineText;
    }

    /** @return the 1-based number of the offending line. */
    public int lineNumber()
    {
        return lineNumber;
    }

    /** @return the full text of the offending line, as read. */
    public String lineText()
    {
        return lineText;
    }

    private static String quote(final String text)
    {
        return text.length() <= MAX_QUOTED_CHARS ?
            "\"" + text + "\"" : "\"" + text.substring(0, MAX_QUOTED_CHARS) + "\"...";
    }
}
