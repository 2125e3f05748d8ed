package io.qecnode.node.cli;

import io.qecnode.node.platform.PlatformCheck;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorCommandTest
{
    @Test
    void shouldReportReadyWhenTheBuildFlagsArePresent()
    {
        // Surefire runs with the project's module flags, as the executable jars do.
        final CommandLine commandLine = QecNodeMain.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));

        assertEquals(0, commandLine.execute("doctor"), out.toString());
        for (final String pkg : PlatformCheck.REQUIRED_EXPORTS)
        {
            assertTrue(out.toString().contains("OK    export " + pkg), out.toString());
        }
        assertTrue(out.toString().trim().endsWith("ready"), out.toString());
    }

    @Test
    void shouldPrintVersionOfJarAndJvm()
    {
        final CommandLine commandLine = QecNodeMain.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("--version"));
        assertTrue(out.toString().startsWith("qec-node "), out.toString());
        assertTrue(out.toString().contains("JVM: "), out.toString());
    }
}
