package io.qecnode.node.measure;

import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * The end of a measured stretch, read as {@link RunVerdict} judges it: a hiccup of the host just before the end is
 * given the same chance to be caught up as one in the middle, while a simulator that cannot keep its schedule stays
 * behind and fails.
 */
public final class ScheduleCatchUp
{
    private ScheduleCatchUp()
    {
    }

    /**
     * Wait until emission trails the schedule by less than one unit of it, or the grace passes.
     *
     * @param lagNsAt     the simulator's lag behind its schedule at a given {@link System#nanoTime()}.
     * @param toleranceNs lag that counts as caught up: one block or epoch of the schedule.
     * @param graceNs     longest wait.
     */
    public static void await(final LongUnaryOperator lagNsAt, final long toleranceNs, final long graceNs)
    {
        final long deadline = System.nanoTime() + graceNs;
        while (lagNsAt.applyAsLong(System.nanoTime()) >= toleranceNs && System.nanoTime() - deadline < 0)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
