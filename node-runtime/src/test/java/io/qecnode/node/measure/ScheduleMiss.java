package io.qecnode.node.measure;

/**
 * Tells, from a {@code simulate} process's exit code and output, a run whose only failure was the hardware schedule:
 * the one failure a shared CI host can cause on its own (a stall, a throttled VM), which the tests that run the main
 * job as a user would give one more try.
 */
public final class ScheduleMiss
{
    private static final String ONLY_FAILURE = "simulate: FAILED: " + RunVerdict.SCHEDULE_NOT_HELD;

    private ScheduleMiss()
    {
    }

    /**
     * @param exitCode the process's exit code.
     * @param output   what it printed.
     * @return true when it exited 1 with a verdict line that names the schedule and nothing else (no "; " list of
     * further failures or warnings).
     */
    public static boolean wasTheOnlyFailure(final int exitCode, final String output)
    {
        return exitCode == 1 && output.lines().anyMatch((line) -> line.startsWith(ONLY_FAILURE) && !line.contains(";"));
    }
}
