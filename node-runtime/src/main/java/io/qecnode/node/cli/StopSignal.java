package io.qecnode.node.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop: the JVM's shutdown waits, up to {@link #WAIT_SECONDS}, until the
 * command has closed what it opened, so that an embedded driver's directory is removed whichever way the command
 * ends. Open it before anything else and close it last (the outermost resource).
 */
public final class StopSignal implements AutoCloseable
{
    /** How long a signal waits for the command to close its resources before the JVM exits regardless. */
    public static final long WAIT_SECONDS = 30;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopSignal(final String name, final Thread toInterrupt)
    {
        hook = new Thread(() ->
        {
            requested = true;
            if (toInterrupt != null)
            {
                toInterrupt.interrupt();
            }
            try
            {
                closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * For a command whose loop checks {@link #requested()}.
     *
     * @param name the command, for the hook thread's name.
     * @return the installed signal.
     */
    public static StopSignal install(final String name)
    {
        return new StopSignal(name, null);
    }

    /**
     * For a command that waits in sleeps it does not own: a signal also interrupts the calling thread, whose
     * {@link InterruptedException} then unwinds through the try-with-resources that close the bus.
     *
     * @param name the command, for the hook thread's name.
     * @return the installed signal.
     */
    public static StopSignal installInterrupting(final String name)
    {
        return new StopSignal(name, Thread.currentThread());
    }

    /** @return true once a signal has asked the command to stop. */
    public boolean requested()
    {
        return requested;
    }

    @Override
    public void close()
    {
        closed.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignored)
        {
            // Shutting down already: the hook is what is waiting for this close.
        }
    }
}
