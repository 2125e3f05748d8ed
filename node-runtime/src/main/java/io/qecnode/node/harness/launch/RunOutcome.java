package io.qecnode.node.harness.launch;

/**
 * How a launched run ended, as {@link ChainLauncher#awaitCompletion} saw it, with the one line that says so.
 */
public final class RunOutcome
{
    /** The kinds of end. */
    public enum Kind
    {
        /** Every child that completes the run exited with 0. */
        COMPLETED,
        /** A child died that was not meant to (or a completing one exited with a code other than 0). */
        CHILD_FAILED,
        /** The time given ran out first. */
        TIMED_OUT,
        /** The launcher was stopped (a signal to this process, or {@link ChainLauncher#stop()}). */
        STOPPED
    }

    private final Kind kind;
    private final String child;
    private final int exitCode;
    private final String line;

    RunOutcome(final Kind kind, final String child, final int exitCode, final String line)
    {
        this.kind = kind;
        this.child = child;
        this.exitCode = exitCode;
        this.line = line;
    }

    /** @return how the run ended. */
    public Kind kind()
    {
        return kind;
    }

    /** @return the child that failed, or null. */
    public String child()
    {
        return child;
    }

    /** @return the failed child's exit code, or -1. */
    public int exitCode()
    {
        return exitCode;
    }

    /** @return one line saying how the run ended, e.g. {@code "node-1 died unexpectedly, exit code 3, log=..."}. */
    public String line()
    {
        return line;
    }

    @Override
    public String toString()
    {
        return line;
    }
}
