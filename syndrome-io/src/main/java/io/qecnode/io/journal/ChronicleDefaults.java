package io.qecnode.io.journal;

/**
 * Chronicle's switches that the project sets so users never have to: no usage analytics (it would phone home and
 * write into the home directory) and no start-up announcement on the console. A value the user set on the command
 * line wins.
 */
public final class ChronicleDefaults
{
    private ChronicleDefaults()
    {
    }

    /** Set the switches; call before the first Chronicle class loads (the main classes do, and the journal does). */
    public static void apply()
    {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("jvm.resource.tracing", "false");
    }

    private static void setIfAbsent(final String key, final String value)
    {
        if (System.getProperty(key) == null)
        {
            System.setProperty(key, value);
        }
    }
}
