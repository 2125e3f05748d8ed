package io.qecnode.node.offline;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

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

    /**
     * @param ex a failure to use a file.
     * @return what went wrong in a few words, without the file's name: "no such file or directory", "permission
     *         denied", "not UTF-8 text", the file system's reason, or the exception's message.
     */
    public static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not UTF-8 text";
        }
        if (ex instanceof FileSystemException && ((FileSystemException)ex).getReason() != null)
        {
            return ((FileSystemException)ex).getReason();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }
}
