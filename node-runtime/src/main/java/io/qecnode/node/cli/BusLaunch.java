package io.qecnode.node.cli;

import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.BusException;
import io.qecnode.io.transport.MessageBus;
import org.agrona.ErrorHandler;

/**
 * Starts a command's bus, telling a directory that cannot be used as one line that names the option it came from.
 */
public final class BusLaunch
{
    private BusLaunch()
    {
    }

    /**
     * @param context where the driver lives, with the publications planned.
     * @param errors  receives errors from the driver and client threads.
     * @return the connected bus.
     * @throws CommandFailure if the directory cannot be used.
     */
    public static MessageBus launch(final BusContext context, final ErrorHandler errors)
    {
        try
        {
            return MessageBus.launch(context, errors);
        }
        catch (final BusException ex)
        {
            throw failure(ex, optionOf(context));
        }
    }

    /**
     * @param ex     the bus's refusal.
     * @param option the option that named the directory, or "dir" for one the command made up.
     * @return the failure to throw: {@code <problem>, <option>=<dir>}.
     */
    public static CommandFailure failure(final BusException ex, final String option)
    {
        return new CommandFailure(ex.problem() + ", " + option + "=" + ex.directory(), ex);
    }

    private static String optionOf(final BusContext context)
    {
        if (!context.isEmbedded())
        {
            return "--aeron-dir";
        }
        return context.isEmbeddedDirectoryNamed() ? "--embedded-dir" : "dir";
    }
}
