package io.qecnode.node.platform;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the JVM and machine against what the node needs: Java 17 or later, the module exports and opens that
 * Agrona, Aeron and Chronicle Queue reach into, and a RAM disk for the Aeron directory.
 * <p>
 * The executable jars carry the exports and opens in their manifests ({@code Add-Exports}, {@code Add-Opens}), so
 * {@code java -jar} passes these checks with no flags; a plain class path run needs them on the command line.
 */
public final class PlatformCheck
{
    /** Packages of java.base that must be exported to the class path. */
    public static final List<String> REQUIRED_EXPORTS = List.of("jdk.internal.misc", "jdk.internal.ref", "sun.nio.ch");

    /** Packages of java.base that must be open to the class path. */
    public static final List<String> REQUIRED_OPENS = List.of("java.lang.reflect", "java.nio");

    /** Where Aeron keeps its directory by default on Linux: a RAM disk. */
    public static final String SHARED_MEMORY_DIR = "/dev/shm";

    /** Below this many cores, busy-spinning every agent starves the others. */
    public static final int CORES_FOR_DEDICATED_SPINNING = 4;

    private PlatformCheck()
    {
    }

    /**
     * @return one finding per check, problems first marked as errors.
     */
    public static List<Finding> run()
    {
        final List<Finding> findings = new ArrayList<>();
        final int feature = Runtime.version().feature();
        findings.add(new Finding(feature >= 17 ? Finding.Level.OK : Finding.Level.ERROR,
            "java", "runtime " + System.getProperty("java.runtime.version") + " (" +
            System.getProperty("java.vm.name") + "), need 17 or later"));

        final Module javaBase = Object.class.getModule();
        final Module classPath = PlatformCheck.class.getModule();
        for (final String pkg : REQUIRED_EXPORTS)
        {
            final boolean exported = javaBase.isExported(pkg, classPath);
            findings.add(new Finding(exported ? Finding.Level.OK : Finding.Level.ERROR, "export " + pkg,
                exported ? "exported to the class path" :
                "missing: add --add-exports java.base/" + pkg + "=ALL-UNNAMED or run with java -jar"));
        }
        for (final String pkg : REQUIRED_OPENS)
        {
            final boolean open = javaBase.isOpen(pkg, classPath);
            findings.add(new Finding(open ? Finding.Level.OK : Finding.Level.ERROR, "open " + pkg,
                open ? "open to the class path" :
                "missing: add --add-opens java.base/" + pkg + "=ALL-UNNAMED or run with java -jar"));
        }

        final File shm = new File(SHARED_MEMORY_DIR);
        if (shm.isDirectory() && shm.canWrite())
        {
            findings.add(new Finding(Finding.Level.OK, "aeron dir", SHARED_MEMORY_DIR + " writable, " +
                shm.getUsableSpace() / (1024 * 1024) + " MiB free"));
        }
        else
        {
            findings.add(new Finding(Finding.Level.WARN, "aeron dir", SHARED_MEMORY_DIR +
                " not writable: the Aeron directory will live on " + System.getProperty("java.io.tmpdir") +
                ", which may be a disk"));
        }

        final int cores = Runtime.getRuntime().availableProcessors();
        findings.add(new Finding(cores >= CORES_FOR_DEDICATED_SPINNING ? Finding.Level.OK : Finding.Level.WARN,
            "cores", cores + " available" + (cores >= CORES_FOR_DEDICATED_SPINNING ? "" :
            ": busy-spin only the node's hot thread and run the media driver in shared mode")));
        return findings;
    }

    /**
     * @param findings results of {@link #run()}.
     * @return true if none is an error.
     */
    public static boolean passes(final List<Finding> findings)
    {
        for (final Finding finding : findings)
        {
            if (finding.level() == Finding.Level.ERROR)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The outcome of one check.
     *
     * @param level  how serious.
     * @param check  what was checked.
     * @param detail what was found, and what to do if it is a problem.
     */
    public record Finding(Level level, String check, String detail)
    {
        /** How serious a finding is. */
        public enum Level
        {
            /** As needed. */
            OK,
            /** Works, but not as well as it could. */
            WARN,
            /** The node will fail. */
            ERROR
        }
    }
}
