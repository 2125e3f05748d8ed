package io.qecnode.node.harness.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The command line of a child JVM that runs like this one: the same {@code java} binary, the same JVM flags and class
 * path. Started as {@code java -jar}, this JVM got the jar manifest's {@code Add-Exports}/{@code Add-Opens}, which a
 * child started with {@code -cp} would not: they are turned into flags.
 */
public final class JavaCommand
{
    private JavaCommand()
    {
    }

    /**
     * @param mainClass the child's main class.
     * @param args      its arguments.
     * @return the whole command line.
     */
    public static List<String> of(final String mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(inheritedFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private static String javaBinary()
    {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    private static List<String> inheritedFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // A debugger's agent would fight over its port with every child.
            if (!flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-Xrunjdwp"))
            {
                flags.add(flag);
            }
        }
        for (final String flag : manifestFlags(System.getProperty("java.class.path")))
        {
            if (!flags.contains(flag))
            {
                flags.add(flag);
            }
        }
        return flags;
    }

    // The Add-Exports / Add-Opens of the one jar on the class path (java -jar), as --add-exports/--add-opens flags.
    static List<String> manifestFlags(final String classPath)
    {
        final List<String> flags = new ArrayList<>();
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar"))
        {
            return flags;
        }
        try (JarFile jar = new JarFile(classPath))
        {
            final Attributes attributes = jar.getManifest() == null ? new Attributes() :
                jar.getManifest().getMainAttributes();
            addEach(flags, "--add-exports=", attributes.getValue("Add-Exports"));
            addEach(flags, "--add-opens=", attributes.getValue("Add-Opens"));
        }
        catch (final IOException ex)
        {
            // No manifest to read: the child gets the flags this JVM was given, nothing more.
        }
        return flags;
    }

    private static void addEach(final List<String> flags, final String option, final String packages)
    {
        if (packages != null)
        {
            for (final String modulePackage : packages.trim().split("\\s+"))
            {
                flags.add(option + modulePackage + "=ALL-UNNAMED");
            }
        }
    }
}
