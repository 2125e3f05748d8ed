package io.qecnode.node.cli;

/**
 * A failure at run time that the user can act on (a file that cannot be read, a driver that is not there, a
 * directory that is not ours): reported as one line naming the option or file, exit code 1, no stack trace.
 * Bad flags stay picocli {@code ParameterException}s (exit code 2).
 */
public final class CommandFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the option or file, e.g. {@code "--journal=/x: not a journal"}.
     */
    public CommandFailure(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, naming the option or file.
     * @param cause   the underlying failure, printed only with {@code --debug}.
     */
    public CommandFailure(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
