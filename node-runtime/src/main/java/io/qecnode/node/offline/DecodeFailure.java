package io.qecnode.node.offline;

/**
 * An offline decode that cannot finish because of its files: one missing or unreadable, a bad detector error model,
 * shot data that breaks its format or does not fit the model, an observables file of another length. The message is
 * one line that names the option and file at fault first, then the problem and its facts as key=value, e.g.
 * {@code "--in=dets.b8: b8 size is not a whole number of shots: shot=12, byteCount=183, bytesPerShot=15, ..."}.
 */
public final class DecodeFailure extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the one-line description, option and file first.
     */
    public DecodeFailure(final String message)
    {
        super(message);
    }

    /**
     * @param message the one-line description, option and file first.
     * @param cause   the exception that revealed the problem, kept for debugging.
     */
    public DecodeFailure(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
