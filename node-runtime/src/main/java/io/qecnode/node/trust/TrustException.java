package io.qecnode.node.trust;

/**
 * A key file or trust store that cannot be used: its message is one line, {@code <what>, file=PATH}, and never
 * holds key bytes.
 */
public final class TrustException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param what what is wrong with the file.
     * @param file the file or directory.
     * @param cause the underlying failure, or null.
     */
    public TrustException(final String what, final Object file, final Throwable cause)
    {
        super(what + ", file=" + file, cause);
    }
}
