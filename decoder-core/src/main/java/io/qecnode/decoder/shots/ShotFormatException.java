package io.qecnode.decoder.shots;

import java.io.IOException;

/**
 * Shot data that breaks its format: a truncated record, a line of the wrong length, an unknown prefix, an index out of
 * range. The message states the problem and then its facts as key=value pairs, the 0-based shot index first, e.g.
 * {@code "b8 record truncated: shot=12, bytesPresent=3, bytesPerShot=15"}.
 * <p>
 * After a reader throws one, its position in the stream is undefined; close it.
 */
public final class ShotFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** 0-based index of the shot at fault. */
    private final long shotIndex;

    /**
     * @param shotIndex 0-based index of the shot at fault.
     * @param problem   what is wrong, without facts.
     * @param facts     further facts as "key=value, key=value", or empty.
     */
    public ShotFormatException(final long shotIndex, final String problem, final String facts)
    {
        super(problem + ": shot=" + shotIndex + (facts.isEmpty() ? "" : ", " + facts));
        this.shotIndex = shotIndex;
    }

    /** @return 0-based index of the shot at fault (for a whole-file size check, the first incomplete shot). */
    public long shotIndex()
    {
        return shotIndex;
    }
}
