package io.qecnode.node.harness.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaCommandTest
{
    @Test
    void shouldGiveAChildOfAnExecutableJarTheManifestsExportsAndOpensAsFlags(@TempDir final Path dir)
        throws IOException
    {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Add-Exports", "java.base/jdk.internal.misc java.base/sun.nio.ch");
        manifest.getMainAttributes().putValue("Add-Opens", "java.base/java.nio");
        final Path jar = dir.resolve("qec-node.jar");
        // The manifest is all a child needs from it here.
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();

        assertEquals(List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"),
            JavaCommand.manifestFlags(jar.toString()));
        assertEquals(List.of(), JavaCommand.manifestFlags(jar + java.io.File.pathSeparator + dir),
            "a class path of several entries is not java -jar");
    }

    @Test
    void shouldStartAChildWithThisJvmsJavaAndClassPath()
    {
        final List<String> command = JavaCommand.of("a.Main", List.of("x", "y"));

        assertEquals(ProcessHandle.current().info().command().orElseThrow(), command.get(0));
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "a.Main", "x", "y"),
            command.subList(command.size() - 5, command.size()));
    }
}
