package io.qecnode.node.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What a node controller ships: the firmware's packages (everything in node-runtime but the simulated-hardware
 * harness) need nothing from the hardware simulator, and the hot-path agent is built in one place.
 */
class FirmwareStructureTest
{
    private static final Path SOURCES = Paths.get("src/main/java/io/qecnode/node");
    private static final Path HARNESS = SOURCES.resolve("harness");

    @Test
    void shouldImportNothingFromTheSimulatorOutsideTheHarness() throws IOException
    {
        // Any mention, not only an import: a static import or a fully qualified name is the same dependency.
        final List<Path> offenders = sources(file -> !file.startsWith(HARNESS) && contains(file, "io.qecnode.sim."));
        assertEquals(List.of(), offenders, "firmware files that import hw-sim");
    }

    @Test
    void shouldBuildTheNodeAgentOnlyInItsFactory() throws IOException
    {
        final List<Path> offenders = sources(file -> !file.endsWith("NodeFactory.java") &&
            (contains(file, "new NodeAgent(") || contains(file, "NodeAgent::new")));
        assertEquals(List.of(), offenders, "files that wire a NodeAgent themselves");
    }

    @Test
    void shouldFindTheSources() throws IOException
    {
        assertFalse(sources(file -> true).isEmpty(), "run from the node-runtime module");
    }

    private static List<Path> sources(final java.util.function.Predicate<Path> filter) throws IOException
    {
        try (Stream<Path> files = Files.walk(SOURCES))
        {
            return files.filter(file -> file.toString().endsWith(".java")).filter(filter).sorted()
                .collect(Collectors.toList());
        }
    }

    private static boolean contains(final Path file, final String text)
    {
        try
        {
            return Files.readString(file).contains(text);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + file, ex);
        }
    }
}
