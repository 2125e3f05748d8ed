package io.qecnode.node.harness.launch;

import java.util.List;

/**
 * What stopping a run did: how each child ended, and what was left behind (processes still alive, Aeron directories
 * of the run that could not be removed). A clean stop leaves nothing.
 */
public final class StopReport
{
    private final List<String> children;
    private final List<Long> orphans;
    private final List<String> removedDirectories;
    private final List<String> leftDirectories;
    private final List<String> cleanupFailures;

    StopReport(
        final List<String> children, final List<Long> orphans, final List<String> removedDirectories,
        final List<String> leftDirectories, final List<String> cleanupFailures)
    {
        this.children = List.copyOf(children);
        this.orphans = List.copyOf(orphans);
        this.removedDirectories = List.copyOf(removedDirectories);
        this.leftDirectories = List.copyOf(leftDirectories);
        this.cleanupFailures = List.copyOf(cleanupFailures);
    }

    /** @return one line per child: its name and how it ended, e.g. {@code "node-1: exit 143 after SIGTERM"}. */
    public List<String> children()
    {
        return children;
    }

    /** @return pids of processes of the run still alive after the stop: none when clean. */
    public List<Long> orphans()
    {
        return orphans;
    }

    /** @return the run's Aeron directories the children left (killed ones cannot clean up) and the stop removed. */
    public List<String> removedDirectories()
    {
        return removedDirectories;
    }

    /** @return the run's Aeron directories still there: none when clean. */
    public List<String> leftDirectories()
    {
        return leftDirectories;
    }

    /** @return what went wrong closing what the run was given to close (e.g. network namespaces): none when clean. */
    public List<String> cleanupFailures()
    {
        return cleanupFailures;
    }

    /** @return true when nothing of the run is left: no process, no directory, no failed clean-up. */
    public boolean isClean()
    {
        return orphans.isEmpty() && leftDirectories.isEmpty() && cleanupFailures.isEmpty();
    }

    /** @return one line: clean, or what was left. */
    public String summary()
    {
        if (isClean())
        {
            return "stopped " + children.size() + " processes, nothing left" + (removedDirectories.isEmpty() ? "" :
                " (removed " + removedDirectories.size() + " Aeron directories the children could not)");
        }
        return "stop left " + (orphans.isEmpty() ? "" : "processes " + orphans + " alive; ") +
            (leftDirectories.isEmpty() ? "" : "directories " + leftDirectories + "; ") +
            String.join("; ", cleanupFailures);
    }

    @Override
    public String toString()
    {
        return summary();
    }
}
