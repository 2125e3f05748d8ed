package io.qecnode.decoder.unionfind;

import java.util.Locale;

/**
 * What the union-find decoder does with a syndrome: how clusters grow, and how the correction is chosen inside them.
 */
public enum DecoderMode
{
    /** Every edge two units long: half-edge growth, blind to edge probabilities; corrections peeled. */
    UNWEIGHTED,
    /** Every edge as long as its weight, a scaled log-likelihood ratio: likely edges fill first; corrections peeled. */
    WEIGHTED,
    /**
     * Weighted growth; then each cluster of few defects is corrected by an exact minimum-weight matching of its
     * defects (to one another or the boundary) on shortest paths inside the cluster; larger clusters are peeled.
     */
    EXACT_SMALL,
    /**
     * Weighted growth, decoded twice in the manner of PyMatching's correlated matching: after the first pass, every
     * edge that a {@code ^}-decomposed error of the detector error model correlates with a correction edge is made as
     * long as its weight given that the correction edge fired (its implied weight, see
     * {@link io.qecnode.decoder.graph.EdgeCorrelations}), and the second pass's correction is the answer; lengths are
     * on a scale three times finer than the graph's weights, so that implied weights stay apart. A graph
     * without correlations (the built-in noise models, a model without decomposed errors) decodes exactly as
     * {@link #WEIGHTED}.
     */
    CORRELATED;

    /**
     * The mode of every command, experiment and benchmark that does not choose: weighted, which follows edge
     * probabilities and makes fewer mistakes at circuit level. No decoder is built without a mode.
     */
    public static final DecoderMode DEFAULT = WEIGHTED;

    /** @return the name on the command line and in config files: lower case, words joined by '-'. */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a mode's {@link #cliName()}, in any case; '_' is taken for '-'.
     * @return the mode, or null if no mode has that name.
     */
    public static DecoderMode fromCliName(final String name)
    {
        for (final DecoderMode mode : values())
        {
            if (mode.name().equalsIgnoreCase(name.replace('-', '_')))
            {
                return mode;
            }
        }
        return null;
    }

    /** @return the accepted names, comma separated, for error messages and help. */
    public static String cliNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final DecoderMode mode : values())
        {
            names.append(names.length() > 0 ? ", " : "").append(mode.cliName());
        }
        return names.toString();
    }
}
