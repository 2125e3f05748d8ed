package io.qecnode.node.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Version of the running jar (from its manifest) and of the JVM, for the {@code --version} of every qec command.
 */
public final class VersionProvider implements IVersionProvider
{
    @Spec
    private CommandSpec spec;

    @Override
    public String[] getVersion()
    {
        final String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{
            spec.name() + " " + (version == null ? "(development build)" : version),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
                ", cores: " + Runtime.getRuntime().availableProcessors(),
        };
    }
}
