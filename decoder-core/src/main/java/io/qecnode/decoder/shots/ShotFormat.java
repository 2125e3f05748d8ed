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
    DETS("dets");

    // Stim formats that exist but are not implemented here, so a request for one gets a precise refusal.
    private static final String[] STIM_ONLY_NAMES = { "hits", "ptb64", "r8" };

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
     * @param name a Stim format name in any case: "01", "b8" or "dets".
     * @return the format.
     * @throws IllegalArgumentException naming the accepted values when the name is unknown or not supported here.
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
        for (final String stimOnly : STIM_ONLY_NAMES)
        {
            if (stimOnly.equals(normalised))
            {
                throw new IllegalArgumentException("Stim shot format not supported here: name=" + name +
                    ", accepted=" + acceptedNames());
            }
        }
        throw new IllegalArgumentException("unknown shot format: name='" + name + "', accepted=" + acceptedNames());
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
