package io.qecnode.io.journal;

/**
 * A journal that cannot be opened or read: the message says which directory and why.
 */
public final class JournalException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, with the directory.
     */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, with the directory.
     * @param cause   the underlying failure.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
