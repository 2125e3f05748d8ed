package io.qecnode.node.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The byte streams an offline decoding command reads shots from and writes shots or its result line to: the
 * process's own unless a test replaces them. Standard output is the raw descriptor, not {@code System.out}: a
 * {@code PrintStream} hides write errors such as a closed pipe.
 */
final class StandardStreams
{
    /** A command that reads or writes the standard streams, so that tests can replace them. */
    interface User
    {
        /** @return the command's streams. */
        StandardStreams standardStreams();
    }

    private InputStream in = System.in;
    private OutputStream out;

    /**
     * @param in  read when an input is '-' or omitted.
     * @param out written when an output is '-' or omitted; flushed, never closed.
     */
    void replace(final InputStream in, final OutputStream out)
    {
        this.in = in;
        this.out = out;
    }

    InputStream in()
    {
        return in;
    }

    OutputStream out()
    {
        if (out == null)
        {
            out = new FileOutputStream(FileDescriptor.out);
        }
        return out;
    }
}
