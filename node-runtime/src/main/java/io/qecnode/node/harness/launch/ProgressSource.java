package io.qecnode.node.harness.launch;

/**
 * What a launcher's progress line says besides each child's state, asked at every progress interval.
 */
@FunctionalInterface
public interface ProgressSource
{
    /**
     * @param launcher the launcher asking.
     * @return one line of progress, e.g. the verifier's latest count.
     */
    String progress(ChainLauncher launcher);

    /**
     * @param name a child.
     * @return a source that says the last line the child wrote to its log.
     */
    static ProgressSource lastLineOf(final String name)
    {
        return launcher -> name + ": " + launcher.lastLine(name);
    }
}
