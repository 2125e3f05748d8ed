package io.qecnode.bench.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fork flags cannot drift: the constants match the parent pom's {@code jvm.module.flags}, and every benchmark the
 * annotation processor listed appends exactly those constants to a single fork.
 */
class ForkJvmArgsTest
{
    private static final Path PARENT_POM = Paths.get("..", "pom.xml");

    @Test
    void shouldMatchTheModuleFlagsOfTheParentPom() throws Exception
    {
        assertTrue(Files.isRegularFile(PARENT_POM), "parent pom not found: path=" + PARENT_POM.toAbsolutePath());
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final Document pom = factory.newDocumentBuilder().parse(PARENT_POM.toFile());
        final NodeList properties = pom.getElementsByTagName("jvm.module.flags");
        assertEquals(1, properties.getLength(), "jvm.module.flags properties in " + PARENT_POM);

        assertEquals(joinOptionValues(properties.item(0).getTextContent()), ForkJvmArgs.all(),
            "ForkJvmArgs must list the pom's jvm.module.flags, each option joined to its value with '='");
    }

    @Test
    void shouldAppendTheFlagsToTheOneForkOfEveryBenchmark()
    {
        final OutputFormat silent = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        final Set<String> classes = new TreeSet<>();
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(silent, List.of()))
        {
            classes.add(entry.getUserClassQName());
            assertEquals(ForkJvmArgs.all(), new ArrayList<>(entry.getJvmArgsAppend().orElse(List.of())),
                "jvmArgsAppend of " + entry.getUsername());
            assertEquals(1, entry.getForks().orElse(-1), "forks of " + entry.getUsername());
        }
        for (final Class<?> benchmark : List.of(DecoderBenchmark.class, CircuitDecoderBenchmark.class,
            SyndromeFrameBenchmark.class, PauliFrameBenchmark.class, LogicalFrameBenchmark.class,
            TelemetryRoundTripBenchmark.class, TelemetryHandOffBenchmark.class, HotPathBenchmark.class,
            StateMacBenchmark.class, SealedStateBenchmark.class, HelloBenchmark.class, KeyExchangeBenchmark.class,
            Crc32cBenchmark.class))
        {
            assertTrue(classes.contains(benchmark.getName()), "benchmark list lacks " + benchmark.getName());
        }
    }

    @Test
    void shouldJoinOptionsToTheirValues()
    {
        assertEquals(List.of("--add-exports=a/b=ALL-UNNAMED", "--add-opens=c/d=ALL-UNNAMED", "-Dx=1"),
            joinOptionValues(" --add-exports a/b=ALL-UNNAMED\n  --add-opens=c/d=ALL-UNNAMED -Dx=1 "));
    }

    /**
     * The pom writes {@code --add-exports X}; one fork argument must be {@code --add-exports=X}.
     */
    private static List<String> joinOptionValues(final String flags)
    {
        final String[] tokens = flags.trim().split("\\s+");
        final List<String> joined = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++)
        {
            final String token = tokens[i];
            final boolean takesValue = token.startsWith("--") && !token.contains("=");
            if (takesValue && i + 1 < tokens.length && !tokens[i + 1].startsWith("-"))
            {
                joined.add(token + "=" + tokens[++i]);
            }
            else
            {
                joined.add(token);
            }
        }
        return joined;
    }
}
