package io.qecnode.bench.jmh;

import java.util.List;

/**
 * The JVM flags every JMH fork of this package needs (Agrona's {@code UnsafeApi} and friends on Java 17+), as
 * compile-time constants so that {@code @Fork(jvmArgsAppend = ...)} can name them.
 * <p>
 * They are the parent pom's {@code jvm.module.flags} property, one constant per option, its value joined with
 * {@code '='}: JMH hands each array element to the forked JVM as one argument, so {@code "--add-exports X"} would
 * arrive as a single unknown option. {@code ForkJvmArgsTest} reads the pom's property and fails when the two drift
 * apart, and checks that every benchmark in the JMH benchmark list appends exactly {@link #all()}:
 * <pre>
 * &#64;Fork(value = 1, jvmArgsAppend = {
 *     ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
 *     ForkJvmArgs.OPEN_NIO})
 * </pre>
 * The forks are started with {@code java -cp}, not {@code -jar}, so the jar manifest's {@code Add-Exports} does not
 * reach them.
 */
public final class ForkJvmArgs
{
    /** Agrona's {@code UnsafeApi}: without it, {@code IllegalAccessError} on the first {@code UnsafeBuffer}. */
    public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** Chronicle's cleaners. */
    public static final String EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";

    /** Chronicle's mapped files (without it: "Can't append to a read-only chronicle"). */
    public static final String EXPORT_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";

    /** Chronicle's reflection. */
    public static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";

    /** Direct buffer internals (Agrona, Chronicle). */
    public static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final List<String> ALL = List.of(EXPORT_MISC, EXPORT_REF, EXPORT_NIO_CH, OPEN_REFLECT, OPEN_NIO);

    private ForkJvmArgs()
    {
    }

    /**
     * @return every flag, in the order of the pom property and of the {@code @Fork} annotations.
     */
    public static List<String> all()
    {
        return ALL;
    }
}
