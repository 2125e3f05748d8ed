package io.qecnode.node.cli;

import io.qecnode.decoder.model.RotatedSurfaceCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of numeric options, each failing with one line that names the option, the value and what is accepted:
 * {@code must be in [1, 16], --nodes=1000}. Every command checks its numbers through here before it starts anything.
 */
public final class Ranges
{
    /** Most noisy rounds per block: the round index is a uint16 on the wire, and the graph grows with it. */
    public static final int MAX_ROUNDS = io.qecnode.node.pipeline.NodeContext.MAX_ROUNDS;

    /** Most nodes in a simulated chain: each hop maps term buffers in /dev/shm. */
    public static final int MAX_NODES = 16;

    private Ranges()
    {
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name.
     * @param value  the value given.
     * @param min    least accepted.
     * @param max    most accepted.
     * @return the value.
     * @throws ParameterException when the value is outside [min, max].
     */
    public static long check(final CommandSpec spec, final String option, final long value, final long min,
        final long max)
    {
        if (value < min || value > max)
        {
            throw new ParameterException(spec.commandLine(), (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ?
                "must be >= " + min : "must be in [" + min + ", " + max + "]") + ", " + option + "=" + value);
        }
        return value;
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name.
     * @param value  the value given.
     * @param min    least accepted.
     * @param max    most accepted.
     * @return the value.
     * @throws ParameterException when the value is outside [min, max].
     */
    public static int check(final CommandSpec spec, final String option, final int value, final int min,
        final int max)
    {
        return (int)check(spec, option, (long)value, min, max);
    }

    /**
     * @param spec     the command, for the error.
     * @param option   the option's name.
     * @param distance the distance given.
     * @return the distance, odd and within what the rotated surface code models accept.
     * @throws ParameterException otherwise.
     */
    public static int distance(final CommandSpec spec, final String option, final int distance)
    {
        if (distance < RotatedSurfaceCode.MIN_DISTANCE || distance > RotatedSurfaceCode.MAX_DISTANCE ||
            (distance & 1) == 0)
        {
            throw new ParameterException(spec.commandLine(), "must be an odd distance in [" +
                RotatedSurfaceCode.MIN_DISTANCE + ", " + RotatedSurfaceCode.MAX_DISTANCE + "], " + option + "=" +
                distance);
        }
        return distance;
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name.
     * @param p      the physical error probability given.
     * @return p, within (0, 0.5) as the built-in noise models take it.
     * @throws ParameterException otherwise.
     */
    public static double probability(final CommandSpec spec, final String option, final double p)
    {
        if (!(p > 0.0 && p < 0.5))
        {
            throw new ParameterException(spec.commandLine(), "must be a probability in (0, 0.5), " + option + "=" + p);
        }
        return p;
    }

    /**
     * @param spec   the command, for the error.
     * @param option the option's name.
     * @param value  the value given.
     * @param min    the value must be greater than this.
     * @return the value.
     * @throws ParameterException when the value is not greater than min (NaN included).
     */
    public static double above(final CommandSpec spec, final String option, final double value, final double min)
    {
        if (!(value > min) || Double.isInfinite(value))
        {
            throw new ParameterException(spec.commandLine(), "must be a number > " + min + ", " + option + "=" +
                value);
        }
        return value;
    }
}
