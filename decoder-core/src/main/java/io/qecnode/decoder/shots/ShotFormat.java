package io.qecnode.decoder.shots;

import java.util.Locale;

/**
 * The Stim result formats this package reads and writes, named as Stim names them ({@code --in_format},
 * {@code --out_format}).
 */
public enum ShotFormat
{
    /** Dense text: one line per shot of exactly bitCount '0'/'1' characters, ended by '\n'. Stim name {@code 01}. */
    TEXT_01("01"),

    /**
     * Dense binary: ceil(bitCount / 8) bytes per shot, no separators, bit k in bit (k mod 8) of byte (k / 8), the last
     * byte zero-padded. Stim name {@code b8}.
     */
    B8("b8"),

    /**
     * Sparse text: one line per shot, the word "shot" followed by " D&lt;k&gt;" for each set detector and
     * " L&lt;k&gt;" for each flipped observable, ended by '\n'. Stim name {@code dets}.
     */
    DETS("dets"),

    /**
     * Sparse binary: per shot, one byte per run of zeros before each one (255 meaning 255 zeros and the run goes on),
     * ending with the run to one past the shot's last bit. Stim name {@code r8}.
     */
    R8("r8"),

    /**
     * Sparse text: one line per shot of the indices of its set bits, comma separated, ended by '\n'; an empty shot is
     * an empty line. Stim name {@code hits}.
     */
    HITS("hits"),

    /**
     * Dense binary, 64 shots at a time: per block of 64 shots, one 8-byte little-endian word per bit whose bit s is
     * that bit of the block's shot s; the shot count must be a multiple of 64. Stim name {@code ptb64}.
     */
    PTB64("ptb64");

    private final String stimName;

    ShotFormat(final String stimName)
    {
        this.stimName = stimName;
    }

    /** @return the name Stim uses for the format, e.g. "b8". */
    public String stimName()
    {
        return stimName;
    }

    /**
     * @param name a Stim format name in any case: "01", "b8", "dets", "r8", "hits" or "ptb64".
     * @return the format.
     * @throws IllegalArgumentException naming the accepted values when the name is unknown.
     */
    public static ShotFormat fromStimName(final String name)
    {
        final String normalised = name.toLowerCase(Locale.ROOT);
        for (final ShotFormat format : values())
        {
            if (format.stimName.equals(normalised))
            {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown shot format: name='" + name + "', accepted=" + acceptedNames());
    }

    /**
     * Guess a file's format from its first bytes, for a hint when it does not read as the format it was given as.
     *
     * @param head   the file's first bytes.
     * @param length how many of them to look at.
     * @return dets for text starting "shot", 01 for text of only '0', '1' and line ends, hits for text of digits,
     *         commas and line ends with a comma or a digit above 1, b8 when any byte is not printable text (r8 and
     *         ptb64 are binary too: see {@link #isBinary()}), or null when it looks like none of them.
     */
    public static ShotFormat guess(final byte[] head, final int length)
    {
        if (length >= 4 && head[0] == 's' && head[1] == 'h' && head[2] == 'o' && head[3] == 't')
        {
            return DETS;
        }
        boolean only01 = length > 0;
        boolean hitsText = length > 0;
        for (int i = 0; i < length; i++)
        {
            final int b = head[i] & 0xFF;
            if (b >= 0x7F || (b < 0x20 && b != '\n' && b != '\r' && b != '\t'))
            {
                return B8;
            }
            final boolean lineEnd = b == '\n' || b == '\r';
            only01 &= b == '0' || b == '1' || lineEnd;
            hitsText &= (b >= '0' && b <= '9') || b == ',' || lineEnd;
        }
        if (only01)
        {
            return TEXT_01;
        }
        return hitsText ? HITS : null;
    }

    /** @return true for the formats whose data is not text: b8, r8 and ptb64, which a glance cannot tell apart. */
    public boolean isBinary()
    {
        return this == B8 || this == R8 || this == PTB64;
    }

    /** @return the accepted names, comma separated, for messages and help text. */
    public static String acceptedNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final ShotFormat format : values())
        {
            if (names.length() > 0)
            {
                names.append(", ");
            }
            names.append(format.stimName);
        }
        return names.toString();
    }

    public String toString()
    {
        return stimName;
    }
}
