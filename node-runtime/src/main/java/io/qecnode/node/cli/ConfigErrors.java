package io.qecnode.node.cli;

import io.qecnode.node.pipeline.NodeConfigException;
import io.qecnode.node.topology.TopologyException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.function.Supplier;

/**
 * Turns a context's (or a topology file's) refusal into the command line's: a bad value is a bad flag (exit 2, with a
 * pointer to help), a file that cannot be read is a runtime failure (exit 1). Either way one line that names the
 * setting.
 */
public final class ConfigErrors
{
    private ConfigErrors()
    {
    }

    /**
     * @param spec   the command, for errors.
     * @param action what builds or concludes a context, or reads a topology.
     * @param <T>    what it returns.
     * @return what the action returned.
     * @throws ParameterException for a bad value.
     * @throws CommandFailure     for a file that cannot be read.
     */
    public static <T> T checked(final CommandSpec spec, final Supplier<T> action)
    {
        try
        {
            return action.get();
        }
        catch (final NodeConfigException ex)
        {
            if (ex.unreadableFile())
            {
                throw new CommandFailure(ex.getMessage(), ex);
            }
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        catch (final TopologyException ex)
        {
            if (ex.unreadableFile())
            {
                throw new CommandFailure(ex.getMessage(), ex);
            }
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
