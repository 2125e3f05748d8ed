package io.qecnode.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code qec-node} commands in-process with captured output: text through picocli's writers, bytes on the
 * standard streams of the offline decoding commands (decode, predict, count_mistakes).
 */
final class CommandRunner
{
    private CommandRunner()
    {
    }

    static Run run(final String... args)
    {
        return runWithInput(new byte[0], args);
    }

    static Run runWithInput(final byte[] standardIn, final String... args)
    {
        final CommandLine commandLine = QecNodeMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final ByteArrayInputStream bytesIn = new ByteArrayInputStream(standardIn);
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            if (sub.getCommand() instanceof StandardStreams.User user)
            {
                user.standardStreams().replace(bytesIn, bytesOut);
            }
        }
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString(), bytesOut.toByteArray());
    }

    /**
     * Run a command that must fail, and check that it says so as the house wants: one line, naming what is wrong,
     * prefixed with the command (a usage error adds the pointer to the help), the exit code, no stack trace, nothing
     * on standard output.
     *
     * @return standard error, trimmed.
     */
    static String assertFailure(final String command, final int exitCode, final String expected,
        final String... flags)
    {
        final String[] args = new String[flags.length + 1];
        args[0] = command;
        System.arraycopy(flags, 0, args, 1, flags.length);
        final Run run = run(args);
        final String err = run.err().trim();

        assertEquals(exitCode, run.exitCode(), run.toString());
        final String first = err.lines().findFirst().orElse("");
        assertTrue(first.startsWith("qec-node " + command + ": ") && first.contains(expected),
            "expected <" + expected + "> in " + err);
        assertEquals(exitCode == ExitCode.USAGE ? 2 : 1, err.lines().count(), "one line (and the help pointer): " +
            err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        assertEquals("", run.out());
        assertEquals(0, run.standardOut().length, "nothing on standard output");
        return err;
    }

    record Run(int exitCode, String out, String err, byte[] standardOut)
    {
        @Override
        public String toString()
        {
            return "exitCode=" + exitCode + "\nout=" + out + "\nerr=" + err;
        }
    }
}
