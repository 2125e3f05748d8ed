package io.qecnode.bench.cli;

import io.qecnode.bench.golden.GoldenData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GoldenCommandTest
{
    @Test
    void shouldReportPymatchingsMistakesAndOursPerCase()
    {
        assumeTrue(GoldenData.locate() != null, "reference data not found (../shared/golden)");
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        final int exit = commandLine.execute("golden", "--family", "circuit", "--max-distance", "3", "--only-p",
            "0.005", "--warmup-passes", "0", "--repeats", "1", "--json");

        assertEquals(0, exit, out.toString());
        final String line = out.toString().trim();
        assertTrue(line.startsWith("{\"case\":\"circuit_d03_r03_p0.005\""), line);
        // PyMatching's count on these shots is in the reference README: 372.
        assertTrue(line.contains("\"pymatching_errors\":372,"), line);
        assertTrue(line.contains("\"shots\":20000,"), line);
    }

    @Test
    void shouldSayWhereItLookedWhenTheDataIsMissing()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("golden", "--golden", "/nonexistent/golden"));
        assertTrue(err.toString().contains("reference data not found (no cases.jsonl), --golden=/nonexistent/golden"),
            err.toString());
    }
}
