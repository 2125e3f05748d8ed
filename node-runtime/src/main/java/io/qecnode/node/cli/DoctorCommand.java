package io.qecnode.node.cli;

import io.qecnode.node.platform.PlatformCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code doctor}: checks that this JVM and machine can run the node, and says how to fix what is missing.
 */
@Command(
    name = "doctor",
    header = "Check that this JVM and machine can run the node.",
    mixinStandardHelpOptions = true,
    description = {
        "Check the JVM and machine before deploying: Java version, the module exports and opens that Agrona,",
        "Aeron and Chronicle Queue need, the RAM disk for the Aeron directory, and the core count.",
        "Exit code 0 when nothing is an error, 1 otherwise."})
public final class DoctorCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final List<PlatformCheck.Finding> findings = PlatformCheck.run();
        final PrintWriter out = spec.commandLine().getOut();
        for (final PlatformCheck.Finding finding : findings)
        {
            out.printf(Locale.ROOT, "%-5s %-24s %s%n", finding.level(), finding.check(), finding.detail());
        }
        final boolean passes = PlatformCheck.passes(findings);
        out.println(passes ? "ready" : "not ready: fix the errors above");
        out.flush();
        return passes ? 0 : 1;
    }
}
