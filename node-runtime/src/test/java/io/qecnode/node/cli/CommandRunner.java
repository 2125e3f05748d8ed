package io.qecnode.node.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code qec-node} commands in-process with captured output: text through picocli's writers, bytes on the
 * decode command's standard streams.
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
        final DecodeCommand decode = commandLine.getSubcommands().get("decode").getCommand();
        decode.standardStreams(new ByteArrayInputStream(standardIn), bytesOut);
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString(), bytesOut.toByteArray());
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
