package io.qecnode.node.harness.launch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's last summary line in the output of a {@code chain} run: {@code verifier: N epochs judged, R right,
 * W wrong, I incomplete, F failed, fidelity X}.
 */
public final class VerifierLine
{
    private static final Pattern JUDGED = Pattern.compile(
        "(?m)^verifier: (\\d+) epochs judged, (\\d+) right, (\\d+) wrong, (\\d+) incomplete, (\\d+) failed, " +
        "fidelity ([0-9.]+|NaN)");

    private VerifierLine()
    {
    }

    /**
     * @param output a chain run's output.
     * @return the last line's counts: judged, right, wrong, incomplete, failed (fails the test if there is none).
     */
    public static long[] judged(final String output)
    {
        final Matcher line = last(output);
        final long[] counts = new long[5];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = Long.parseLong(line.group(i + 1));
        }
        return counts;
    }

    /**
     * @param output a chain run's output.
     * @return the last line's fidelity, as printed.
     */
    public static String fidelity(final String output)
    {
        return last(output).group(6);
    }

    /**
     * @param output a chain run's output.
     * @return the last line as printed.
     */
    public static String text(final String output)
    {
        return last(output).group();
    }

    private static Matcher last(final String output)
    {
        final Matcher matcher = JUDGED.matcher(output);
        int start = -1;
        while (matcher.find())
        {
            start = matcher.start();
        }
        assertTrue(start >= 0, "no verifier summary line:\n" + output);
        matcher.find(start);
        return matcher;
    }
}
