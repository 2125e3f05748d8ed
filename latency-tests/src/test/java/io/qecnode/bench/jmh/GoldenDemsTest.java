package io.qecnode.bench.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoldenDemsTest
{
    @TempDir
    Path temp;

    @Test
    void shouldNameTheCaseAndEveryPlaceLookedWhenTheModelIsAbsent() throws Exception
    {
        final Path workingDir = Files.createDirectories(temp.resolve("a/b/c"));

        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> GoldenDems.circuitModel(5, "0.001", temp.resolve("nowhere").toString(), workingDir));

        final String message = error.getMessage();
        assertTrue(message.contains("case=circuit_d05_r05_p0.001"), message);
        assertTrue(message.contains(temp.resolve("nowhere/circuit_d05_r05_p0.001/model.dem").toString()), message);
        assertTrue(message.contains(temp.resolve("a/b/shared/golden/circuit_d05_r05_p0.001/model.dem").toString()),
            message);
        assertTrue(message.contains(temp.resolve("a/shared/golden/circuit_d05_r05_p0.001/model.dem").toString()),
            message);
        assertTrue(message.contains("-Dqec.golden.dir="), message);
    }

    @Test
    void shouldFindTheModelThroughThePropertyFirstThenTheRelativeFolders() throws Exception
    {
        final Path named = Files.createDirectories(temp.resolve("named/circuit_d09_r09_p0.005"));
        Files.writeString(named.resolve("model.dem"), "error(0.1) D0\n");
        final Path relative = Files.createDirectories(temp.resolve("shared/golden/circuit_d09_r09_p0.005"));
        Files.writeString(relative.resolve("model.dem"), "error(0.1) D0\n");
        final Path workingDir = Files.createDirectories(temp.resolve("x/y"));

        assertEquals(named.resolve("model.dem"),
            GoldenDems.circuitModel(9, "0.005", temp.resolve("named").toString(), workingDir));
        assertEquals(relative.resolve("model.dem"), GoldenDems.circuitModel(9, "0.005", null, workingDir));
    }
}
