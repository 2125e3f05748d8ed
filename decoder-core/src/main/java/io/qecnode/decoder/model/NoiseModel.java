package io.qecnode.decoder.model;

import java.util.Locale;

/**
 * The built-in noise models of the rotated surface code.
 */
public enum NoiseModel
{
    /** Independent X and Z flips of each data qubit with probability p, then one perfect measurement round. */
    CODE_CAPACITY("code-capacity"),

    /**
     * In each of R noisy rounds every data qubit flips (X and Z independently, probability p) and every stabilizer
     * outcome flips with probability p; a final perfect round closes the block.
     */
    PHENOMENOLOGICAL("phenomenological");

    private final String cliName;

    NoiseModel(final String cliName)
    {
        this.cliName = cliName;
    }

    /** @return the name used on the command line. */
    public String cliName()
    {
        return cliName;
    }

    /**
     * @param name command-line name, e.g. "code-capacity", "phenomenological" (also "phenom", any case).
     * @return the model.
     * @throws IllegalArgumentException naming the accepted values when the name is unknown.
     */
    public static NoiseModel fromCliName(final String name)
    {
        final String normalised = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (final NoiseModel model : values())
        {
            if (model.cliName.equals(normalised))
            {
                return model;
            }
        }
        if ("phenom".equals(normalised))
        {
            return PHENOMENOLOGICAL;
        }
        throw new IllegalArgumentException("unknown noise model '" + name +
            "': expected code-capacity or phenomenological");
    }

    public String toString()
    {
        return cliName;
    }
}
